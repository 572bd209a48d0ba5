package io.salestargets.command.rest;

import static io.salestargets.command.Api.TYPE;
import static io.salestargets.command.Api.admin;
import static io.salestargets.command.Api.as;
import static io.salestargets.command.Api.body;
import static io.salestargets.command.Api.monthly;
import static io.salestargets.command.Api.newTenant;
import static io.salestargets.command.Api.quarterly;
import static io.salestargets.command.Api.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.salestargets.command.domain.TargetRow;
import io.salestargets.events.targets.TargetType;
import io.salestargets.localstack.testing.RealInfrastructure;
import io.salestargets.localstack.token.DevToken;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md, "Limits": every input of the command service, just at its limit (accepted) and
 * just over it (refused, naming the field where the service's code answers), and nothing changed
 * after a refusal.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class InputLimitsTest {

    /** quarkus.http.limits.max-body-size (application.properties). */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** quarkus.http.limits.max-initial-line-length (application.properties). */
    static final int MAX_REQUEST_LINE = 4096;
    /** The id pattern's bound: {@code [A-Za-z0-9][A-Za-z0-9._:-]{0,63}} (also type ids). */
    static final int MAX_ID = 64;

    private final String tenant = newTenant();
    private final DevToken.Builder boss = admin(tenant);
    private final String north = row(2026, TYPE, "groups/g-north");

    @BeforeEach
    void aRowToKeep() {
        as(boss).body(Map.of("interval", "MONTH", "values", Collections.nCopies(12, 7), "currency", "NOK", "reason", "first"))
                .put(north).then().statusCode(201).header("ETag", "\"1\"");
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeTheServiceReadsIt() {
        String atLimit = padded(monthly(8, null), MAX_BODY_BYTES);
        as(boss).body(atLimit).put(north).then().statusCode(200).header("ETag", "\"2\"");

        String overLimit = padded(monthly(9, null), MAX_BODY_BYTES + 1);
        Response refused = as(boss).body(overLimit).put(north);
        // Vert.x answers, with an empty body (not problem+json), and closes the connection
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.asString()).isEmpty();
        unchanged(2, 8);
    }

    @Test
    void valuesHaveExactlyOneEntryPerPeriod() {
        as(boss).body(body("MONTH", Collections.nCopies(13, 1), null)).put(north).then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("/problems/validation"))
                .body("errors.field", contains("values"));
        as(boss).body(body("MONTH", Collections.nCopies(11, 1), null)).put(north).then().statusCode(400)
                .body("errors.field", contains("values"));
        as(boss).body(body("QUARTER", Collections.nCopies(5, 1), null)).put(north).then().statusCode(400)
                .body("errors.field", contains("values"));
        as(boss).body(body("QUARTER", Collections.nCopies(3, 1), null)).put(north).then().statusCode(400)
                .body("errors.field", contains("values"));
        // as many entries as fit in the body limit: one error, not one per entry
        as(boss).body(body("MONTH", Collections.nCopies(20_000, 1), null)).put(north).then().statusCode(400)
                .body("errors.field", contains("values"));
        unchanged(1, 7);
        // a long array of bad entries gets one error for its count, not one per entry
        as(boss).body(body("MONTH", Collections.nCopies(10_000, -1), null)).put(north).then().statusCode(400)
                .body("errors.field", contains("values"));
        unchanged(1, 7);

        // the only row of the plan may change its interval: 4 values for QUARTER are accepted
        as(boss).body(quarterly(3)).put(north).then().statusCode(200).body("values", hasSize(4)).header("ETag", "\"2\"");
    }

    @Test
    void aReasonHasAtMostItsLimitOfCharacters() {
        as(boss).body(withReason(monthly(8, null), "r".repeat(TargetRow.MAX_REASON_LENGTH + 1))).put(north).then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("/problems/validation"))
                .body("errors.field", contains("reason"));
        unchanged(1, 7);

        as(boss).body(withReason(monthly(8, null), "r".repeat(TargetRow.MAX_REASON_LENGTH))).put(north).then().statusCode(200)
                .header("ETag", "\"2\"");
        as(boss).get(north + "/history").then().body("[1].reason", equalTo("r".repeat(TargetRow.MAX_REASON_LENGTH)));
    }

    @Test
    void idsAndTheCurrencyFollowTheirPatterns() {
        String longest = "g" + "x".repeat(MAX_ID - 1);
        String tooLong = longest + "x";
        String anna = row(2026, TYPE, "users/u-anna");
        as(boss).body(monthly(1, tooLong)).put(anna).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("groupId"));
        as(boss).body(monthly(1, "g-north")).put(row(2026, TYPE, "users/" + tooLong)).then().statusCode(400)
                .body("errors.field", contains("userId"));
        as(boss).body(monthly(1, null)).put(row(2026, TYPE, "groups/" + tooLong)).then().statusCode(400)
                .body("errors.field", contains("groupId"));
        as(boss).get(row(2026, TYPE, "groups/" + tooLong)).then().statusCode(400).body("errors.field", contains("groupId"));
        as(boss).get(row(2026, TYPE + "-" + "x".repeat(MAX_ID), "company")).then().statusCode(400)
                .body("errors.field", contains("typeId"));
        as(boss).queryParam("item", tooLong).get(row(2026, TYPE, "company")).then().statusCode(400)
                .body("errors.field", contains("item"));
        Map<String, Object> fourLetters = monthly(1, null);
        fourLetters.put("currency", "NOKK");
        as(boss).body(fourLetters).put(north).then().statusCode(400).body("errors.field", contains("currency"));
        unchanged(1, 7);

        as(boss).body(monthly(1, longest)).put(row(2026, TYPE, "users/" + longest)).then().statusCode(201);
        as(boss).body(monthly(1, null)).put(row(2026, TYPE, "groups/" + longest)).then().statusCode(201);
    }

    @Test
    void aTypeNameAndIdHaveAtMostTheirLimit() {
        String tooLongName = "N".repeat(TargetType.MAX_NAME_LENGTH + 1);
        as(boss).body(type("count-a", tooLongName, "dim-a")).post("/api/v1/target-types").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("/problems/validation"))
                .body("errors.field", contains("name"));
        String tooLongId = "t" + "x".repeat(MAX_ID);
        as(boss).body(type(tooLongId, "Type", "dim-b")).post("/api/v1/target-types").then().statusCode(400)
                .body("errors.field", contains("id"));
        as(boss).body(type(null, "Type", "d" + "x".repeat(MAX_ID))).post("/api/v1/target-types").then().statusCode(400)
                .body("errors.field", contains("dimension"));
        as(boss).get("/api/v1/target-types").then().statusCode(200).body("", hasSize(1));

        String longestId = "t" + "x".repeat(MAX_ID - 1);
        as(boss).body(type(longestId, "N".repeat(TargetType.MAX_NAME_LENGTH), "d" + "x".repeat(MAX_ID - 1)))
                .post("/api/v1/target-types").then().statusCode(201).body("id", equalTo(longestId));
        as(boss).get("/api/v1/target-types").then().body("id", hasItem(longestId))
                .body("name", not(hasItem(tooLongName)));
    }

    @Test
    void aRequestLineOverTheLimitIsRefusedBeforeTheServiceReadsIt() {
        String path = row(2026, TYPE, "company");
        // "GET " + path + "?item=" + item + " HTTP/1.1" is exactly the limit: it reaches the service (400 item)
        int room = MAX_REQUEST_LINE - ("GET " + path + "?item=" + " HTTP/1.1").length();
        as(boss).urlEncodingEnabled(false).get(path + "?item=" + "i".repeat(room)).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("item"));
        Response refused = as(boss).urlEncodingEnabled(false).get(path + "?item=" + "i".repeat(room + 1));
        // Vert.x answers, with an empty body (not problem+json)
        assertThat(refused.statusCode()).isEqualTo(414);
        assertThat(refused.asString()).isEmpty();
    }

    /**
     * {@code ?asOf=} of every GET that takes it is an instant of the contract's years, 2000 to 2100 in UTC, with
     * {@code Z} or an offset, sent URL-encoded as a client sends it ({@code +} as {@code %2B}): just inside, the
     * answer of the row (404 before it existed); just outside and at {@code Instant}'s own far edges, 400 naming asOf.
     */
    @Test
    void asOfIsAnInstantOfTheContractsYears() {
        String dialog = "/api/v1/targets/2026/" + TYPE;
        asOf(north, "2000-01-01T00:00:00Z").then().statusCode(404);
        asOf(north, "2100-12-31T23:59:59.999999999Z").then().statusCode(200).body("version", equalTo(1));
        asOf(north, "2101-01-01T00:59:59+01:00").then().statusCode(200);
        asOf(north + "/history", "2100-12-31T23:59:59Z").then().statusCode(200).body("", hasSize(1));
        asOf(dialog, "2100-12-31T23:59:59Z").then().statusCode(200);
        for (String outside : List.of("1999-12-31T23:59:59.999999999Z", "2000-01-01T00:30:00+01:00", "2101-01-01T00:00:00Z",
                "2100-12-31T23:00:00-01:00", "0000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                "+1000000000-01-01T00:00:00Z")) {
            for (String target : List.of(north, north + "/history", dialog)) {
                asOf(target, outside).then().statusCode(400).contentType("application/problem+json")
                        .body("type", equalTo("/problems/validation")).body("errors.field", contains("asOf"));
            }
        }
        unchanged(1, 7);
    }

    private Response asOf(String target, String asOf) {
        return as(boss).urlEncodingEnabled(false).get(target + "?asOf=" + URLEncoder.encode(asOf, StandardCharsets.UTF_8));
    }

    private void unchanged(int version, int value) {
        as(boss).get(north).then().statusCode(200).header("ETag", "\"" + version + "\"")
                .body("version", equalTo(version)).body("values", equalTo(Collections.nCopies(12, value)))
                .body("currency", equalTo(version == 1 ? "NOK" : null));
        as(boss).get(north + "/history").then().body("", hasSize(version));
    }

    private static Map<String, Object> type(String id, String name, String dimension) {
        Map<String, Object> type = new LinkedHashMap<>();
        if (id != null) {
            type.put("id", id);
        }
        type.put("name", name);
        type.put("dimension", dimension);
        type.put("unit", "COUNT");
        return type;
    }

    private static Map<String, Object> withReason(Map<String, Object> body, String reason) {
        body.put("reason", reason);
        return body;
    }

    /** The body as JSON, padded with spaces (insignificant) to exactly {@code bytes}. */
    private static String padded(Map<String, Object> body, int bytes) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, Object> field : body.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(field.getKey()).append("\":");
            json.append(field.getValue() instanceof List<?> list ? list.toString().replace(" ", "") : "\"" + field.getValue() + "\"");
        }
        json.append('}');
        int padding = bytes - json.toString().getBytes(StandardCharsets.UTF_8).length;
        String padded = " ".repeat(padding) + json;
        assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return padded;
    }
}
