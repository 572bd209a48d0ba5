package io.salestargets.command.relay;

import static io.salestargets.command.Api.TYPE;
import static io.salestargets.command.Api.admin;
import static io.salestargets.command.Api.as;
import static io.salestargets.command.Api.metric;
import static io.salestargets.command.Api.newTenant;
import static io.salestargets.command.Api.quarterly;
import static io.salestargets.command.Api.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.oneOf;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salestargets.command.relay.TargetEventsTopic.Published;
import io.salestargets.command.store.EventStore;
import io.salestargets.command.store.Sql;
import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.Measure;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.TargetRowEvent;
import io.salestargets.events.targets.TargetSet;
import io.salestargets.events.targets.TargetTypeAdded;
import io.salestargets.events.targets.Unit;
import io.salestargets.localstack.postgres.DatabaseUrl;
import io.salestargets.localstack.testing.RealInfrastructure;
import io.salestargets.localstack.testing.TestInfrastructure;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** What consumers of targets.events rely on: every committed event, in order per row, with its headers. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class RelayTest {

    @Inject
    EventStore eventStore;

    @Inject
    Sql sql;

    private final String tenant = newTenant();

    @Test
    void eventsOfManyRowsWrittenConcurrentlyArriveInOrderWithNoGapAndTheirHeaders() throws Exception {
        String token = admin(tenant).sign();
        int writers = 6;
        int rowsEach = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            int w = writer;
            done.add(pool.submit(() -> {
                for (int r = 0; r < rowsEach; r++) {
                    String path = row(2026, TYPE, "groups/g-" + w + "-" + r);
                    as(token).body(quarterly(1)).put(path).then().statusCode(201);
                    as(token).body(quarterly(2)).put(path).then().statusCode(200);
                    as(token).post(path + "/lock").then().statusCode(200);
                    as(token).post(path + "/unlock").then().statusCode(200);
                    // a shared row too: its versions come from every writer
                    as(token).body(quarterly(w * 100 + r + 1)).put(row(2026, TYPE, "company")).then().statusCode(oneOf(200, 201));
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        int expected = writers * rowsEach * 4 + writers * rowsEach;

        List<Published> records = TargetEventsTopic.read(tenant, expected, Duration.ofSeconds(60));

        assertThat(records).hasSize(expected);
        Map<String, List<Published>> byRow = records.stream().collect(Collectors.groupingBy(Published::key));
        byRow.forEach((key, events) -> {
            List<Long> versions = events.stream().map(p -> ((TargetRowEvent) p.event()).version()).toList();
            assertThat(versions).as("versions of %s in topic order", key)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
            assertThat(events).extracting(Published::partition).as("one partition per row").containsOnly(events.get(0).partition());
        });
        assertThat(byRow.get(tenant + "/2026/all-sales-amount/company/company")).hasSize(writers * rowsEach);
        for (Published record : records) {
            TargetRowEvent event = (TargetRowEvent) record.event();
            assertThat(record.key()).isEqualTo(event.key());
            assertThat(record.headers())
                    .containsEntry("ce_specversion", "1.0")
                    .containsEntry("ce_id", event.eventId().toString())
                    .containsEntry("ce_type", event.typeName())
                    .containsEntry("ce_source", "/target-command-service")
                    .containsEntry("ce_subject", record.key())
                    .containsEntry("content-type", "application/json");
            assertThat(Instant.parse(record.headers().get("ce_time"))).isEqualTo(event.occurredAt());
        }
    }

    @Test
    void anEventIsPublishedAsSoonAsItsTransactionCommits() {
        // the tests' poll interval is minutes long (application.properties): only the commit's wake-up publishes in time
        as(admin(tenant)).body(quarterly(1)).put(row(2026, TYPE, "groups/g-prompt")).then().statusCode(201);
        long committed = System.nanoTime();

        assertThat(TargetEventsTopic.read(tenant, 1, Duration.ofSeconds(20))).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - committed)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void typeEventsAreKeyedByType() {
        as(admin(tenant)).body(Map.of("name", "Sale type - Count", "dimension", "sale-type", "unit", "COUNT"))
                .post("/api/v1/target-types").then().statusCode(201);

        List<Published> records = TargetEventsTopic.read(tenant, 1, Duration.ofSeconds(30));

        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo(tenant + "/types/sale-type-count");
        assertThat(records.get(0).event()).isInstanceOf(TargetTypeAdded.class);
        assertThat(records.get(0).headers()).containsEntry("ce_type", "TargetTypeAdded");
    }

    @Test
    void aTransactionThatCommitsAfterALaterOneIsStillPublished() throws Exception {
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RowId late = RowId.group(2026, TYPE, "g-late", null);
        TargetSet lateEvent = new TargetSet(UUID.randomUUID(), tenant, late, new Measure("all", Unit.AMOUNT), null,
                Interval.QUARTER, Collections.nCopies(4, BigDecimal.ONE), null, 1, Instant.now(), "u-boss", null);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<?> slow = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
            eventStore.append(lateEvent, 1);
            appended.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();

        // later transactions commit first
        for (int i = 1; i <= 3; i++) {
            as(admin(tenant)).body(quarterly(i)).put(row(2026, TYPE, "groups/g-early-" + i)).then().statusCode(201);
        }
        release.countDown();
        slow.get(30, TimeUnit.SECONDS);
        pool.shutdown();

        List<Published> records = TargetEventsTopic.read(tenant, 4, Duration.ofSeconds(30));
        assertThat(records).extracting(Published::key)
                .contains(tenant + "/2026/all-sales-amount/group/g-late",
                        tenant + "/2026/all-sales-amount/group/g-early-1",
                        tenant + "/2026/all-sales-amount/group/g-early-3");
    }

    /**
     * The relay's horizon counts every transaction of the PostgreSQL server: one that has written in another
     * database holds back every event committed after it began. The metrics name the cause (a backlog that ages,
     * and the age of the transaction in another database); the event goes out once that transaction ends.
     */
    @Test
    void aTransactionOpenInAnotherDatabaseHoldsTheHorizonAndTheMetricsSaySo() throws Exception {
        DatabaseUrl other = TestInfrastructure.get().database().withDatabase("postgres");
        try (Connection elsewhere = DriverManager.getConnection(other.jdbcUrl(), other.user(), other.password())) {
            elsewhere.setAutoCommit(false);
            try (Statement statement = elsewhere.createStatement()) {
                statement.execute("SELECT pg_current_xact_id()"); // a transaction id, as any write takes
            }
            as(admin(tenant)).body(quarterly(1)).put(row(2026, TYPE, "groups/g-held")).then().statusCode(201);

            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(metric("relay_horizon_age_seconds{database=\"other\"}")).isGreaterThanOrEqualTo(2);
                assertThat(metric("relay_backlog_events")).isGreaterThanOrEqualTo(1);
                assertThat(metric("relay_backlog_age_seconds")).isGreaterThanOrEqualTo(1);
            });
            assertThat(metric("relay_horizon_age_seconds{database=\"this\"}")).as("nothing of this database holds it").isLessThan(2);
            assertThat(TargetEventsTopic.read(tenant, 1, Duration.ofSeconds(1))).as("held while the other transaction is open").isEmpty();
            elsewhere.commit();
        }

        assertThat(TargetEventsTopic.read(tenant, 1, Duration.ofSeconds(20))).extracting(Published::key)
                .containsExactly(tenant + "/2026/all-sales-amount/group/g-held");
    }

    /**
     * A transaction that hangs on an instance (a frozen process) holds the relay's horizon: PostgreSQL ends it
     * after the relay's timeout, on every session of the service, commands' too (RelayFailoverIT freezes the
     * relaying instance, whose leading session PostgreSQL ends after as long: idle_session_timeout).
     */
    @Test
    void everySessionOfTheServiceHasATransactionEndedWhenItWaitsLongerThanABatchMay() {
        String timeout = sql.one("SHOW idle_in_transaction_session_timeout", row -> row.getString(1));
        assertThat(timeout).isEqualTo(Relay.IDLE_TIMEOUT.toSeconds() + "s");
    }

    /**
     * One relay leads across instances: the one whose session holds the topic's advisory lock (the operators' query
     * of docs/operations.md finds it). When PostgreSQL ends that session (a failover, an operator, the idle timeout of
     * a frozen process), the relay leads again from the checkpoint: nothing is lost, versions stay in order.
     */
    @Test
    void whenTheLeadingSessionIsEndedTheRelayLeadsAgainAndLosesNothing() {
        String token = admin(tenant).sign();
        String path = row(2026, TYPE, "groups/g-ended");
        as(token).body(quarterly(1)).put(path).then().statusCode(201);
        assertThat(TargetEventsTopic.read(tenant, 1, Duration.ofSeconds(30))).hasSize(1);
        assertThat(sql.<Integer>one(LEADING_SESSIONS, row -> row.getInt(1))).as("sessions leading the relay").isEqualTo(1);

        assertThat(sql.<Integer>one("SELECT count(pg_terminate_backend(pid)) FROM (" + LEADING_PIDS + ") relay", row -> row.getInt(1)))
                .isEqualTo(1);
        for (int version = 2; version <= 4; version++) {
            as(token).body(quarterly(version)).put(path).then().statusCode(200);
        }

        List<Published> records = TargetEventsTopic.read(tenant, 4, Duration.ofSeconds(30));
        assertThat(records.stream().map(p -> ((TargetRowEvent) p.event()).version()).distinct().toList())
                .as("every version, in order").containsExactly(1L, 2L, 3L, 4L);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(sql.<Integer>one(LEADING_SESSIONS, row -> row.getInt(1))).as("sessions leading the relay").isEqualTo(1));
    }

    /** The sessions holding the relay's advisory lock of targets.events (as docs/operations.md finds them). */
    private static final String LEADING_PIDS = """
            SELECT pid FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND objsubid = 1
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND ((classid::bigint << 32) | objid::bigint) = hashtextextended('relay_checkpoints/targets.events', 0)""";
    private static final String LEADING_SESSIONS = "SELECT count(*) FROM (" + LEADING_PIDS + ") relay";

    @Test
    void onAnotherKafkaClusterTheWholeEventStoreIsPublishedAgain() {
        as(admin(tenant)).body(quarterly(1)).put(row(2026, TYPE, "groups/g-moved")).then().statusCode(201);
        assertThat(TargetEventsTopic.read(tenant, 1, Duration.ofSeconds(30))).hasSize(1);

        // as if the event store had been published to another cluster until now
        sql.update("UPDATE relay_checkpoints SET kafka_cluster_id = 'a-cluster-that-is-gone'");
        as(admin(tenant)).body(quarterly(2)).put(row(2026, TYPE, "groups/g-moved")).then().statusCode(200);

        List<Published> records = TargetEventsTopic.read(tenant, 3, Duration.ofSeconds(30));
        assertThat(records).extracting(p -> ((TargetRowEvent) p.event()).version()).containsExactly(1L, 1L, 2L);
    }

    @Test
    void commandsSucceedWhileTheBrokerIsDownAndTheRelayCatchesUp() throws InterruptedException {
        Assumptions.assumeTrue(TestInfrastructure.get().ownsKafka(), "needs the harness's own broker, to stop it");
        String token = admin(tenant).sign();
        as(token).body(quarterly(1)).put(row(2026, TYPE, "groups/g-before")).then().statusCode(201);
        assertThat(TargetEventsTopic.read(tenant, 1, Duration.ofSeconds(30))).hasSize(1);

        // down for longer than the producer's delivery timeout (10 s): the relay's batches fail and are retried
        TestInfrastructure.get().stopKafka();
        int writes = 0;
        try {
            long until = System.nanoTime() + Duration.ofSeconds(13).toNanos();
            while (System.nanoTime() < until) {
                writes++;
                as(token).body(quarterly(writes)).put(row(2026, TYPE, "groups/g-during")).then().statusCode(writes == 1 ? 201 : 200);
                Thread.sleep(250);
            }
        } finally {
            TestInfrastructure.get().startKafka();
        }

        List<Published> records = TargetEventsTopic.read(tenant, 1 + writes, Duration.ofSeconds(90));
        List<Long> during = records.stream().filter(p -> p.key().endsWith("/g-during"))
                .map(p -> ((TargetRowEvent) p.event()).version()).distinct().toList();
        assertThat(during).as("every version, in order").containsExactlyElementsOf(LongStream.rangeClosed(1, writes).boxed().toList());
    }
}
