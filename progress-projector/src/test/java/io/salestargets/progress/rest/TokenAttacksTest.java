package io.salestargets.progress.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.TargetSet;
import io.salestargets.events.targets.TargetType;
import io.salestargets.localstack.testing.TestTopics;
import io.salestargets.localstack.token.DevToken;
import io.salestargets.localstack.token.TokenAttacks;
import io.salestargets.localstack.token.TokenAttacks.Credential;
import io.salestargets.progress.ProjectorInfrastructure;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Contract section 2 (and 5: "same token and rights as the command service"): no token or a bad one
 * is 401 (problem+json), on every endpoint, the live one (server-sent events) included. Each attack of
 * {@link TokenAttacks} (built from a full-rights admin of the test's tenant) against each endpoint of
 * {@code /api/v1}; the projector has no write endpoint, so "nothing changed" is the view read with a
 * valid token, the same before and after.
 */
@QuarkusTest
@WithTestResource(ProjectorInfrastructure.class)
class TokenAttacksTest {

    /** What Vert.x answers, before any of the service's code, to headers over quarkus.http.limits.max-header-size (20K). */
    static final int HEADERS_TOO_LARGE = 431;

    /** A bad token that got through to the live endpoint would hold the stream open: fail instead of waiting. */
    private static final RestAssuredConfig TEN_SECONDS = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 10_000).setParam("http.socket.timeout", 10_000));

    private final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private final DevToken.Builder boss = DevToken.builder().tenant(tenant).user("u-boss");
    private final String base = "/api/v1/progress/2026/all-sales-amount";

    record Endpoint(String path, boolean live) {
        @Override
        public String toString() {
            return "GET " + path;
        }
    }

    /** Every endpoint of the projector under /api/v1 (contract section 5; ProgressResource, ProgressTypesResource). */
    private List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("/api/v1/progress/types", false),
                new Endpoint(base, false),
                new Endpoint(base + "/items", false),
                new Endpoint(base + "/company", false),
                new Endpoint(base + "/groups/g-north", false),
                new Endpoint(base + "/users/u-anna", false),
                new Endpoint(base + "/users/u-anna?asOf=2026-06-30", false),
                new Endpoint(base + "/users/u-anna/events", true),
                new Endpoint(base + "/company/events", true));
    }

    @TestFactory
    Stream<DynamicNode> everyEndpointRefusesEveryBadTokenAndNothingChanges() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        TargetSet target = new TargetSet(UUID.randomUUID(), tenant, RowId.user(2026, TargetType.ALL_SALES_AMOUNT.id(), "u-anna", null),
                TargetType.ALL_SALES_AMOUNT.measure(), "g-north", Interval.MONTH, Collections.nCopies(12, new BigDecimal("1000")), null,
                1, Instant.now(), "u-boss", null);
        TestTopics.produce(Topics.TARGET_EVENTS, target.key(), EventJson.writeString(target));
        TestTopics.produce(Topics.SALES, tenant + "/s-1", ("{\"type\":\"SaleWon\",\"tenantId\":\"%s\",\"saleId\":\"s-1\",\"wonDate\":\"2026-03-14\","
                + "\"userId\":\"u-anna\",\"groupId\":\"g-north\",\"amount\":250}").formatted(tenant));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ProgressView view = view();
            assertThat(view.targetVersion()).isEqualTo(1L);
            assertThat(view.total().actual()).isEqualByComparingTo("250");
        });
        ProgressView before = view();

        List<Credential> credentials = TokenAttacks.credentials(boss);
        Stream<DynamicNode> attacks = endpoints().stream().map(endpoint -> dynamicContainer(endpoint.toString(),
                credentials.stream().map(credential -> dynamicTest(credential.name(), () -> refused(endpoint, credential)))));
        DynamicNode controls = dynamicTest("a valid token reads every endpoint that is not live", () -> endpoints().stream()
                .filter(endpoint -> !endpoint.live())
                .forEach(endpoint -> given().auth().oauth2(boss.sign()).get(endpoint.path()).then().statusCode(200)));
        DynamicNode unchanged = dynamicTest("nothing changed", () -> assertThat(view()).isEqualTo(before));
        return Stream.concat(attacks, Stream.of(controls, unchanged));
    }

    /**
     * Paths under /api that no endpoint answers (contract section 2: "every /api/** request"): without a valid
     * token 401 like the endpoints, which says nothing of which paths exist; with one, 404 not-found. Outside
     * /api, the dashboard's files and /q/* need no token, and an OPTIONS request answers the same with a token or
     * without (CORS preflights carry none).
     */
    @TestFactory
    Stream<DynamicNode> everyUnknownPathUnderApiRefusesEveryBadTokenLikeTheEndpoints() {
        List<Endpoint> unknown = List.of(
                new Endpoint("/api/v1/no-such-resource", false),
                new Endpoint(base + "/users/u-anna/no-such", false),
                new Endpoint("/api/v2/progress/types", false),
                new Endpoint("/api", false));
        List<Credential> credentials = TokenAttacks.credentials(boss);
        Stream<DynamicNode> attacks = unknown.stream().map(endpoint -> dynamicContainer(endpoint.toString(),
                credentials.stream().map(credential -> dynamicTest(credential.name(), () -> refused(endpoint, credential)))));
        DynamicNode found = dynamicTest("a valid token finds nothing there: 404 not-found", () -> unknown.forEach(endpoint ->
                given().auth().oauth2(boss.sign()).get(endpoint.path()).then().statusCode(404)
                        .contentType("application/problem+json")
                        .body("type", equalTo("/problems/not-found"))
                        .body("status", equalTo(404))));
        DynamicNode outside = dynamicTest("outside /api and for OPTIONS, no token is needed", () -> {
            given().get("/").then().statusCode(200).contentType("text/html");
            given().get("/dashboard.js").then().statusCode(200);
            given().get("/q/health/live").then().statusCode(200);
            given().get("/q/openapi").then().statusCode(200);
            for (String path : List.of("/api/v1/progress/types", base + "/company", "/api/v1/no-such-resource")) {
                int withToken = given().auth().oauth2(boss.sign()).options(path).statusCode();
                assertThat(given().options(path).statusCode()).as("OPTIONS " + path).isEqualTo(withToken).isNotEqualTo(401);
            }
        });
        return Stream.concat(attacks, Stream.of(found, outside));
    }

    /** A path whose escapes do not decode (a lone %, sent as %25) is the resources' to refuse, never a 500. */
    @Test
    void aTokenWithoutIatAsInTheContractsExampleIsAccepted() {
        // contract section 2's example has exp and no iat; iat is optional (RFC 7519)
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        given().header("Authorization", "Bearer " + boss.withoutIssuedAt().sign()).get(base + "/company")
                .then().statusCode(200).body("tenantId", equalTo(tenant)).body("ownerId", equalTo("company"));
    }

    @Test
    void aPathWithAStrayPercentIsRefusedLikeAnyBadId() {
        String stray = base + "/groups/%25";
        given().urlEncodingEnabled(false).get(stray).then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("/problems/unauthenticated"));
        given().urlEncodingEnabled(false).auth().oauth2(boss.sign()).get(stray).then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("/problems/validation"));
    }

    private void refused(Endpoint endpoint, Credential credential) {
        Response response = credential.name().equals(TokenAttacks.OVERSIZED) ? answered(endpoint, credential) : send(endpoint, credential);

        assertThat(response.statusCode()).as("never accepted, never an error of the service").isNotEqualTo(200).isLessThan(500);
        if (credential.name().equals(TokenAttacks.OVERSIZED)) {
            assertThat(response.statusCode()).as("headers too large").isEqualTo(HEADERS_TOO_LARGE);
            return;
        }
        response.then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("/problems/unauthenticated"))
                .body("status", equalTo(401));
    }

    private static Response send(Endpoint endpoint, Credential credential) {
        RequestSpecification request = given().config(TEN_SECONDS);
        if (credential.authorization() != null) {
            request.header("Authorization", credential.authorization());
        }
        if (endpoint.live()) {
            request.accept("text/event-stream");
        }
        return request.get(endpoint.path());
    }

    /**
     * Vert.x answers 431 and closes the connection while the client may still be sending the rest of
     * the headers: the client then sometimes sees the connection reset instead of the answer. Ask
     * again until it reads the answer.
     */
    private static Response answered(Endpoint endpoint, Credential credential) {
        Exception last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                return send(endpoint, credential);
            } catch (Exception e) { // the connection reset (SocketException, thrown undeclared by RestAssured)
                last = e;
            }
        }
        throw new AssertionError("no answer in 10 attempts", last);
    }

    private ProgressView view() {
        return given().auth().oauth2(boss.sign()).get(base + "/users/u-anna?asOf=2026-06-30").then().statusCode(200)
                .extract().as(ProgressView.class);
    }
}
