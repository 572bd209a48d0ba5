package io.salestargets.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.Topics;
import io.salestargets.localstack.process.Ports;
import io.salestargets.localstack.service.ServiceProcess;
import io.salestargets.localstack.testing.TestInfrastructure;
import io.salestargets.localstack.token.DevKeys;
import io.salestargets.localstack.token.DevToken;
import io.salestargets.progress.query.InstanceForwarder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Scale-out: a second instance of the packaged projector joins one that has caught up with the sales of
 * several tenants. It warms up copies of the stores (standby replicas, as {@code deploy/k8s} runs them), and
 * takes active tasks within {@code probing.rebalance.interval.ms} (60 s) of being caught up, with the views
 * exact from either instance before and after the move.
 *
 * <p>The instances run with {@code acceptable.recovery.lag} 1,000 instead of the 10,000 of production, so
 * that 18,000 sales, not a hundred thousand, make the new instance warm up first: the mechanism and the
 * probing interval are those of production. "Caught up" is read from the new instance's
 * {@code projector_store_lag_records}: all its copies together within {@code acceptable.recovery.lag}. That b has
 * to warm up at all is read from the changelogs before it starts (each tenant's 1,500 sale states are more than
 * {@code acceptable.recovery.lag}): the gauge, read once a second, may miss a restore this short. Kafka
 * Streams judges each task alone, so it may move tasks a little before that (a negative interval): the bound
 * checked is the probing interval plus a margin.
 */
class ScaleOutIT {

    private static final Path RUN = Path.of("target", "scale-out", UUID.randomUUID().toString()).toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String HOP_SECRET = "scale-out-" + UUID.randomUUID();
    private static final long ACCEPTABLE_RECOVERY_LAG = 1_000;
    private static final Duration PROBING_INTERVAL = Duration.ofMillis(Long.parseLong(
            applicationProperties().getProperty("kafka-streams.probing.rebalance.interval.ms")));
    /**
     * Past the probing interval: the rebalance itself (join and sync of both members, the moved tasks'
     * transactional producers, the new owner restoring what it lacked) and the first answer of a moved key.
     */
    private static final Duration MARGIN = Duration.ofSeconds(20);
    /** How long a reading of b's metrics or owners may take while it starts: the loop must not miss its warm-up. */
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(2);
    private static final int TENANTS = 12;
    private static final int USERS = 30;
    private static final int SALES_PER_TENANT = 1_500;
    private static final Pattern STORE_LAG = Pattern.compile("^projector_store_lag_records(?:\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
    private static final Pattern STANDBY_TASKS = Pattern.compile("^projector_partitions\\{[^}]*role=\"standby\"[^}]*} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern ACTIVE_TASKS = Pattern.compile("^projector_partitions\\{[^}]*role=\"active\"[^}]*} (\\S+)$", Pattern.MULTILINE);

    private static final List<ServiceProcess> INSTANCES = new ArrayList<>();

    @AfterAll
    static void stopInstances() {
        INSTANCES.forEach(instance -> instance.stop(Duration.ofSeconds(20)));
    }

    @Test
    void aNewInstanceTakesActiveTasksWithinAMinuteOfCatchingUp() throws Exception {
        ServiceProcess a = start("a");
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> tenants = new ArrayList<>();
        Map<String, Long> companyTotals = new HashMap<>();
        Map<String, Long> userTotals = new HashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {
            for (int t = 0; t < TENANTS; t++) {
                String tenant = "t-" + run + "-" + t;
                tenants.add(tenant);
                for (int s = 0; s < SALES_PER_TENANT; s++) {
                    String user = "u-" + (s % USERS);
                    long amount = 100 + (s % 50);
                    producer.send(new ProducerRecord<>(Topics.SALES, tenant + "/s-" + s, ("{\"type\":\"SaleWon\",\"tenantId\":\"%s\","
                            + "\"saleId\":\"s-%d\",\"wonDate\":\"2026-03-14\",\"userId\":\"%s\",\"groupId\":\"g-%d\",\"amount\":%d}")
                            .formatted(tenant, s, user, s % 3, amount)));
                    companyTotals.merge(tenant, amount, Long::sum);
                    userTotals.merge(tenant + "/" + user, amount, Long::sum);
                }
            }
            producer.flush();
        }
        long caughtUpStarted = System.nanoTime();
        for (String tenant : tenants) {
            Awaitility.await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(get(a, companyPath(), token(tenant)).body()).contains(actual(companyTotals.get(tenant))));
        }
        log("a caught up with %d sales of %d tenants in %.1f s", TENANTS * SALES_PER_TENANT, TENANTS, seconds(System.nanoTime() - caughtUpStarted));

        log("a's RSS after catching up: %d MiB", residentMib(a));

        // b starts with no state: each task's changelogs are all it must copy before it counts as caught up
        long largestTaskChangelog = largestTaskChangelog(applicationId());
        log("the largest task's changelogs hold %d records", largestTaskChangelog);
        assertThat(largestTaskChangelog).as("b has to warm up: a task's changelogs hold more than acceptable.recovery.lag records")
                .isGreaterThan(ACCEPTABLE_RECOVERY_LAG);

        // b's gauges are read from its start on: it may catch up, and even take tasks, before it is ready
        ServiceProcess b = instance("b");
        long bStarted = System.nanoTime();
        CompletableFuture<Void> bReady = CompletableFuture.runAsync(() -> start(b));
        double largestLag = 0;
        Long caughtUpAt = null;
        Long activeAt = null;
        String last = "";
        int round = 0;
        long deadline = bStarted + Duration.ofMinutes(5).toNanos();
        while ((activeAt == null || caughtUpAt == null) && System.nanoTime() < deadline) {
            String metrics = metrics(b);
            double lag = gauge(STORE_LAG, metrics).orElse(Double.NaN);
            double standbys = gauge(STANDBY_TASKS, metrics).orElse(0.0);
            double active = gauge(ACTIVE_TASKS, metrics).orElse(0.0);
            String now = "%.0f standby, %.0f active partitions, %.0f records behind".formatted(standbys, active, lag);
            if (!now.equals(last)) {
                log("b at %.1f s: %s", seconds(System.nanoTime() - bStarted), now);
                last = now;
            }
            if (!Double.isNaN(lag)) {
                largestLag = Math.max(largestLag, lag);
            }
            if (caughtUpAt == null && standbys > 0 && lag <= ACCEPTABLE_RECOVERY_LAG) {
                caughtUpAt = System.nanoTime();
                log("b caught up %.1f s after its start: %.0f records behind (%.0f at most)", seconds(caughtUpAt - bStarted), lag, largestLag);
            }
            // one tenant a round, so that the metrics are read often while b starts (a request then may wait)
            if (activeAt == null && answeredBy(b, tenants.get(round++ % TENANTS)).equals(address(b))) {
                activeAt = System.nanoTime();
                log("b owns views %.1f s after its start", seconds(activeAt - bStarted));
            }
            Thread.sleep(100);
        }
        bReady.join();
        assertThat(caughtUpAt).as("b caught up").isNotNull();
        assertThat(activeAt).as("b owns some of the views").isNotNull();
        Duration toActive = Duration.ofNanos(activeAt - caughtUpAt);
        log("b active %.1f s after being caught up (%.1f s after its start)", seconds(activeAt - caughtUpAt), seconds(activeAt - bStarted));
        assertThat(toActive).as("from caught up to active").isLessThanOrEqualTo(PROBING_INTERVAL.plus(MARGIN));

        // the views exact from either instance after the move, and each instance owns some of them
        Map<String, Integer> owners = new HashMap<>();
        for (String tenant : tenants) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (ServiceProcess instance : List.of(a, b)) {
                    assertThat(get(instance, companyPath(), token(tenant)).body()).contains(actual(companyTotals.get(tenant)));
                }
            });
            owners.merge(answeredBy(a, tenant), 1, Integer::sum);
            for (int u = 0; u < USERS; u += 7) {
                String path = "/api/v1/progress/2026/all-sales-amount/users/u-" + u;
                HttpResponse<String> fromA = get(a, path, token(tenant));
                HttpResponse<String> fromB = get(b, path, token(tenant));
                assertThat(fromA.body()).contains(actual(userTotals.get(tenant + "/u-" + u)));
                assertThat(fromB.body()).as("the same view from either instance").isEqualTo(fromA.body());
            }
        }
        assertThat(owners).as("both instances own some of the companies' views").containsOnlyKeys(address(a), address(b));
        assertThat(gauge(ACTIVE_TASKS, metrics(b))).hasValueSatisfying(active -> assertThat(active).isPositive());
        log("RSS at the end: a %d MiB, b %d MiB", residentMib(a), residentMib(b));
    }

    private static ServiceProcess start(String name) {
        ServiceProcess instance = instance(name);
        start(instance);
        return instance;
    }

    private static ServiceProcess instance(String name) {
        int port = Ports.free();
        ServiceProcess instance = new ServiceProcess(new ServiceProcess.Settings("progress-projector-scale-out-" + name,
                Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath(), port, RUN, RUN.resolve(name + ".log")));
        INSTANCES.add(instance);
        return instance;
    }

    private static void start(ServiceProcess instance) {
        String name = instance.name().substring(instance.name().lastIndexOf('-') + 1);
        instance.start(Map.ofEntries(
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.get().bootstrapServers()),
                Map.entry("KAFKA_STREAMS_STATE_DIR", RUN.resolve(name + "-state").toString()),
                Map.entry("KAFKA_STREAMS_NUM_STANDBY_REPLICAS", "1"),
                Map.entry("KAFKA_STREAMS_ACCEPTABLE_RECOVERY_LAG", Long.toString(ACCEPTABLE_RECOVERY_LAG)),
                // its own consumer group: the other ITs' instances share the broker under the default application id
                Map.entry("QUARKUS_KAFKA_STREAMS_APPLICATION_ID", applicationId()),
                Map.entry("PROJECTOR_INSTANCE_ID", "scale-out-" + name),
                Map.entry("PROJECTOR_ADVERTISED_ADDRESS", address(instance)),
                Map.entry("MP_JWT_VERIFY_PUBLICKEY", DevKeys.publicKeyPem()),
                Map.entry("MP_JWT_VERIFY_ISSUER", DevKeys.ISSUER),
                Map.entry("MP_JWT_VERIFY_AUDIENCES", DevKeys.AUDIENCE),
                Map.entry("PROJECTOR_HOP_SECRET", HOP_SECRET)), Duration.ofSeconds(120));
    }

    private static String applicationId() {
        return "progress-projector-scale-out-" + RUN.getFileName();
    }

    /**
     * The records in the changelogs of the task that has the most, as Kafka Streams judges a new instance's lag: per
     * task (one partition number), all its stores' changelog partitions added up, from an empty local state.
     */
    private static long largestTaskChangelog(String applicationId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().bootstrapServers()))) {
            List<String> changelogs = admin.listTopics().names().get().stream()
                    .filter(topic -> topic.startsWith(applicationId + "-") && topic.endsWith("-changelog")).toList();
            assertThat(changelogs).as("the changelogs of " + applicationId).isNotEmpty();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(changelogs).allTopicNames().get().values().forEach(topic -> topic.partitions().forEach(partition ->
                    ends.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
            Map<Integer, Long> perTask = new HashMap<>();
            admin.listOffsets(ends).all().get().forEach((partition, end) -> perTask.merge(partition.partition(), end.offset(), Long::sum));
            return perTask.values().stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }

    /** The instance's metrics, or "" while it does not answer yet. */
    private static String metrics(ServiceProcess instance) throws InterruptedException {
        try {
            return get(instance, "/q/metrics", null, POLL_TIMEOUT).body();
        } catch (IOException notListeningYet) {
            return "";
        }
    }

    /** Resident memory of the instance's process (VmRSS), in MiB. */
    private static long residentMib(ServiceProcess instance) throws IOException {
        long pid = instance.process().orElseThrow().pid();
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream().filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024).findFirst().orElseThrow();
    }

    private static String companyPath() {
        return "/api/v1/progress/2026/all-sales-amount/company";
    }

    private static String actual(long total) {
        return "\"total\":{\"target\":null,\"actual\":" + total;
    }

    private static String token(String tenant) {
        return DevToken.builder().tenant(tenant).sign();
    }

    private static String address(ServiceProcess instance) {
        return instance.url().substring("http://".length());
    }

    /** The instance that holds the tenant's company view, as the one asked says; "" while it cannot tell (rebalancing). */
    private static String answeredBy(ServiceProcess asked, String tenant) {
        try {
            HttpResponse<String> response = get(asked, companyPath(), token(tenant), POLL_TIMEOUT);
            return response.statusCode() == 200 ? response.headers().firstValue(InstanceForwarder.ANSWERED_BY).orElse("") : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Double> gauge(Pattern gauge, String metrics) {
        Matcher matcher = gauge.matcher(metrics);
        return matcher.find() ? Optional.of(Double.parseDouble(matcher.group(1))) : Optional.empty();
    }

    private static HttpResponse<String> get(ServiceProcess instance, String path, String token) throws IOException, InterruptedException {
        return get(instance, path, token, Duration.ofSeconds(30));
    }

    private static HttpResponse<String> get(ServiceProcess instance, String path, String token, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(instance.url() + path)).timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[ScaleOutIT] " + format + "%n", args);
    }

    private static Properties applicationProperties() {
        Properties properties = new Properties();
        try (InputStream in = ScaleOutIT.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
