package io.salestargets.command.rest;

import static io.salestargets.command.Api.TYPE;
import static io.salestargets.command.Api.admin;
import static io.salestargets.command.Api.as;
import static io.salestargets.command.Api.body;
import static io.salestargets.command.Api.decimal;
import static io.salestargets.command.Api.monthly;
import static io.salestargets.command.Api.newTenant;
import static io.salestargets.command.Api.quarterly;
import static io.salestargets.command.Api.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.salestargets.localstack.testing.RealInfrastructure;
import io.salestargets.localstack.token.DevToken;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class TargetRowsApiTest {

    private final String tenant = newTenant();
    private final DevToken.Builder boss = admin(tenant);
    private final String anna = row(2026, TYPE, "users/u-anna");
    private final String north = row(2026, TYPE, "groups/g-north");
    private final String company = row(2026, TYPE, "company");

    @Test
    void aFirstPutCreatesTheRowWithLocationAndEtag() {
        as(boss).body(monthly(10000, "g-north")).put(anna).then().statusCode(201)
                .header("Location", endsWith(anna))
                .header("ETag", "\"1\"")
                .body("tenantId", equalTo(tenant))
                .body("year", equalTo(2026))
                .body("typeId", equalTo(TYPE))
                .body("level", equalTo("USER"))
                .body("ownerId", equalTo("u-anna"))
                .body("item", nullValue())
                .body("groupId", equalTo("g-north"))
                .body("interval", equalTo("MONTH"))
                .body("values", hasSize(12))
                .body("total", equalTo(120000))
                .body("locked", equalTo(false))
                .body("version", equalTo(1))
                .body("updatedBy", equalTo("u-boss"));

        as(boss).get(anna).then().statusCode(200).header("ETag", "\"1\"").body("total", equalTo(120000));
    }

    @Test
    void aPutThatChangesNothingKeepsTheVersionAndAChangeMakesANewOne() {
        as(boss).body(monthly(10000, "g-north")).put(anna).then().statusCode(201);

        as(boss).body(monthly(decimal("10000.00"), "g-north")).put(anna).then().statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1));
        as(boss).body(monthly(12000, "g-north")).put(anna).then().statusCode(200).header("ETag", "\"2\"").body("total", equalTo(144000));
        as(boss).get(anna + "/history").then().body("", hasSize(2));
    }

    @Test
    void decimalsStayExact() {
        String json = "{\"interval\":\"MONTH\",\"values\":[0.10,0.20,0,0,0,0,0,0,0,0,0,0]}";

        Response response = as(boss).body(json).put(company);

        response.then().statusCode(201);
        assertThat(response.asString()).contains("\"total\":0.30").contains("\"values\":[0.10,0.20,0,");
    }

    @Test
    void invalidValuesNameEachFieldAtFault() {
        List<Object> values = new ArrayList<>(Collections.nCopies(12, 1));
        values.set(3, -5);
        values.set(7, 1.005);
        as(boss).body(body("MONTH", values, "g-north")).put(anna).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/validation"))
                .body("status", equalTo(400))
                .body("errors.field", contains("values[3]", "values[7]"));
        as(boss).body(body("MONTH", Collections.nCopies(11, 1), "g-north")).put(anna).then().statusCode(400)
                .body("errors.field", contains("values"));
        as(boss).body(monthly(1000000000001L, "g-north")).put(anna).then().statusCode(400)
                .body("errors.field", hasItem("values[0]"));
        as(boss).body(monthly(1, null)).put(anna).then().statusCode(400).body("errors.field", contains("groupId"));
        as(boss).body(monthly(1, "g-north")).put(north).then().statusCode(400).body("errors.field", contains("groupId"));
        as(boss).body(Map.of("interval", "WEEK", "values", List.of(1))).put(north).then().statusCode(400)
                .body("errors.field", contains("interval"));
        as(boss).body(Map.of("interval", "MONTH", "values", Collections.nCopies(12, "1"))).put(north).then().statusCode(400)
                .body("errors[0].field", equalTo("values[0]"));
        as(boss).body(Map.of("interval", "QUARTER", "values", List.of(1, 1, 1, 1), "currency", "KRONER")).put(north)
                .then().statusCode(400).body("errors.field", contains("currency"));
        as(boss).put(north).then().statusCode(400).body("type", equalTo("/problems/validation"));
        as(boss).get(north).then().statusCode(404);
    }

    @Test
    void badPathsAreRefusedNamingThePart() {
        as(boss).body(monthly(1, "g-north")).put(row(1999, TYPE, "users/u-anna")).then().statusCode(400)
                .body("errors.field", contains("year"));
        as(boss).body(monthly(1, "g-north")).put(row(2026, TYPE, "users/u anna")).then().statusCode(400)
                .body("errors.field", contains("userId"));
        as(boss).body(quarterly(1)).put(row(2026, "Sales_Amount", "groups/g-north")).then().statusCode(400)
                .body("errors.field", contains("typeId"));
        as(boss).body(quarterly(1)).put(row(2026, "no-such-type", "company")).then().statusCode(404)
                .body("type", equalTo("/problems/not-found"));
        as(boss).body(quarterly(1)).queryParam("item", "st-3").put(company).then().statusCode(400)
                .body("errors.field", contains("item"));
    }

    @Test
    void listTypesNeedAnItemAndCountsAreWholeNumbers() {
        as(boss).body(Map.of("name", "Sale type - Count", "dimension", "sale-type", "unit", "COUNT"))
                .post("/api/v1/target-types").then().statusCode(201);
        String saleTypeNorth = row(2026, "sale-type-count", "groups/g-north");

        as(boss).body(quarterly(5)).put(saleTypeNorth).then().statusCode(400).body("errors.field", contains("item"));
        as(boss).body(quarterly(2.5)).queryParam("item", "st-3").put(saleTypeNorth).then().statusCode(400)
                .body("errors.field", contains("values[0]", "values[1]", "values[2]", "values[3]"));
        as(boss).body(quarterly(5)).queryParam("item", "st-3").put(saleTypeNorth).then().statusCode(201)
                .header("Location", endsWith(saleTypeNorth + "?item=st-3"))
                .body("item", equalTo("st-3"));
        as(boss).queryParam("item", "st-4").get(saleTypeNorth).then().statusCode(404);
        as(boss).queryParam("item", "st-3").get(saleTypeNorth).then().statusCode(200).body("total", equalTo(20));
    }

    @Test
    void allRowsOfAYearAndTypeShareOneInterval() {
        as(boss).body(quarterly(100)).put(company).then().statusCode(201);

        as(boss).body(monthly(10, "g-north")).put(anna).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("/problems/interval-mismatch"));
        as(boss).body(quarterly(10)).put(north).then().statusCode(201);
        as(boss).body(quarterly(10)).put(row(2027, TYPE, "groups/g-north")).then().statusCode(201);
        as(boss).body(monthly(10, null)).put(row(2027, TYPE, "company")).then().statusCode(409);
    }

    @Test
    void theOnlyRowOfAYearMayChangeItsInterval() {
        as(boss).body(quarterly(100)).put(company).then().statusCode(201);

        as(boss).body(monthly(10, null)).put(company).then().statusCode(200).body("interval", equalTo("MONTH"));
    }

    @Test
    void lockedRowsRefuseChangesAndRemoval() {
        as(boss).body(quarterly(100)).put(north).then().statusCode(201);

        as(boss).post(north + "/lock").then().statusCode(200).header("ETag", "\"2\"").body("locked", equalTo(true));
        as(boss).post(north + "/lock").then().statusCode(200).body("version", equalTo(2));
        as(boss).body(quarterly(200)).put(north).then().statusCode(409).body("type", equalTo("/problems/target-locked"));
        as(boss).delete(north).then().statusCode(409).body("type", equalTo("/problems/target-locked"));

        as(boss).post(north + "/unlock").then().statusCode(200).body("locked", equalTo(false)).body("version", equalTo(3));
        as(boss).post(north + "/unlock").then().statusCode(200).body("version", equalTo(3));
        as(boss).body(quarterly(200)).put(north).then().statusCode(200).body("version", equalTo(4));
    }

    @Test
    void lockingNeedsTheFunctionalRightAndUpdate() {
        as(boss).body(quarterly(100)).put(north).then().statusCode(201);

        as(admin(tenant).functionalRights("targets-admin")).post(north + "/lock").then().statusCode(403)
                .body("type", equalTo("/problems/forbidden"));
        as(admin(tenant).rights(Map.of("others", "read"))).post(north + "/lock").then().statusCode(403);
        as(admin(tenant).rights(Map.of("others", "update"))).post(north + "/lock").then().statusCode(200);
        as(boss).post(row(2026, TYPE, "groups/g-none") + "/lock").then().statusCode(404);
    }

    @Test
    void aRemovedRowIsGoneButItsHistoryStaysAndItCanBeSetAgain() {
        as(boss).body(quarterly(100)).put(north).then().statusCode(201);

        as(boss).delete(north).then().statusCode(204);
        as(boss).get(north).then().statusCode(404);
        as(boss).delete(north).then().statusCode(404);
        as(boss).get(north + "/history").then().statusCode(200)
                .body("event", contains("TargetSet", "TargetRemoved"))
                .body("[1].changes", nullValue());

        as(boss).body(quarterly(50)).put(north).then().statusCode(201).body("version", equalTo(3));
        as(boss).get(north + "/history").then().body("[2].changes.from", everyItem(nullValue()));
    }

    @Test
    void historyShowsWhoChangedWhichPeriodFromWhatToWhatAndWhy() {
        as(boss).body(Map.of("interval", "QUARTER", "values", List.of(100, 100, 100, 100), "reason", "Budget 2026")).put(north)
                .then().statusCode(201);
        as(admin(tenant).user("u-cfo")).body(Map.of("interval", "QUARTER", "values", List.of(100, 150, 100, 90),
                "reason", "Q2 push")).put(north).then().statusCode(200);
        as(boss).post(north + "/lock").then().statusCode(200);

        as(boss).get(north + "/history").then().statusCode(200)
                .body("event", contains("TargetSet", "TargetSet", "TargetLocked"))
                .body("version", contains(1, 2, 3))
                .body("by", contains("u-boss", "u-cfo", "u-boss"))
                .body("reason", contains("Budget 2026", "Q2 push", null))
                .body("[0].changes", hasSize(4))
                .body("[0].changes[0].from", nullValue())
                .body("[0].changes[0].to", equalTo(100))
                .body("[1].changes.period", contains(2, 4))
                .body("[1].changes.from", contains(100, 100))
                .body("[1].changes.to", contains(150, 90))
                .body("[2].changes", nullValue());
    }

    @Test
    void aStaleIfMatchIsAVersionConflict() {
        as(boss).body(quarterly(100)).put(north).then().statusCode(201);
        as(boss).body(quarterly(200)).put(north).then().statusCode(200);

        as(boss).header("If-Match", "\"1\"").body(quarterly(300)).put(north).then().statusCode(412)
                .body("type", equalTo("/problems/version-conflict"));
        as(boss).header("If-Match", "\"2\"").body(quarterly(300)).put(north).then().statusCode(200).header("ETag", "\"3\"");
        as(boss).header("If-Match", "\"2\"").delete(north).then().statusCode(412);
        as(boss).header("If-Match", "*").body(quarterly(1)).put(company).then().statusCode(412);
        as(boss).header("If-Match", "soon").body(quarterly(1)).put(company).then().statusCode(400)
                .body("errors.field", contains("If-Match"));
    }

    @Test
    void rightsDecideByRelationWithNotFoundBelowRead() {
        as(boss).body(quarterly(100)).put(north).then().statusCode(201);
        as(boss).body(quarterly(100)).put(row(2026, TYPE, "groups/g-west")).then().statusCode(201);
        as(boss).body(Map.of("interval", "QUARTER", "values", List.of(1, 1, 1, 1), "groupId", "g-north")).put(anna).then().statusCode(201);
        as(boss).body(Map.of("interval", "QUARTER", "values", List.of(1, 1, 1, 1), "groupId", "g-west")).put(row(2026, TYPE, "users/u-cy"))
                .then().statusCode(201);
        DevToken.Builder annaToken = DevToken.builder().tenant(tenant).user("u-anna").groups("g-north")
                .rights(Map.of("own", "update", "group", "read", "company", "read")).functionalRights();

        as(annaToken).get(anna).then().statusCode(200);
        as(annaToken).body(Map.of("interval", "QUARTER", "values", List.of(2, 2, 2, 2), "groupId", "g-north")).put(anna)
                .then().statusCode(200);
        as(annaToken).delete(anna).then().statusCode(403).body("type", equalTo("/problems/forbidden"));
        as(annaToken).get(north).then().statusCode(200);
        as(annaToken).body(quarterly(5)).put(north).then().statusCode(403).body("type", equalTo("/problems/forbidden"));
        as(annaToken).get(row(2026, TYPE, "groups/g-west")).then().statusCode(404).body("type", equalTo("/problems/not-found"));
        as(annaToken).get(row(2026, TYPE, "users/u-cy")).then().statusCode(404);
        as(annaToken).get(row(2026, TYPE, "users/u-cy") + "/history").then().statusCode(404);
        as(annaToken).body(quarterly(5)).put(company).then().statusCode(403);
        as(annaToken).body(quarterly(5)).put(row(2026, TYPE, "groups/g-east")).then().statusCode(404);
    }

    @Test
    void creatingARowNeedsCreateAndChangingItNeedsUpdate() {
        DevToken.Builder creator = admin(tenant).rights(Map.of("others", "create"));

        as(creator).body(quarterly(1)).put(north).then().statusCode(201);
        as(creator).body(quarterly(2)).put(north).then().statusCode(403);
        as(admin(tenant).rights(Map.of("others", "update"))).delete(north).then().statusCode(403);
        as(admin(tenant).rights(Map.of("others", "delete"))).delete(north).then().statusCode(204);
    }

    @Test
    void otherTenantsNeverSeeARow() {
        as(boss).body(quarterly(100)).put(north).then().statusCode(201);
        DevToken.Builder stranger = admin(newTenant());

        as(stranger).get(north).then().statusCode(404);
        as(stranger).get(north + "/history").then().statusCode(404);
        as(stranger).delete(north).then().statusCode(404);
        as(stranger).get(row(2026, TYPE, "")).then().statusCode(200).body("company", nullValue()).body("groups", hasSize(0));
        as(stranger).body(quarterly(5)).put(north).then().statusCode(201).body("version", equalTo(1));
        as(boss).get(north).then().body("total", equalTo(400));
    }

    @Test
    void withoutUnlimitedOnlyTheBuiltInTypeAndOneGroup() {
        as(boss).body(Map.of("name", "Sale type - Count", "dimension", "sale-type", "unit", "COUNT"))
                .post("/api/v1/target-types").then().statusCode(201);
        DevToken.Builder premium = admin(tenant).licenses("sales-premium");

        as(premium).body(quarterly(5)).queryParam("item", "st-3").put(row(2026, "sale-type-count", "company")).then()
                .statusCode(403).body("type", equalTo("/problems/license-required"));
        as(premium).body(quarterly(5)).put(north).then().statusCode(201);
        as(premium).body(quarterly(5)).put(company).then().statusCode(201);
        as(premium).body(Map.of("interval", "QUARTER", "values", List.of(1, 1, 1, 1), "groupId", "g-north")).put(anna)
                .then().statusCode(201);
        as(premium).body(quarterly(5)).put(row(2026, TYPE, "groups/g-south")).then().statusCode(403)
                .body("type", equalTo("/problems/license-required"));
        as(premium).body(Map.of("interval", "QUARTER", "values", List.of(1, 1, 1, 1), "groupId", "g-south"))
                .put(row(2026, TYPE, "users/u-bo")).then().statusCode(403);
        as(boss).body(quarterly(5)).put(row(2026, TYPE, "groups/g-south")).then().statusCode(201);
    }

    @Test
    void theTargetDialogShowsReadableRowsByGroupWithTheSumOfUsers() {
        as(boss).body(quarterly(1000)).put(company).then().statusCode(201);
        as(boss).body(quarterly(600)).put(north).then().statusCode(201);
        as(boss).body(Map.of("interval", "QUARTER", "values", List.of(100, 200, 300, 400), "groupId", "g-north")).put(anna)
                .then().statusCode(201);
        as(boss).body(Map.of("interval", "QUARTER", "values", List.of(10, 20, 30, 40), "groupId", "g-north"))
                .put(row(2026, TYPE, "users/u-bo")).then().statusCode(201);
        as(boss).body(Map.of("interval", "QUARTER", "values", List.of(5, 5, 5, 5), "groupId", "g-west"))
                .put(row(2026, TYPE, "users/u-cy")).then().statusCode(201);

        as(boss).get(row(2026, TYPE, "").replaceAll("/$", "")).then().statusCode(200)
                .body("year", equalTo(2026))
                .body("interval", equalTo("QUARTER"))
                .body("company.total", equalTo(4000))
                .body("groups.groupId", contains("g-north", "g-west"))
                .body("groups[0].target.total", equalTo(2400))
                .body("groups[0].users.ownerId", contains("u-anna", "u-bo"))
                .body("groups[0].usersSum", contains(110, 220, 330, 440))
                .body("groups[0].usersTotal", equalTo(1100))
                .body("groups[1].target", nullValue())
                .body("groups[1].usersTotal", equalTo(20));

        DevToken.Builder annaToken = DevToken.builder().tenant(tenant).user("u-anna").groups("g-north")
                .rights(Map.of("own", "read", "group", "read"));
        as(annaToken).get(row(2026, TYPE, "").replaceAll("/$", "")).then().statusCode(200)
                .body("company", nullValue())
                .body("groups.groupId", contains("g-north"))
                .body("groups[0].users.ownerId", containsInAnyOrder("u-anna", "u-bo"));
    }

    @Test
    void aRepeatWithTheSameIdempotencyKeyGetsTheFirstAnswerAndEmitsNothing() {
        String key = UUID.randomUUID().toString();

        as(boss).header("Idempotency-Key", key).body(quarterly(100)).put(north).then().statusCode(201).header("ETag", "\"1\"");
        as(boss).body(quarterly(200)).put(north).then().statusCode(200).header("ETag", "\"2\"");
        as(boss).header("Idempotency-Key", key).body(quarterly(100)).put(north).then().statusCode(201)
                .header("ETag", "\"1\"").header("Location", endsWith(north)).body("total", equalTo(400));

        as(boss).get(north + "/history").then().body("", hasSize(2));
        as(boss).header("Idempotency-Key", key).body(quarterly(999)).put(north).then().statusCode(400)
                .body("errors.field", contains("Idempotency-Key"));
        as(boss).header("Idempotency-Key", "not-a-uuid").body(quarterly(1)).put(north).then().statusCode(400);
    }

    /**
     * Found by RequestProperties: numbers whose scale is beyond what JSON can be written plainly with (Jackson:
     * 9999) were 500s: a zero such as {@code 0e-10000} passes the checks, and with an Idempotency-Key even an
     * invalid one ({@code 1E+2147483647}) failed before it was checked. Now: the invalid one is a 400 naming the
     * value, with or without a key, and the zero is kept as 0.
     */
    @Test
    void numbersOfAnyScaleAreCheckedAndKeptPlainly() {
        String hugeExponent = "{\"interval\":\"QUARTER\",\"values\":[1E+2147483647,1,1,1]}";
        String zeros = "{\"interval\":\"QUARTER\",\"values\":[0e-10000,-0E-2147483647,0E+2147483647,1.500]}";

        for (String key : new String[] {null, UUID.randomUUID().toString()}) {
            RequestSpecification request = key == null ? as(boss) : as(boss).header("Idempotency-Key", key);
            request.body(hugeExponent).put(north).then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", contains("values[0]"));
        }
        as(boss).get(north).then().statusCode(404);

        Response created = as(boss).header("Idempotency-Key", UUID.randomUUID().toString()).body(zeros).put(north);
        created.then().statusCode(201).header("ETag", "\"1\"");
        assertThat(created.asString()).contains("\"values\":[0,0,0,1.5]");
        assertThat(as(boss).get(north).asString()).contains("\"values\":[0,0,0,1.5]");
    }

    /**
     * Found by RequestProperties: a reason with a lone surrogate was accepted and kept (history, event) as "a?b";
     * one with NUL is refused as well, and line breaks stay.
     */
    @Test
    void aReasonIsUnicodeTextThatComesBackAsSent() {
        String values = "\"interval\":\"QUARTER\",\"values\":[1,1,1,1]";
        for (String reason : new String[] {"a\\ud800b", "\\udfff", "a\\u0000b"}) {
            as(boss).body("{" + values + ",\"reason\":\"" + reason + "\"}").put(north).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", contains("reason"));
        }
        as(boss).get(north).then().statusCode(404);

        as(boss).body("{" + values + ",\"reason\":\"Budget\\n\\t2026 \\ud83d\\ude00\"}").put(north).then().statusCode(201);
        as(boss).get(north + "/history").then().body("[0].reason", equalTo("Budget\n\t2026 \ud83d\ude00"));
    }
}
