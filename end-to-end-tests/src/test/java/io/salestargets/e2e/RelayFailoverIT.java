package io.salestargets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.localstack.postgres.DatabaseUrl;
import io.salestargets.localstack.service.ServiceProcess;
import io.salestargets.localstack.testing.TestInfrastructure;
import io.salestargets.localstack.token.DevToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, faults 4 and 5: two command service instances on one event store; both take commands,
 * one relay at a time publishes (the one whose session holds the relay's advisory lock). Under a steady
 * load of commands, three times, the instance whose relay leads (it has batches in flight, sent and not
 * yet acknowledged, as long as commands come) is killed with SIGKILL and started again. After each kill, the other instance's relay publishes a new
 * event within 10 s. At the end, {@code targets.events} holds every event of
 * every row, in version order, without a gap; a resent event is an exact copy (same id), and the
 * projector, which ignores it, shows every row at its last version.
 */
class RelayFailoverIT {

    private static final int YEAR = LocalDate.now().getYear();
    private static final String TENANT = "relay-" + UUID.randomUUID().toString().substring(0, 6);
    private static final List<String> USERS = IntStream.rangeClosed(1, 40).mapToObj(i -> "u-%03d".formatted(i)).toList();
    private static final Duration TAKEOVER = Duration.ofSeconds(10);
    /** The leading session's idle_session_timeout (30 s), plus a try for the lock and a batch. */
    private static final Duration FROZEN_TAKEOVER = Duration.ofSeconds(40);
    private static final DatabaseUrl DATABASE = TestInfrastructure.get().database();
    private static Stack stack;

    private final String token = DevToken.builder().tenant(TENANT).sign();
    private final Http progress = new Http(stack.projector.url() + "/api/v1/progress", token);

    @BeforeAll
    static void start() {
        stack = new Stack(DATABASE, 2);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void whenTheInstanceThatRelaysIsKilledTheOtherTakesOverAndNothingIsLostOrReordered() throws Exception {
        Load load = new Load();
        List<Duration> takeovers = new ArrayList<>();
        List<String> killed = new ArrayList<>();
        for (int kill = 1; kill <= 3; kill++) {
            Thread.sleep(3_000);
            ServiceProcess victim = leadingUnderLoad();
            load.down.set(victim);
            Stack.kill(victim);
            killed.add(victim.name());
            takeovers.add(takeover(survivorOf(victim), TAKEOVER.plusSeconds(20)));
            stack.start(victim);
            load.down.set(null);
        }
        Thread.sleep(2_000);
        Load.Result result = load.stopAndCheck();
        assertThat(takeovers).as("from a command on the survivor to its event on targets.events").allSatisfy(took ->
                assertThat(took).isLessThan(TAKEOVER));
        System.out.printf("RelayFailoverIT: %d commands on 2 instances, killed while leading: %s, takeovers in %s, %d events, %d of them resent%n",
                result.commands(), killed, takeovers, result.events(), result.resent());
    }

    /**
     * A frozen instance (SIGSTOP: a long GC pause, a VM suspended, a network cut without a reset) keeps
     * its database session, and with it the relay's lock: PostgreSQL ends that session after
     * {@code idle_session_timeout} (30 s), and the other relay takes over. Resumed, the frozen one finds
     * its session gone and its checkpoint not moved; whatever it still sends is an exact copy, ignored.
     */
    @Test
    void aFrozenInstanceLosesTheCheckpointAfterThirtySecondsAndItsLateSendsAreHarmless() throws Exception {
        Load load = new Load();
        Thread.sleep(3_000);
        ServiceProcess frozen = freezeLeading();
        load.down.set(frozen);
        Duration takeover;
        try {
            takeover = takeover(survivorOf(frozen), FROZEN_TAKEOVER.plusSeconds(20));
        } finally {
            signal("CONT", frozen);
        }
        load.down.set(null);
        Thread.sleep(3_000);
        Load.Result result = load.stopAndCheck();
        assertThat(takeover).as("from a command on the survivor to its event on targets.events: the frozen batch held the "
                + "checkpoint until PostgreSQL ended it").isBetween(Duration.ofSeconds(20), FROZEN_TAKEOVER);
        System.out.printf("RelayFailoverIT: %s frozen while leading, the other relay took over in %s; %d commands, %d events, %d resent%n",
                frozen.name(), takeover, result.commands(), result.events(), result.resent());
    }

    /** Four writers setting ten rows each, in turn on either instance, until {@link #stopAndCheck}. */
    private final class Load {

        record Result(int commands, int events, int resent) {
        }

        final AtomicReference<ServiceProcess> down = new AtomicReference<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        private final List<CompletableFuture<Integer>> writers = new ArrayList<>();

        Load() {
            for (int writer = 0; writer < 4; writer++) {
                List<String> rows = USERS.subList(writer * 10, writer * 10 + 10);
                writers.add(CompletableFuture.supplyAsync(() -> write(rows, running, down, acknowledged)));
            }
        }

        /**
         * Stops the writers and checks that every acknowledged version, and every version since, is on
         * {@code targets.events} in order, and that the projector shows each row's last version.
         */
        Result stopAndCheck() {
            running.set(false);
            int commands = writers.stream().mapToInt(CompletableFuture::join).sum();
            Http commandsApi = new Http(stack.commands.url() + "/api/v1", token);
            Map<String, Long> finalVersions = new HashMap<>();
            for (String user : USERS) {
                finalVersions.put(key(user), commandsApi.get(row(user)).body().get("version").asLong());
            }
            acknowledged.forEach((rowKey, version) -> assertThat(finalVersions.get(rowKey)).as(rowKey).isGreaterThanOrEqualTo(version));
            List<Topic.Entry> events = Topic.read(Topics.TARGET_EVENTS, key -> key.startsWith(TENANT + "/"),
                    entries -> published(entries, finalVersions), Duration.ofSeconds(60));
            int resent = assertInOrderWithoutGapsOrLoss(events, finalVersions);
            Awaitility.await("every row at its last version in the projector").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (String user : USERS) {
                    assertThat(progress.get("/" + YEAR + "/all-sales-amount/users/" + user).body().get("targetVersion").asLong())
                            .as(user).isEqualTo(finalVersions.get(key(user)));
                }
            });
            return new Result(commands, events.size(), resent);
        }
    }

    private static ServiceProcess survivorOf(ServiceProcess instance) {
        return stack.commandInstances.get(instance == stack.commandInstances.get(0) ? 1 : 0);
    }

    /**
     * Freezes (SIGSTOP) the instance whose relay leads, and makes sure that it still did once the process
     * stopped (else the leadership moved in between: it is thawed and caught again).
     */
    private static ServiceProcess freezeLeading() throws Exception {
        for (int attempt = 1; attempt <= 20; attempt++) {
            ServiceProcess instance = leadingUnderLoad();
            signal("STOP", instance);
            if (instance == leading().orElse(null)) {
                return instance;
            }
            signal("CONT", instance);
            Thread.sleep(200);
        }
        throw new AssertionError("no relay could be frozen while leading in 20 attempts");
    }

    private static void signal(String signal, ServiceProcess instance) throws Exception {
        long pid = instance.process().orElseThrow().pid();
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor()).isZero();
    }

    /**
     * The instance whose relay leads, under the load's steady commands: it has batches in flight. Found as
     * operators find it (docs/operations.md): the session holding the relay's advisory lock, by its name.
     */
    private static ServiceProcess leadingUnderLoad() throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ServiceProcess> leading = leading();
            if (leading.isPresent()) {
                return leading.get();
            }
        }
        throw new AssertionError("no relay led within 60 s");
    }

    private static Optional<ServiceProcess> leading() throws SQLException {
        try (Connection connection = DriverManager.getConnection(DATABASE.jdbcUrl(), DATABASE.user(), DATABASE.password());
                PreparedStatement relaying = connection.prepareStatement("""
                        SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND a.datname = current_database()
                          AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended('relay_checkpoints/targets.events', 0)
                          AND a.application_name LIKE 'target-command-service@%'""");
                ResultSet sessions = relaying.executeQuery()) {
            if (!sessions.next()) {
                return Optional.empty();
            }
            String host = sessions.getString(1).substring("target-command-service@".length());
            return stack.commandInstances.stream().filter(instance -> instance.name().equals(host)).findFirst();
        }
    }

    /** How long until an event committed on the survivor right after the kill is on targets.events. */
    private Duration takeover(ServiceProcess survivor, Duration patience) {
        String user = USERS.get(0);
        long started = System.nanoTime();
        Http.Answer answer = new Http(survivor.url() + "/api/v1", token).put(row(user), body(user, BigDecimal.valueOf(7)));
        assertThat(answer.status()).as(answer.text()).isIn(200, 201);
        long version = answer.body().get("version").asLong();
        Topic.read(Topics.TARGET_EVENTS, key -> key.equals(key(user)),
                entries -> entries.stream().anyMatch(entry -> version(entry) == version), patience);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Sets the rows in turn, on either instance (the one that is up), until told to stop; returns how many it sent. */
    private int write(List<String> rows, AtomicBoolean running, AtomicReference<ServiceProcess> down, Map<String, Long> acknowledged) {
        int sent = 0;
        while (running.get()) {
            String user = rows.get(sent % rows.size());
            ServiceProcess instance = stack.commandInstances.get(sent % 2);
            if (instance == down.get()) {
                instance = stack.commandInstances.get((sent + 1) % 2);
            }
            sent++;
            Http.Answer answer;
            try {
                answer = new Http(instance.url() + "/api/v1", token).put(row(user), body(user, BigDecimal.valueOf(1_000 + sent)));
            } catch (UncheckedIOException killedMeanwhile) {
                continue;
            }
            if (answer.status() == 200 || answer.status() == 201) {
                acknowledged.merge(key(user), answer.body().get("version").asLong(), Math::max);
            }
        }
        return sent;
    }

    /**
     * Per row, in the order of the topic: versions 1, 2, 3, ... up to the row's last, none missing; a
     * version seen before may come again only as an exact copy (a resend). Returns how many were resent.
     */
    private static int assertInOrderWithoutGapsOrLoss(List<Topic.Entry> events, Map<String, Long> finalVersions) {
        Map<String, List<JsonNode>> byRow = new HashMap<>();
        for (Topic.Entry event : events) {
            byRow.computeIfAbsent(event.key(), key -> new ArrayList<>()).add(json(event.value()));
        }
        int resent = 0;
        for (Map.Entry<String, Long> row : finalVersions.entrySet()) {
            List<JsonNode> stream = byRow.getOrDefault(row.getKey(), List.of());
            Map<Long, String> ids = new HashMap<>();
            long highest = 0;
            for (JsonNode event : stream) {
                long version = event.get("version").asLong();
                String id = event.get("eventId").asText();
                if (version <= highest) {
                    assertThat(ids.get(version)).as("%s version %d again, as a copy of the first", row.getKey(), version).isEqualTo(id);
                    resent++;
                } else {
                    assertThat(version).as("%s: the version after %d", row.getKey(), highest).isEqualTo(highest + 1);
                    highest = version;
                    ids.put(version, id);
                }
            }
            assertThat(highest).as("%s: its last version is published", row.getKey()).isEqualTo(row.getValue());
        }
        assertThat(Set.copyOf(byRow.keySet())).isEqualTo(finalVersions.keySet());
        return resent;
    }

    private static boolean published(List<Topic.Entry> entries, Map<String, Long> finalVersions) {
        Map<String, Long> highest = new HashMap<>();
        entries.forEach(entry -> highest.merge(entry.key(), version(entry), Math::max));
        return finalVersions.entrySet().stream().allMatch(row -> highest.getOrDefault(row.getKey(), 0L) >= row.getValue());
    }

    private static long version(Topic.Entry entry) {
        return json(entry.value()).get("version").asLong();
    }

    private static JsonNode json(String value) {
        try {
            return EventJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String row(String user) {
        return "/targets/" + YEAR + "/all-sales-amount/users/" + user;
    }

    private static String key(String user) {
        return TENANT + "/" + YEAR + "/all-sales-amount/user/" + user;
    }

    private static Map<String, Object> body(String user, BigDecimal value) {
        return Map.of("interval", "MONTH", "values", Collections.nCopies(12, value), "groupId", "g-1");
    }
}
