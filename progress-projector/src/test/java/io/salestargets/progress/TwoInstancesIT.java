package io.salestargets.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.target.Interval;
import io.salestargets.events.target.RowId;
import io.salestargets.events.target.TargetSet;
import io.salestargets.events.target.TargetType;
import io.salestargets.localstack.process.Ports;
import io.salestargets.localstack.service.ServiceProcess;
import io.salestargets.localstack.testing.TestInfrastructure;
import io.salestargets.localstack.testing.TestTopics;
import io.salestargets.localstack.token.DevKeys;
import io.salestargets.localstack.token.DevToken;
import io.salestargets.progress.query.InstanceForwarder;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged projector against one broker share the partitions; each answers for
 * every key, forwarding to the other the keys it owns, with the same result.
 */
class TwoInstancesIT {

    private static final List<ServiceProcess> INSTANCES = new ArrayList<>();
    private static final String TENANT = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoInstances() {
        String bootstrap = TestInfrastructure.get().bootstrapServers();
        Path run = Path.of("target", "two-instances", UUID.randomUUID().toString()).toAbsolutePath();
        for (String name : List.of("a", "b")) {
            int port = Ports.free();
            ServiceProcess instance = new ServiceProcess(new ServiceProcess.Settings("progress-projector-" + name,
                    Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath(), port, run, run.resolve(name + ".log")));
            INSTANCES.add(instance);
            instance.start(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                    "KAFKA_STREAMS_STATE_DIR", run.resolve(name + "-state").toString(),
                    "PROJECTOR_INSTANCE_ID", "it-" + name,
                    "PROJECTOR_ADVERTISED_ADDRESS", "127.0.0.1:" + port,
                    "MP_JWT_VERIFY_PUBLICKEY", DevKeys.publicKeyPem(),
                    "MP_JWT_VERIFY_ISSUER", DevKeys.ISSUER), Duration.ofSeconds(120));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(TwoInstancesIT::stopInstances));
    }

    @AfterAll
    static void stopInstances() {
        INSTANCES.forEach(instance -> instance.stop(Duration.ofSeconds(20)));
    }

    @Test
    void eachInstanceAnswersForEveryKeyWithTheSameResult() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String user = "u-" + i;
            users.add(user);
            TestTopics.produce(Topics.SALES, TENANT + "/s-" + i, ("{\"type\":\"SaleWon\",\"tenantId\":\"%s\",\"saleId\":\"s-%d\",\"wonDate\":\"2026-03-14\","
                    + "\"userId\":\"%s\",\"groupId\":\"g-%d\",\"amount\":%d}").formatted(TENANT, i, user, i % 4, 100 + i));
        }
        String token = DevToken.builder().tenant(TENANT).sign();

        Set<String> answeredBy = new HashSet<>();
        for (String user : users) {
            String path = "/api/v1/progress/2026/all-sales-amount/users/" + user;
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(get(INSTANCES.get(0), path, token).body()).contains("\"total\":{\"target\":null,\"actual\":" + (100 + users.indexOf(user))));
            HttpResponse<String> first = get(INSTANCES.get(0), path, token);
            HttpResponse<String> second = get(INSTANCES.get(1), path, token);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(second.body()).as("the same view from either instance").isEqualTo(first.body());
            String owner = first.headers().firstValue(InstanceForwarder.ANSWERED_BY).orElseThrow();
            assertThat(second.headers().firstValue(InstanceForwarder.ANSWERED_BY)).contains(owner);
            answeredBy.add(owner);
        }
        assertThat(answeredBy).as("both instances own some of the keys").hasSize(2);

        HttpResponse<String> listFromA = get(INSTANCES.get(0), "/api/v1/progress/2026/all-sales-amount", token);
        HttpResponse<String> listFromB = get(INSTANCES.get(1), "/api/v1/progress/2026/all-sales-amount", token);
        assertThat(listFromA.statusCode()).isEqualTo(200);
        assertThat(listFromB.body()).as("a list gathered from both instances").isEqualTo(listFromA.body());
        assertThat(listFromA.body()).contains("\"ownerId\":\"u-0\"").contains("\"ownerId\":\"u-23\"").contains("\"ownerId\":\"g-3\"");
    }

    @Test
    void aForwardedQueryKeepsItsTargetsAsOf() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String user = "u-" + i;
            users.add(user);
            RowId row = RowId.user(2026, "all-sales-amount", user, null);
            for (int version = 1; version <= 2; version++) {
                TargetSet set = new TargetSet(UUID.randomUUID(), tenant, row, TargetType.ALL_SALES_AMOUNT.measure(), "g-north",
                        Interval.MONTH, Collections.nCopies(12, BigDecimal.valueOf(100L * version)), null, version,
                        Instant.parse(version == 1 ? "2026-01-05T09:00:00Z" : "2026-07-01T09:00:00Z"), "u-boss", null);
                TestTopics.produce(Topics.TARGET_EVENTS, set.key(), EventJson.writeString(set));
            }
        }
        String token = DevToken.builder().tenant(tenant).sign();

        Set<String> answeredBy = new HashSet<>();
        for (String user : users) {
            String path = "/api/v1/progress/2026/all-sales-amount/users/" + user;
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
        assertThat(answeredBy).as("both instances own some of the keys").hasSize(2);

        for (ServiceProcess instance : INSTANCES) {
            String list = get(instance, "/api/v1/progress/2026/all-sales-amount?targetsAsOf=2026-06-30T00:00:00Z", token).body();
            assertThat(list).as("a list gathered from both instances").contains("\"usersTargetTotal\":14400").doesNotContain("\"targetVersion\":2");
        }
    }

    private static HttpResponse<String> get(ServiceProcess instance, String path, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(instance.url() + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
