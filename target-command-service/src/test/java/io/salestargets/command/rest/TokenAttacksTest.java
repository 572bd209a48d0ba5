package io.salestargets.command.rest;

import static io.restassured.RestAssured.given;
import static io.salestargets.command.Api.TYPE;
import static io.salestargets.command.Api.admin;
import static io.salestargets.command.Api.as;
import static io.salestargets.command.Api.monthly;
import static io.salestargets.command.Api.newTenant;
import static io.salestargets.command.Api.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.salestargets.command.store.Sql;
import io.salestargets.localstack.testing.RealInfrastructure;
import io.salestargets.localstack.token.DevToken;
import io.salestargets.localstack.token.TokenAttacks;
import io.salestargets.localstack.token.TokenAttacks.Credential;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Contract section 2: no token or a bad one is 401 (problem+json), on every endpoint. Each attack of
 * {@link TokenAttacks} (built from a full-rights admin of the test's tenant) against each endpoint of
 * {@code /api/v1}; then nothing has changed: rows, lock, types and the event store are as before.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class TokenAttacksTest {

    /** What Vert.x answers, before any of the service's code, to headers over quarkus.http.limits.max-header-size (20K). */
    static final int HEADERS_TOO_LARGE = 431;

    @Inject
    Sql sql;

    private final String tenant = newTenant();
    private final DevToken.Builder boss = admin(tenant);
    private final String anna = row(2026, TYPE, "users/u-anna");
    private final String company = row(2026, TYPE, "company");
    private final String newGroup = row(2026, TYPE, "groups/g-new");

    record Endpoint(String method, String path, Object body) {
        @Override
        public String toString() {
            return method + " " + path.replaceFirst("/t-[0-9a-f-]+", "/<tenant>");
        }
    }

    /** Every endpoint of the service under /api/v1 (contract section 3; TargetTypesResource, TargetRowsResource). */
    private List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET", "/api/v1/target-types", null),
                new Endpoint("POST", "/api/v1/target-types", Map.of("name", "Sale type - Count", "dimension", "sale-type", "unit", "COUNT")),
                new Endpoint("GET", "/api/v1/target-types/" + TYPE, null),
                new Endpoint("GET", "/api/v1/targets/2026/" + TYPE, null),
                new Endpoint("GET", anna, null),
                new Endpoint("PUT", anna, monthly(99999, "g-north")),
                new Endpoint("PUT", newGroup, monthly(5, null)),
                new Endpoint("DELETE", anna, null),
                new Endpoint("POST", anna + "/lock", null),
                new Endpoint("POST", company + "/unlock", null),
                new Endpoint("GET", anna + "/history", null),
                new Endpoint("GET", company + "/history", null));
    }

    @TestFactory
    Stream<DynamicNode> everyEndpointRefusesEveryBadTokenAndNothingChanges() {
        as(boss).body(monthly(10000, "g-north")).put(anna).then().statusCode(201);
        as(boss).body(monthly(20000, null)).put(company).then().statusCode(201);
        as(boss).post(company + "/lock").then().statusCode(200);
        long eventsBefore = events();
        assertThat(eventsBefore).isEqualTo(3);

        List<Credential> credentials = TokenAttacks.credentials(boss);
        Stream<DynamicNode> attacks = endpoints().stream().map(endpoint -> dynamicContainer(endpoint.toString(),
                credentials.stream().map(credential -> dynamicTest(credential.name(), () -> refused(endpoint, credential)))));
        return Stream.concat(attacks, Stream.of(dynamicTest("nothing changed", () -> nothingChanged(eventsBefore))));
    }

    /**
     * Paths under /api that no endpoint answers, and a method that none takes (contract section 2: "every /api/**
     * request"): without a valid token 401 like the endpoints, which says nothing of which paths exist; with one,
     * 404 not-found (405 for the method). /q/* needs no token, and an OPTIONS request answers the same with a token
     * or without (CORS preflights carry none).
     */
    @Test
    void aTokenWithoutIatAsInTheContractsExampleIsAccepted() {
        // contract section 2's example has exp and no iat; iat is optional (RFC 7519)
        as(boss.withoutIssuedAt()).body(monthly(10000, "g-north")).put(anna).then().statusCode(201);
        as(boss.withoutIssuedAt()).get(anna).then().statusCode(200).body("values", hasSize(12));
    }

    @TestFactory
    Stream<DynamicNode> everyUnknownPathUnderApiRefusesEveryBadTokenLikeTheEndpoints() {
        Map<Endpoint, Integer> unknown = Map.of(
                new Endpoint("GET", "/api/v1/no-such-resource", null), 404,
                new Endpoint("POST", "/api/v1/no-such-resource", Map.of("name", "x")), 404,
                new Endpoint("GET", anna + "/no-such", null), 404,
                new Endpoint("GET", "/api/v2/target-types", null), 404,
                new Endpoint("GET", "/api", null), 404,
                new Endpoint("PATCH", "/api/v1/target-types", Map.of("name", "x")), 405);
        List<Credential> credentials = TokenAttacks.credentials(boss);
        Stream<DynamicNode> attacks = unknown.keySet().stream().map(endpoint -> dynamicContainer(endpoint.toString(),
                credentials.stream().map(credential -> dynamicTest(credential.name(), () -> refused(endpoint, credential)))));
        DynamicNode found = dynamicTest("a valid token finds nothing there: 404 not-found (405)", () -> unknown.forEach((endpoint, status) ->
                send(endpoint, new Credential("valid", "Bearer " + boss.sign())).then().statusCode(status)
                        .contentType("application/problem+json")
                        .body("type", equalTo(status == 404 ? "/problems/not-found" : "/problems/method-not-allowed"))
                        .body("status", equalTo(status))));
        DynamicNode outside = dynamicTest("outside /api and for OPTIONS, no token is needed", () -> {
            given().get("/q/health/live").then().statusCode(200);
            given().get("/q/openapi").then().statusCode(200);
            for (String path : List.of("/api/v1/target-types", anna, "/api/v1/no-such-resource")) {
                int withToken = as(boss).options(path).statusCode();
                assertThat(given().options(path).statusCode()).as("OPTIONS " + path).isEqualTo(withToken).isNotEqualTo(401);
            }
        });
        return Stream.concat(attacks, Stream.of(found, outside));
    }

    /** A path whose escapes do not decode (a lone %, sent as %25) is the resources' to refuse, never a 500 (found by RequestPropertiesTest). */
    @Test
    void aPathWithAStrayPercentIsRefusedLikeAnyBadId() {
        String stray = "/api/v1/targets/2026/all-sales-amount/groups/%25";
        given().urlEncodingEnabled(false).get(stray).then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("/problems/unauthenticated"));
        as(boss).urlEncodingEnabled(false).get(stray).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/validation"));
    }

    private void refused(Endpoint endpoint, Credential credential) {
        Response response = credential.name().equals(TokenAttacks.OVERSIZED) ? answered(endpoint, credential) : send(endpoint, credential);

        assertThat(response.statusCode()).as("never accepted, never an error of the service")
                .isNotIn(200, 201, 202, 203, 204, 205, 206).isLessThan(500);
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
        RequestSpecification request = given();
        if (credential.authorization() != null) {
            request.header("Authorization", credential.authorization());
        }
        if (endpoint.body() != null) {
            request.contentType(ContentType.JSON).body(endpoint.body());
        }
        return request.request(endpoint.method(), endpoint.path());
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

    private void nothingChanged(long eventsBefore) {
        as(boss).get(anna).then().statusCode(200).header("ETag", "\"1\"")
                .body("version", equalTo(1))
                .body("locked", equalTo(false))
                .body("values", everyItem(equalTo(10000)));
        as(boss).get(company).then().statusCode(200).header("ETag", "\"2\"")
                .body("version", equalTo(2))
                .body("locked", equalTo(true))
                .body("values", everyItem(equalTo(20000)));
        as(boss).get(newGroup).then().statusCode(404);
        as(boss).get(anna + "/history").then().statusCode(200).body("", hasSize(1));
        as(boss).get("/api/v1/target-types").then().statusCode(200).body("id", equalTo(List.of(TYPE)));
        assertThat(events()).as("events of the tenant in the event store").isEqualTo(eventsBefore);
    }

    private long events() {
        return sql.one("SELECT count(*) FROM events WHERE tenant_id = ?", row -> row.getLong(1), tenant);
    }
}
