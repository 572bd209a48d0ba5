package io.salestargets.command.rest;

import static io.salestargets.command.Api.TYPE;
import static io.salestargets.command.Api.admin;
import static io.salestargets.command.Api.as;
import static io.salestargets.command.Api.monthly;
import static io.salestargets.command.Api.newTenant;
import static io.salestargets.command.Api.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salestargets.command.service.IdempotencyKeys;
import io.salestargets.command.store.Sql;
import io.salestargets.localstack.testing.RealInfrastructure;
import io.salestargets.localstack.token.DevToken;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Idempotency keys are the caller's (tenant and user), a replay passes the request's rights checks as they are
 * now, and keys expire after the retention (24 h), deleted by the cleanup.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class IdempotencyKeysTest {

    @Inject
    IdempotencyKeys keys;

    @Inject
    Sql sql;

    private final String tenant = newTenant();
    private final DevToken.Builder anna = admin(tenant).user("u-anna");
    private final DevToken.Builder bo = admin(tenant).user("u-bo");
    private final String north = row(2026, TYPE, "groups/g-north");
    private final String plan = "/api/v1/targets/2026/" + TYPE + "/plan";

    @Test
    void anotherUserOfTheTenantWithTheSameKeyAndBodyHasTheRequestProcessedAsTheirOwn() {
        String key = UUID.randomUUID().toString();
        as(anna).header("Idempotency-Key", key).body(monthly(1, null)).put(north).then().statusCode(201);

        as(bo).header("Idempotency-Key", key).body(monthly(1, null)).put(north).then()
                .statusCode(200).header("Location", (String) null).body("updatedBy", equalTo("u-anna"));
        as(admin(tenant).user("u-cy")).header("Idempotency-Key", key).body(monthly(2, null)).put(north).then()
                .statusCode(200).body("version", equalTo(2)).body("updatedBy", equalTo("u-cy"));
        as(anna).header("Idempotency-Key", key).body(monthly(1, null)).put(north).then()
                .statusCode(201).body("version", equalTo(1));
    }

    @Test
    void aReplayIsRefusedAsTheRequestWouldBeNowWhenTheCallersRightsWereReduced() {
        String put = UUID.randomUUID().toString();
        String bulk = UUID.randomUUID().toString();
        String remove = UUID.randomUUID().toString();
        String bos = row(2026, TYPE, "users/u-bo");
        Map<String, Object> planBody = Map.of("interval", "MONTH",
                "rows", List.of(Map.of("level", "GROUP", "ownerId", "g-south", "yearly", 12, "split", "even")));
        as(anna).header("Idempotency-Key", put).body(monthly(1, "g-x")).put(bos).then().statusCode(201);
        as(anna).header("Idempotency-Key", bulk).body(planBody).post(plan).then().statusCode(200);
        as(anna).body(monthly(1, null)).put(north).then().statusCode(201);
        as(anna).header("Idempotency-Key", remove).delete(north).then().statusCode(204);
        as(anna).header("Idempotency-Key", remove).delete(north).then().statusCode(204);

        DevToken.Builder readOnly = admin(tenant).user("u-anna").rights(Map.of("own", "delete", "group", "read", "others", "read",
                "company", "read"));
        DevToken.Builder blind = admin(tenant).user("u-anna").rights(Map.of("own", "delete"));
        as(readOnly).header("Idempotency-Key", put).body(monthly(1, "g-x")).put(bos).then().statusCode(403)
                .body("type", equalTo("/problems/forbidden"));
        as(blind).header("Idempotency-Key", put).body(monthly(1, "g-x")).put(bos).then().statusCode(404)
                .body("type", equalTo("/problems/not-found")).body(containsString("\"detail\""));
        as(readOnly).header("Idempotency-Key", bulk).body(planBody).post(plan).then().statusCode(403)
                .body("detail", containsString("rows[0]"));
        as(blind).header("Idempotency-Key", bulk).body(planBody).post(plan).then().statusCode(404);
        as(readOnly).header("Idempotency-Key", remove).delete(north).then().statusCode(403);
        as(admin(tenant).user("u-anna").licenses("sales-targets-unlimited")).header("Idempotency-Key", put)
                .body(monthly(1, "g-x")).put(bos).then().statusCode(403);
        as(anna).header("Idempotency-Key", put).body(monthly(1, "g-x")).put(bos).then()
                .statusCode(201);
    }

    @Test
    void anExpiredKeyIsProcessedAnewAndIsGoneAfterTheCleanup() {
        String key = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        as(anna).header("Idempotency-Key", key).body(monthly(1, null)).put(north).then().statusCode(201);
        as(anna).header("Idempotency-Key", other).body(monthly(2, null)).put(north).then().statusCode(200);
        age(key, "25 hours");
        age(other, "25 hours");

        as(anna).header("Idempotency-Key", key).body(monthly(1, null)).put(north).then()
                .statusCode(200).body("version", equalTo(3));
        assertThat(keys.deleteExpired()).isGreaterThanOrEqualTo(1);

        assertThat(stored(other)).as("the expired key, after the cleanup").isZero();
        assertThat(stored(key)).as("the key used again after it expired: kept").isOne();
        as(anna).header("Idempotency-Key", other).body(monthly(2, null)).put(north).then().statusCode(200).body("version", equalTo(4));
    }

    private void age(String key, String by) {
        sql.update("UPDATE idempotency_keys SET created_at = created_at - CAST(? AS interval) WHERE idempotency_key = ?", by, key);
    }

    private long stored(String key) {
        return sql.one("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?", row -> row.getLong(1), key);
    }
}
