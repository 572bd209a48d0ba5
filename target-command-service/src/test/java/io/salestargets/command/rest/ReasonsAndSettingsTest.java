package io.salestargets.command.rest;

import static io.restassured.RestAssured.given;
import static io.salestargets.command.Api.TYPE;
import static io.salestargets.command.Api.admin;
import static io.salestargets.command.Api.as;
import static io.salestargets.command.Api.monthly;
import static io.salestargets.command.Api.newTenant;
import static io.salestargets.command.Api.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.salestargets.command.relay.TargetEventsTopic;
import io.salestargets.command.relay.TargetEventsTopic.Published;
import io.salestargets.events.targets.TargetRowEvent;
import io.salestargets.localstack.testing.RealInfrastructure;
import io.salestargets.localstack.token.DevToken;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A reason on every change (lock and unlock in an optional body, remove as a query parameter), in the
 * history and on {@code targets.events}; and the tenant's setting that makes a reason mandatory for
 * every change of a row once unlocked without one.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ReasonsAndSettingsTest {

    private static final String SETTINGS = "/api/v1/settings";

    private final String tenant = newTenant();
    private final DevToken.Builder boss = admin(tenant);
    private final String anna = row(2026, TYPE, "users/u-anna");
    private final String north = row(2026, TYPE, "groups/g-north");

    @Test
    void lockUnlockAndRemoveCarryTheirReasonsToTheHistoryAndTheTopic() {
        as(boss).body(Map.of("interval", "MONTH", "values", List.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), "groupId", "g-north",
                "reason", "Budget 2026")).put(anna).then().statusCode(201);
        as(boss).body(Map.of("reason", "Signed off by the board")).post(anna + "/lock").then().statusCode(200).body("locked", equalTo(true));
        as(boss).body(Map.of("reason", "Q3 figures corrected\nafter the audit")).post(anna + "/unlock").then().statusCode(200);
        as(boss).queryParam("reason", "Anna left the company").delete(anna).then().statusCode(204);

        as(boss).get(anna + "/history").then().statusCode(200)
                .body("event", contains("TargetSet", "TargetLocked", "TargetUnlocked", "TargetRemoved"))
                .body("reason", contains("Budget 2026", "Signed off by the board", "Q3 figures corrected\nafter the audit",
                        "Anna left the company"));

        List<Published> records = TargetEventsTopic.read(tenant, 4, Duration.ofSeconds(30));
        assertThat(records).extracting(record -> ((TargetRowEvent) record.event()).reason())
                .containsExactly("Budget 2026", "Signed off by the board", "Q3 figures corrected\nafter the audit", "Anna left the company");
        assertThat(records).extracting(record -> record.event().typeName())
                .containsExactly("TargetSet", "TargetLocked", "TargetUnlocked", "TargetRemoved");
    }

    @Test
    void aReasonStaysOptionalAndALockWithoutBodyOrContentTypeStillWorks() {
        as(boss).body(monthly(1, "g-north")).put(anna).then().statusCode(201);
        given().auth().oauth2(boss.sign()).post(anna + "/lock").then().statusCode(200).body("locked", equalTo(true));
        as(boss).body("{}").post(anna + "/unlock").then().statusCode(200).body("locked", equalTo(false));
        as(boss).body("null").post(anna + "/lock").then().statusCode(200).body("locked", equalTo(true));
        as(boss).body("{\"reason\":null}").post(anna + "/unlock").then().statusCode(200).body("locked", equalTo(false));
        as(boss).delete(anna).then().statusCode(204);

        as(boss).get(anna + "/history").then().body("reason", contains(null, null, null, null, null, null));
    }

    @Test
    void reasonsOfLockUnlockAndRemoveAreCheckedLikeThoseOfPut() {
        as(boss).body(monthly(1, "g-north")).put(anna).then().statusCode(201);
        String tooLong = "r".repeat(501);

        refused(as(boss).body(Map.of("reason", tooLong)).post(anna + "/lock").then(), "reason");
        refused(as(boss).body("{\"reason\":\"a\\u0000b\"}").post(anna + "/lock").then(), "reason");
        refused(as(boss).body("{\"reason\":\"\\ud800\"}").post(anna + "/unlock").then(), "reason");
        refused(as(boss).body("{\"reason\":7}").post(anna + "/lock").then(), "reason");
        refused(as(boss).body("not json").post(anna + "/lock").then(), "body");
        refused(as(boss).queryParam("reason", tooLong).delete(anna).then(), "reason");

        as(boss).get(anna).then().statusCode(200).header("ETag", "\"1\"").body("locked", equalTo(false));
        as(boss).body(Map.of("reason", "r".repeat(500))).post(anna + "/lock").then().statusCode(200);
    }

    @Test
    void settingsHaveDefaultsAndOnlyTargetsAdminChangesThem() {
        as(boss).get(SETTINGS).then().statusCode(200)
                .body("reasonRequiredAfterUnlock", equalTo(false)).body("updatedAt", nullValue()).body("updatedBy", nullValue());

        DevToken.Builder locker = admin(tenant).user("u-lea").functionalRights("lock-targets");
        as(locker).body(Map.of("reasonRequiredAfterUnlock", true)).put(SETTINGS).then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("/problems/forbidden"));
        as(locker).body("{}").put(SETTINGS).then().statusCode(403).body("type", equalTo("/problems/forbidden"));
        as(locker).get(SETTINGS).then().statusCode(200).body("reasonRequiredAfterUnlock", equalTo(false));

        refused(as(boss).body("{}").put(SETTINGS).then(), "reasonRequiredAfterUnlock");
        refused(as(boss).body("{\"reasonRequiredAfterUnlock\":\"yes\"}").put(SETTINGS).then(), "reasonRequiredAfterUnlock");
        refused(as(boss).put(SETTINGS).then(), "body");

        as(boss).body(Map.of("reasonRequiredAfterUnlock", true)).put(SETTINGS).then().statusCode(200)
                .body("reasonRequiredAfterUnlock", equalTo(true)).body("updatedBy", equalTo("u-boss"));
        as(locker).get(SETTINGS).then().statusCode(200)
                .body("reasonRequiredAfterUnlock", equalTo(true)).body("updatedBy", equalTo("u-boss"));
    }

    @Test
    void eachTenantHasItsOwnSettings() {
        String other = tenant + "-b";
        as(boss).body(Map.of("reasonRequiredAfterUnlock", true)).put(SETTINGS).then().statusCode(200);

        as(admin(other)).get(SETTINGS).then().statusCode(200).body("reasonRequiredAfterUnlock", equalTo(false));
        as(admin(other)).body(monthly(1, "g-north")).put(anna).then().statusCode(201);
        as(admin(other)).post(anna + "/lock").then().statusCode(200);
        as(admin(other)).post(anna + "/unlock").then().statusCode(200);
        as(admin(other)).body(monthly(2, "g-north")).put(anna).then().statusCode(200);

        as(admin(other)).body(Map.of("reasonRequiredAfterUnlock", false)).put(SETTINGS).then().statusCode(200);
        as(boss).get(SETTINGS).then().body("reasonRequiredAfterUnlock", equalTo(true));
    }

    @Test
    void withTheSettingOffARowUnlockedWithoutReasonNeedsNone() {
        lockedAndUnlockedWithoutReason(anna, "g-north");

        as(boss).body(monthly(2, "g-north")).put(anna).then().statusCode(200).header("ETag", "\"4\"");
        as(boss).post(anna + "/lock").then().statusCode(200);
        as(boss).post(anna + "/unlock").then().statusCode(200);
        as(boss).delete(anna).then().statusCode(204);
    }

    @Test
    void withTheSettingOnEveryChangeOfARowUnlockedWithoutReasonNeedsOne() {
        lockedAndUnlockedWithoutReason(anna, "g-north");
        as(boss).body(Map.of("reasonRequiredAfterUnlock", true)).put(SETTINGS).then().statusCode(200);

        refused(as(boss).body(monthly(2, "g-north")).put(anna).then(), "reason");
        refused(as(boss).body(withReason(monthly(2, "g-north"), "")).put(anna).then(), "reason");
        refused(as(boss).delete(anna).then(), "reason");
        refused(as(boss).post(anna + "/lock").then(), "reason");
        as(boss).get(anna).then().statusCode(200).header("ETag", "\"3\"").body("total", equalTo(12)).body("locked", equalTo(false));
        as(boss).get(anna + "/history").then().body("version", contains(1, 2, 3));

        // the values it has: nothing to write, so no reason needed
        as(boss).body(monthly(1, "g-north")).put(anna).then().statusCode(200).header("ETag", "\"3\"");
        as(boss).body(withReason(monthly(2, "g-north"), "Corrected after the audit")).put(anna).then().statusCode(200)
                .header("ETag", "\"4\"");
        as(boss).body(Map.of("reason", "Final")).post(anna + "/lock").then().statusCode(200);
        refused(as(boss).post(anna + "/unlock").then(), "reason");
        as(boss).body(Map.of("reason", "One more correction")).post(anna + "/unlock").then().statusCode(200);
        as(boss).queryParam("reason", "Anna left").delete(anna).then().statusCode(204);

        refused(as(boss).body(monthly(3, "g-north")).put(anna).then(), "reason");
        as(boss).get(anna + "/history").then().body("reason", contains(null, null, null, "Corrected after the audit", "Final",
                "One more correction", "Anna left"));
    }

    @Test
    void withTheSettingOnRowsNeverLockedOrUnlockedWithAReasonNeedNoneButAnEmptyReasonIsNone() {
        as(boss).body(Map.of("reasonRequiredAfterUnlock", true)).put(SETTINGS).then().statusCode(200);

        as(boss).body(monthly(1, "g-north")).put(anna).then().statusCode(201);
        as(boss).body(monthly(2, "g-north")).put(anna).then().statusCode(200);
        as(boss).post(anna + "/lock").then().statusCode(200);

        as(boss).body(monthly(1, null)).put(north).then().statusCode(201);
        as(boss).post(north + "/lock").then().statusCode(200);
        as(boss).body(Map.of("reason", "Reopened for Q4")).post(north + "/unlock").then().statusCode(200);
        as(boss).body(monthly(2, null)).put(north).then().statusCode(200);
        as(boss).delete(north).then().statusCode(204);

        String company = row(2026, TYPE, "company");
        as(boss).body(monthly(1, null)).put(company).then().statusCode(201);
        as(boss).post(company + "/lock").then().statusCode(200);
        as(boss).body(Map.of("reason", "")).post(company + "/unlock").then().statusCode(200);
        refused(as(boss).body(monthly(2, null)).put(company).then(), "reason");
    }

    @Test
    void bulkPlanningObeysTheSettingForEachRowItWrites() {
        lockedAndUnlockedWithoutReason(anna, "g-north");
        as(boss).body(Map.of("reasonRequiredAfterUnlock", true)).put(SETTINGS).then().statusCode(200);
        String plan = "/api/v1/targets/2026/" + TYPE + "/plan";
        Map<String, Object> annaRow = Map.of("level", "USER", "ownerId", "u-anna", "groupId", "g-north", "yearly", 1200, "split", "even");
        Map<String, Object> bo = Map.of("level", "USER", "ownerId", "u-bo", "groupId", "g-north", "yearly", 1200, "split", "even");

        refused(as(boss).body(Map.of("interval", "MONTH", "rows", List.of(bo, annaRow))).post(plan).then(), "reason");
        as(boss).get(row(2026, TYPE, "users/u-bo")).then().statusCode(404);
        as(boss).get(anna).then().header("ETag", "\"3\"");

        as(boss).body(Map.of("interval", "MONTH", "reason", "Even split for the team", "rows", List.of(bo, annaRow))).post(plan)
                .then().statusCode(200).body("changed.path", hasSize(2));
        as(boss).get(anna + "/history").then().body("reason", contains(null, null, null, "Even split for the team"));
    }

    private void lockedAndUnlockedWithoutReason(String path, String groupId) {
        as(boss).body(monthly(1, groupId)).put(path).then().statusCode(201);
        as(boss).post(path + "/lock").then().statusCode(200);
        as(boss).post(path + "/unlock").then().statusCode(200);
    }

    private static Map<String, Object> withReason(Map<String, Object> body, String reason) {
        body.put("reason", reason);
        return body;
    }

    private static void refused(ValidatableResponse response, String field) {
        response.statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/validation"))
                .body("errors.field", contains(field));
    }
}
