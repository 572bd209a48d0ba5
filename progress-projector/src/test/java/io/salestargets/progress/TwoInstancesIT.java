package io.salestargets.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.TargetSet;
import io.salestargets.events.targets.TargetType;
import io.salestargets.localstack.process.Ports;
import io.salestargets.localstack.service.ServiceProcess;
import io.salestargets.localstack.testing.TestInfrastructure;
import io.salestargets.localstack.testing.TestTopics;
import io.salestargets.localstack.token.DevKeys;
import io.salestargets.localstack.token.DevToken;
import io.salestargets.progress.query.InstanceForwarder;
import io.salestargets.progress.query.InstanceHops;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged projector against one broker share the partitions (a tenant's data is in
 * one of them); each answers for every tenant, forwarding to the other the tenants it holds, with the same
 * result.
 */
class TwoInstancesIT {

    private static final List<ServiceProcess> INSTANCES = new ArrayList<>();
    private static final List<Integer> PORTS = new ArrayList<>();
    private static final Path RUN = Path.of("target", "two-instances", UUID.randomUUID().toString()).toAbsolutePath();
    private static final String TENANT = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** projector.hop-secret of both instances: the hops between them carry its proof. */
    private static final String HOP_SECRET = "two-instances-" + UUID.randomUUID();

    @BeforeAll
    static void startTwoInstances() {
        for (String name : List.of("a", "b")) {
            int port = Ports.free();
            ServiceProcess instance = new ServiceProcess(new ServiceProcess.Settings("progress-projector-" + name,
                    Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath(), port, RUN, RUN.resolve(name + ".log")));
            INSTANCES.add(instance);
            PORTS.add(port);
            start(INSTANCES.size() - 1, RUN.resolve(name + "-state"));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(TwoInstancesIT::stopInstances));
    }

    /** Starts instance 0 (a) or 1 (b) with a state directory. */
    private static void start(int index, Path state) {
        String name = index == 0 ? "a" : "b";
        INSTANCES.get(index).start(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.get().bootstrapServers(),
                "KAFKA_STREAMS_STATE_DIR", state.toString(),
                "PROJECTOR_INSTANCE_ID", "it-" + name,
                "PROJECTOR_ADVERTISED_ADDRESS", "127.0.0.1:" + PORTS.get(index),
                "MP_JWT_VERIFY_PUBLICKEY", DevKeys.publicKeyPem(),
                "MP_JWT_VERIFY_ISSUER", DevKeys.ISSUER,
                "MP_JWT_VERIFY_AUDIENCES", DevKeys.AUDIENCE,
                "PROJECTOR_HOP_SECRET", HOP_SECRET), Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopInstances() {
        INSTANCES.forEach(instance -> instance.stop(Duration.ofSeconds(20)));
    }

    @Test
    void eachInstanceAnswersForEveryTenantWithTheSameResult() throws Exception {
        // a tenant's data is in one partition: tenants spread over both instances
        List<String> tenants = tenants(24);
        for (int i = 0; i < tenants.size(); i++) {
            won(tenants.get(i), "u-0", "s-0", 100 + i);
        }
        Set<String> answeredBy = new HashSet<>();
        for (String tenant : tenants) {
            String token = DevToken.builder().tenant(tenant).sign();
            String path = "/api/v1/progress/2026/all-sales-amount/users/u-0";
            String actual = "\"total\":{\"target\":null,\"actual\":" + (100 + tenants.indexOf(tenant));
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get(INSTANCES.get(0), path, token).body()).contains(actual));
            HttpResponse<String> first = get(INSTANCES.get(0), path, token);
            HttpResponse<String> second = get(INSTANCES.get(1), path, token);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(second.body()).as("the same view from either instance").isEqualTo(first.body());
            String owner = first.headers().firstValue(InstanceForwarder.ANSWERED_BY).orElseThrow();
            assertThat(second.headers().firstValue(InstanceForwarder.ANSWERED_BY)).contains(owner);
            answeredBy.add(owner);
        }
        assertThat(answeredBy).as("both instances hold some of the tenants").hasSize(2);

        for (int i = 0; i < 8; i++) {
            won(TENANT, "u-" + i, "s-" + i, 100 + i);
        }
        String token = DevToken.builder().tenant(TENANT).sign();
        String list = "/api/v1/progress/2026/all-sales-amount";
        // every sale applied (they come from several partitions of crm.sales, in any order): then both lists are final
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String body = get(INSTANCES.get(0), list, token).body();
            for (int i = 0; i < 8; i++) {
                assertThat(body).contains("\"ownerId\":\"u-" + i + "\"");
            }
        });
        HttpResponse<String> listFromA = get(INSTANCES.get(0), list, token);
        HttpResponse<String> listFromB = get(INSTANCES.get(1), list, token);
        assertThat(listFromA.statusCode()).isEqualTo(200);
        assertThat(listFromB.body()).as("the same list from either instance").isEqualTo(listFromA.body());
        assertThat(listFromA.body()).contains("\"ownerId\":\"u-0\"").contains("\"ownerId\":\"g-north\"");
    }

    @Test
    void aClientsHopHeadersAreIgnoredAndAHopWithoutTheSecretIsRefused() throws Exception {
        List<String> tenants = tenants(12);
        for (int i = 0; i < tenants.size(); i++) {
            won(tenants.get(i), "u-0", "s-0", 100 + i);
        }
        ServiceProcess a = INSTANCES.get(0);

        Set<String> answeredBy = new HashSet<>();
        for (String tenant : tenants) {
            String token = DevToken.builder().tenant(tenant).sign();
            String path = "/api/v1/progress/2026/all-sales-amount/users/u-0";
            String actual = "\"total\":{\"target\":null,\"actual\":" + (100 + tenants.indexOf(tenant));
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get(a, path, token).body()).contains(actual));
            long start = System.nanoTime();
            HttpResponse<String> claimedHop = get(a, path, token, InstanceForwarder.FORWARDED, "true");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(claimedHop.statusCode()).as("a client's X-Projector-Forwarded is ignored: " + claimedHop.body()).isEqualTo(200);
            assertThat(claimedHop.body()).contains(actual);
            assertThat(took).as("no wait for a key the instance does not own").isLessThan(Duration.ofMillis(1500));
            answeredBy.add(claimedHop.headers().firstValue(InstanceForwarder.ANSWERED_BY).orElseThrow());
        }
        assertThat(answeredBy).as("both instances hold some of the tenants: some were forwarded").hasSize(2);

        String token = DevToken.builder().tenant(tenants.get(0)).sign();
        String path = "/api/v1/progress/2026/all-sales-amount/users/u-0";
        String otherSecret = new InstanceHops(Optional.of("not the instances' secret"), Clock.systemUTC())
                .proof("GET", path, InstanceForwarder.FORWARDED, "true");
        String otherPath = new InstanceHops(Optional.of(HOP_SECRET), Clock.systemUTC())
                .proof("GET", path + "?asOf=2026-03-14", InstanceForwarder.FORWARDED, "true");
        for (String proof : List.of(otherSecret, otherPath)) {
            for (ServiceProcess instance : INSTANCES) {
                HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(instance.url() + path))
                        .header("Authorization", "Bearer " + token).header(InstanceForwarder.FORWARDED, "true")
                        .header(InstanceHops.PROOF, proof).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
                assertThat(refused.body()).contains("/problems/forbidden").contains(InstanceHops.PROOF);
            }
        }
    }

    @Test
    void aForwardedQueryKeepsItsTargetsAsOf() throws Exception {
        List<String> tenants = tenants(12);
        for (String tenant : tenants) {
            setMonthly(tenant, "u-0", 1, 100, Instant.parse("2026-01-05T09:00:00Z"));
            setMonthly(tenant, "u-0", 2, 200, Instant.parse("2026-07-01T09:00:00Z"));
        }

        Set<String> answeredBy = new HashSet<>();
        for (String tenant : tenants) {
            String token = DevToken.builder().tenant(tenant).sign();
            String path = "/api/v1/progress/2026/all-sales-amount/users/u-0";
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(get(INSTANCES.get(0), path, token).body()).contains("\"targetVersion\":2"));
            for (ServiceProcess instance : INSTANCES) {
                HttpResponse<String> before = get(instance, path + "?targetsAsOf=2026-06-30T00:00:00Z", token);
                assertThat(before.statusCode()).isEqualTo(200);
                assertThat(before.body()).as("the targets before the revision, from either instance")
                        .contains("\"targetVersion\":1").contains("\"total\":{\"target\":1200,");
                answeredBy.add(before.headers().firstValue(InstanceForwarder.ANSWERED_BY).orElseThrow());
            }
        }
        assertThat(answeredBy).as("both instances hold some of the tenants").hasSize(2);

        for (String tenant : tenants) {
            String token = DevToken.builder().tenant(tenant).sign();
            for (ServiceProcess instance : INSTANCES) {
                String list = get(instance, "/api/v1/progress/2026/all-sales-amount?targetsAsOf=2026-06-30T00:00:00Z", token).body();
                assertThat(list).as("a list from either instance").contains("\"usersTargetTotal\":1200").doesNotContain("\"targetVersion\":2");
            }
        }
    }

    @Test
    void aTargetAttainedIsPublishedOnceThoughAnInstanceRestartsWithoutItsState() throws Exception {
        String prefix = "t-" + UUID.randomUUID().toString().substring(0, 8) + "x";
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tenants.add(prefix + i);
        }
        for (String tenant : tenants) {
            setMonthly(tenant, "u-0", 1, 10, Instant.now());   // 120 a year
            won(tenant, "u-0", "s-1", 200);
        }
        assertThat(ProgressRecords.attainedOfTenants(prefix, records -> records.size() >= 12)).hasSize(12);

        // b stops, and starts again with an empty state directory: its tasks are restored from the changelogs
        INSTANCES.get(1).stop(Duration.ofSeconds(20));
        start(1, RUN.resolve("b-state-again"));
        for (String tenant : tenants) {
            won(tenant, "u-0", "s-2", 1);
        }
        // every row published again over its target (the view of 201), by the restored stores
        ProgressRecords.readOfTenants(prefix, records -> tenants.stream().allMatch(tenant -> records.stream().anyMatch(record ->
                record.key().equals(tenant + "/2026/all-sales-amount/user/u-0") && ProgressRecords.json(record).at("/total/actual").asInt() == 201)));
        Set<String> answeredBy = new HashSet<>();
        for (String tenant : tenants) {
            answeredBy.add(get(INSTANCES.get(0), "/api/v1/progress/2026/all-sales-amount/users/u-0", DevToken.builder().tenant(tenant).sign())
                    .headers().firstValue(InstanceForwarder.ANSWERED_BY).orElseThrow());
        }
        assertThat(answeredBy).as("the restarted instance holds some of the tenants").contains("127.0.0.1:" + PORTS.get(1));
        for (String tenant : tenants) {
            setMonthly(tenant, "u-0", 2, 15, Instant.now());   // raised to 180: reached at once (201)
        }

        List<ConsumerRecord<String, String>> attained = ProgressRecords.attainedOfTenants(prefix, records ->
                records.stream().filter(record -> ProgressRecords.json(record).get("targetVersion").asLong() == 2).count() >= 12);
        for (String tenant : tenants) {
            // one partition holds every record of a key, in order: a second one of version 1 would come before version 2
            assertThat(attained.stream().filter(record -> record.key().equals(tenant + "/2026/all-sales-amount/user/u-0#attained"))
                    .map(record -> ProgressRecords.json(record).get("targetVersion").asLong())).as(tenant).containsExactly(1L, 2L);
        }
    }

    /** Fresh tenants, spread over the tenant stage's partitions by their ids. */
    private static List<String> tenants(int count) {
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tenants.add("t-" + UUID.randomUUID().toString().substring(0, 8));
        }
        return tenants;
    }

    private static void setMonthly(String tenant, String user, long version, long monthly, Instant occurredAt) {
        TargetSet set = new TargetSet(UUID.randomUUID(), tenant, RowId.user(2026, "all-sales-amount", user, null),
                TargetType.ALL_SALES_AMOUNT.measure(), "g-north", Interval.MONTH, Collections.nCopies(12, BigDecimal.valueOf(monthly)), null,
                version, occurredAt, "u-boss", null);
        TestTopics.produce(Topics.TARGET_EVENTS, set.key(), EventJson.writeString(set));
    }

    private static void won(String tenant, String user, String saleId, long amount) {
        TestTopics.produce(Topics.SALES, tenant + "/" + saleId, ("{\"type\":\"SaleWon\",\"tenantId\":\"%s\",\"saleId\":\"%s\","
                + "\"wonDate\":\"2026-03-14\",\"userId\":\"%s\",\"groupId\":\"g-north\",\"amount\":%d}").formatted(tenant, saleId, user, amount));
    }

    private static HttpResponse<String> get(ServiceProcess instance, String path, String token, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(instance.url() + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
