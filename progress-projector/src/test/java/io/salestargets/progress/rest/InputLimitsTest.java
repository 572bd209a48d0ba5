package io.salestargets.progress.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.targets.TargetType;
import io.salestargets.events.targets.TargetTypeAdded;
import io.salestargets.events.targets.Unit;
import io.salestargets.localstack.testing.TestTopics;
import io.salestargets.localstack.token.DevToken;
import io.salestargets.progress.ProjectorInfrastructure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md, "Limits": every input of the projector's API, just at its limit (accepted) and
 * just over it (refused, naming the field where the service's code answers).
 */
@QuarkusTest
@WithTestResource(ProjectorInfrastructure.class)
class InputLimitsTest {

    /** quarkus.http.limits.max-body-size (application.properties). */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** quarkus.http.limits.max-initial-line-length (application.properties). */
    static final int MAX_REQUEST_LINE = 4096;
    /** The id pattern's bound: {@code [A-Za-z0-9][A-Za-z0-9._:-]{0,63}} (also type ids). */
    static final int MAX_ID = 64;

    private final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private final String base = "/api/v1/progress/2026/all-sales-amount";
    private final String longest = "x".repeat(MAX_ID);
    private final String tooLong = longest + "x";

    @BeforeEach
    void awaitReady() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void idsInThePathHaveAtMostTheirLimit() {
        as().get(base + "/users/" + longest).then().statusCode(200).body("ownerId", equalTo(longest));
        as().get(base + "/users/" + tooLong).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/validation")).body("errors.field", contains("userId"));
        as().get(base + "/groups/" + longest).then().statusCode(200);
        as().get(base + "/groups/" + tooLong).then().statusCode(400).body("errors.field", contains("groupId"));
        as().get("/api/v1/progress/2026/t" + "x".repeat(MAX_ID - 1) + "/company").then().statusCode(404);
        as().get("/api/v1/progress/2026/t" + "x".repeat(MAX_ID) + "/company").then().statusCode(400)
                .body("errors.field", contains("typeId"));
    }

    @Test
    void anItemHasAtMostTheIdLimit() {
        TargetTypeAdded added = new TargetTypeAdded(UUID.randomUUID(), tenant,
                new TargetType("sale-type-count", "Sale type - Count", "sale-type", Unit.COUNT), Instant.now(), "u-admin");
        TestTopics.produce(Topics.TARGET_EVENTS, added.key(), EventJson.writeString(added));
        String list = "/api/v1/progress/2026/sale-type-count/company";

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as().queryParam("item", longest).get(list).then().statusCode(200).body("item", equalTo(longest)));
        as().queryParam("item", tooLong).get(list).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("item"));
        as().queryParam("item", tooLong).get("/api/v1/progress/2026/sale-type-count").then().statusCode(400)
                .body("errors.field", contains("item"));
    }

    @Test
    void asOfIsADate() {
        as().queryParam("asOf", "2026-06-30").get(base + "/company").then().statusCode(200)
                .body("toDate.asOf", equalTo("2026-06-30"));
        as().queryParam("asOf", "2026-06-300").get(base + "/company").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("asOf"));
        as().queryParam("asOf", "2".repeat(3000)).get(base).then().statusCode(400).body("errors.field", contains("asOf"));
    }

    /**
     * {@code ?asOf=} (a date) and {@code ?targetsAsOf=} (an instant, {@code Z} or an offset) of the view and the
     * dialog are of the contract's years, 2000 to 2100 (UTC), sent URL-encoded as a client sends them ({@code +}
     * as {@code %2B}): just inside, the view; just outside and at the far edges of {@code LocalDate} and
     * {@code Instant}, 400 naming the field (LocalDate.MAX was a 500 of the progress calculation).
     */
    @Test
    void datesAreOfTheContractsYears() {
        for (String target : List.of(base + "/company", base)) {
            for (String inside : List.of("2000-01-01", "2100-12-31", "2026-06-30")) {
                query(target, "asOf", inside).then().statusCode(200);
            }
            query(base + "/company", "asOf", "2100-12-31").then().body("toDate.asOf", equalTo("2100-12-31"));
            for (String outside : List.of("1999-12-31", "2101-01-01", "0000-01-01", "+999999999-12-31", "-999999999-01-01",
                    "+10000-01-01")) {
                query(target, "asOf", outside).then().statusCode(400).contentType("application/problem+json")
                        .body("type", equalTo("/problems/validation")).body("errors.field", contains("asOf"));
            }
            for (String inside : List.of("2000-01-01T00:00:00Z", "2100-12-31T23:59:59.999999999Z", "2026-06-30T02:00:00+02:00",
                    "1999-12-31T23:00:00-01:00")) {
                query(target, "targetsAsOf", inside).then().statusCode(200);
            }
            for (String outside : List.of("1999-12-31T23:59:59Z", "2000-01-01T00:30:00+01:00", "2101-01-01T00:00:00Z",
                    "0000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z")) {
                query(target, "targetsAsOf", outside).then().statusCode(400).contentType("application/problem+json")
                        .body("type", equalTo("/problems/validation")).body("errors.field", contains("targetsAsOf"));
            }
        }
    }

    private Response query(String target, String name, String value) {
        return as().urlEncodingEnabled(false).get(target + "?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    @Test
    void aRequestLineOverTheLimitIsRefusedBeforeTheServiceReadsIt() {
        String path = base + "/company";
        // "GET " + path + "?item=" + item + " HTTP/1.1" is exactly the limit: it reaches the service (400 item)
        int room = MAX_REQUEST_LINE - ("GET " + path + "?item=" + " HTTP/1.1").length();
        as().urlEncodingEnabled(false).get(path + "?item=" + "i".repeat(room)).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("item"));
        Response refused = as().urlEncodingEnabled(false).get(path + "?item=" + "i".repeat(room + 1));
        // Vert.x answers, with an empty body (not problem+json)
        assertThat(refused.statusCode()).isEqualTo(414);
        assertThat(refused.asString()).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeTheServiceReadsIt() {
        // the API takes no bodies: one at the limit reaches it (405, problem+json), one over it does not
        as().contentType("application/json").body(" ".repeat(MAX_BODY_BYTES - 2) + "{}").post(base + "/company").then()
                .statusCode(405).contentType("application/problem+json");
        Response refused = as().contentType("application/json").body(" ".repeat(MAX_BODY_BYTES - 1) + "{}").post(base + "/company");
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.asString()).isEmpty();
    }

    private RequestSpecification as() {
        return given().auth().oauth2(DevToken.builder().tenant(tenant).user("u-boss").sign());
    }
}
