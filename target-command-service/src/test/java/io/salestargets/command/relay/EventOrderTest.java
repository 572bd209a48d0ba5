package io.salestargets.command.relay;

import static io.salestargets.command.Api.TYPE;
import static io.salestargets.command.Api.admin;
import static io.salestargets.command.Api.as;
import static io.salestargets.command.Api.newTenant;
import static io.salestargets.command.Api.quarterly;
import static io.salestargets.command.Api.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.salestargets.command.relay.TargetEventsTopic.Published;
import io.salestargets.command.store.Sql;
import io.salestargets.events.targets.TargetRowEvent;
import io.salestargets.localstack.testing.RealInfrastructure;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Bulk requests (plan, copy, copy-year), which set many rows in one transaction, racing single PUTs on the same
 * rows: on {@code targets.events} every row's versions still arrive 1, 2, ... n, in order, none missing.
 *
 * <p>Each writer is a client that sends a request again when the service answers that it met too many
 * concurrent writes ({@code 412 version-conflict} to a request without {@code If-Match}, after its 30 tries, or
 * {@code 503} with {@code Retry-After} after repeated deadlocks):
 * on a loaded machine a single PUT racing bulk requests queued on the same plan can lose every try (the
 * bulk requests lock the plan, the PUT of a row that keeps its interval does not; issue 16's plan lock).
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class EventOrderTest {

    private static final int ROWS = 30;
    private static final int ROUNDS = 8;
    private static final int TRIES = 5;

    @Inject
    Sql sql;

    private final String tenant = newTenant();

    @Test
    void bulkRequestsRacingSinglePutsOnTheSameRowsKeepEachRowsVersionsInOrderOnTheTopic() throws Exception {
        String token = admin(tenant).sign();
        List<Map<String, Object>> owners = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            String group = String.format("g-%02d", r);
            owners.add(Map.of("level", "GROUP", "ownerId", group));
            as(token).body(quarterly(1)).put(row(2025, TYPE, "groups/" + group)).then().statusCode(201);
            as(token).body(quarterly(1)).put(row(2026, TYPE, "groups/" + group)).then().statusCode(201);
        }
        String plan = "/api/v1/targets/2026/" + TYPE;
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        List<Runnable> writers = List.of(
                () -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        List<Map<String, Object>> rows = new ArrayList<>();
                        for (Map<String, Object> owner : owners) {
                            Map<String, Object> planned = new LinkedHashMap<>(owner);
                            planned.put("yearly", 400 + round);
                            planned.put("split", "even");
                            rows.add(planned);
                        }
                        statuses.add(answered(() -> as(token).body(Map.of("interval", "QUARTER", "rows", rows)).post(plan + "/plan")));
                    }
                },
                () -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        int percent = round + 1;
                        statuses.add(answered(() -> as(token).body(Map.of("from", Map.of("year", 2025, "typeId", TYPE, "level", "GROUP",
                                "ownerId", "g-00"), "to", owners.subList(1, ROWS), "changePercent", percent)).post(plan + "/copy")));
                    }
                },
                () -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        int percent = 50 + round;
                        statuses.add(answered(() -> as(token).body(Map.of("changePercent", percent)).post(plan + "/copy-year")));
                    }
                },
                () -> singlePuts(token, statuses, 0),
                () -> singlePuts(token, statuses, 1));
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (Runnable writer : writers) {
                done.add(pool.submit(() -> {
                    start.await();
                    writer.run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).as("every request answered, none failed").containsOnly(200);

        Map<String, Long> lastVersions = new LinkedHashMap<>();
        long expected = 0;
        for (int r = 0; r < ROWS; r++) {
            String group = String.format("g-%02d", r);
            for (int year : List.of(2025, 2026)) {
                long version = as(token).get(row(year, TYPE, "groups/" + group)).jsonPath().getLong("version");
                lastVersions.put(tenant + "/" + year + "/" + TYPE + "/group/" + group, version);
                expected += version;
            }
        }
        List<Published> published = TargetEventsTopic.read(tenant, (int) expected, Duration.ofSeconds(60));
        Map<String, List<Long>> versions = new LinkedHashMap<>();
        for (Published record : published) {
            versions.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(((TargetRowEvent) record.event()).version());
        }
        lastVersions.forEach((key, last) -> assertThat(versions.get(key))
                .as("the versions of %s on targets.events; on the topic: %s; in the event store: %s", key,
                        published.stream().filter(record -> record.key().equals(key))
                                .map(record -> "v" + ((TargetRowEvent) record.event()).version() + "@" + record.partition() + ":"
                                        + record.offset())
                                .toList(),
                        stored(key))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList()));
    }

    /** A stream's events as the relay reads them, for a failure's message: version, transaction, position. */
    private List<String> stored(String stream) {
        return sql.list("SELECT version, transaction_id::text, position FROM events WHERE stream = ? ORDER BY version",
                row -> "v" + row.getLong(1) + " xid " + row.getString(2) + " position " + row.getLong(3), stream);
    }

    /**
     * The status of a request, sent again (at most {@value #TRIES} times in all) while the service answers that it
     * met too many concurrent writes (412 {@code version-conflict}, or 503 with {@code Retry-After}, after which it
     * waits as told): every request here sets values whatever the row holds, so sending it again
     * is safe.
     */
    private static int answered(Supplier<Response> request) {
        for (int attempt = 1; ; attempt++) {
            Response response = request.get();
            boolean tooContended = response.statusCode() == 412 && "version-conflict".equals(problemType(response));
            boolean tryAgainShortly = response.statusCode() == 503 && response.header("Retry-After") != null;
            if (!(tooContended || tryAgainShortly) || attempt == TRIES) {
                return response.statusCode();
            }
            if (tryAgainShortly) {
                try {
                    Thread.sleep(1000L * Long.parseLong(response.header("Retry-After")));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return response.statusCode();
                }
            }
        }
    }

    private static String problemType(Response response) {
        String type = response.jsonPath().getString("type");
        return type == null ? null : type.substring(type.lastIndexOf('/') + 1);
    }

    /** PUTs on every row of the plan, the last rows first: they meet the bulk requests' transactions midway. */
    private static void singlePuts(String token, ConcurrentLinkedQueue<Integer> statuses, int writer) {
        for (int round = 0; round < ROUNDS / 2; round++) {
            for (int r = ROWS - 1; r >= 0; r--) {
                int value = 1000 * writer + 10 * round + r % 10 + 2;
                String path = row(2026, TYPE, String.format("groups/g-%02d", r));
                statuses.add(answered(() -> as(token).body(quarterly(value)).put(path)));
            }
        }
    }
}
