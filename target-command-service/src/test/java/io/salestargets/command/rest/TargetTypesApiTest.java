package io.salestargets.command.rest;

import static io.restassured.RestAssured.given;
import static io.salestargets.command.Api.admin;
import static io.salestargets.command.Api.as;
import static io.salestargets.command.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salestargets.localstack.testing.RealInfrastructure;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class TargetTypesApiTest {

    private final String tenant = newTenant();

    @Test
    void everyTenantHasTheBuiltInType() {
        as(admin(tenant)).get("/api/v1/target-types").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].id", equalTo("all-sales-amount"))
                .body("[0].name", equalTo("All sales - Amount"))
                .body("[0].dimension", equalTo("all"))
                .body("[0].unit", equalTo("AMOUNT"))
                .body("[0].builtIn", equalTo(true));
        as(admin(tenant)).get("/api/v1/target-types/all-sales-amount").then().statusCode(200).body("builtIn", equalTo(true));
    }

    @Test
    void anAdminAddsATypeWhoseIdComesFromItsName() {
        as(admin(tenant)).body(Map.of("name", "Sale type - Count", "dimension", "sale-type", "unit", "COUNT"))
                .post("/api/v1/target-types").then().statusCode(201)
                .header("Location", endsWith("/api/v1/target-types/sale-type-count"))
                .body("id", equalTo("sale-type-count"))
                .body("builtIn", equalTo(false));

        as(admin(tenant)).get("/api/v1/target-types/sale-type-count").then().statusCode(200)
                .body("name", equalTo("Sale type - Count")).body("unit", equalTo("COUNT"));
        as(admin(tenant)).get("/api/v1/target-types").then().body("id", contains("all-sales-amount", "sale-type-count"));
    }

    @Test
    void aSecondTypeWithTheSameIdOrMeasureIsADuplicate() {
        as(admin(tenant)).body(Map.of("id", "cat-profit", "name", "Company category - Profit", "dimension", "company-category",
                "unit", "PROFIT")).post("/api/v1/target-types").then().statusCode(201);

        as(admin(tenant)).body(Map.of("id", "cat-profit", "name", "Other", "dimension", "sale-type", "unit", "PROFIT"))
                .post("/api/v1/target-types").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("/problems/duplicate"));
        as(admin(tenant)).body(Map.of("name", "Category profit", "dimension", "company-category", "unit", "PROFIT"))
                .post("/api/v1/target-types").then().statusCode(409).body("type", equalTo("/problems/duplicate"));
        as(admin(tenant)).body(Map.of("name", "All amounts", "dimension", "all", "unit", "AMOUNT"))
                .post("/api/v1/target-types").then().statusCode(409).body("type", equalTo("/problems/duplicate"));
    }

    @Test
    void addingTypesNeedsUnlimitedThenTargetsAdmin() {
        Map<String, String> type = Map.of("name", "Sale type - Amount", "dimension", "sale-type", "unit", "AMOUNT");

        as(admin(tenant).licenses("sales-premium")).body(type).post("/api/v1/target-types")
                .then().statusCode(403).body("type", equalTo("/problems/license-required"));
        as(admin(tenant).functionalRights("lock-targets")).body(type).post("/api/v1/target-types")
                .then().statusCode(403).body("type", equalTo("/problems/forbidden"));
        as(admin(tenant)).get("/api/v1/target-types").then().body("", hasSize(1));
    }

    @Test
    void invalidTypesNameTheirFields() {
        as(admin(tenant)).body(Map.of("id", "Sale_Type", "name", "x", "dimension", "sale type", "unit", "COUNT"))
                .post("/api/v1/target-types").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/validation"))
                .body("errors.field", contains("id", "dimension"));
        as(admin(tenant)).body(Map.of("name", "x", "dimension", "all", "unit", "LITRES"))
                .post("/api/v1/target-types").then().statusCode(400).body("errors[0].field", equalTo("unit"));
        as(admin(tenant)).body("{\"name\": \"x\", ").post("/api/v1/target-types")
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
    }

    @Test
    void typesOfOneTenantAreInvisibleToAnother() {
        as(admin(tenant)).body(Map.of("name", "Sale type - Count", "dimension", "sale-type", "unit", "COUNT"))
                .post("/api/v1/target-types").then().statusCode(201);

        as(admin(newTenant())).get("/api/v1/target-types/sale-type-count").then().statusCode(404)
                .body("type", equalTo("/problems/not-found"));
    }

    @Test
    void aRepeatWithTheSameIdempotencyKeyGetsTheFirstAnswer() {
        String key = UUID.randomUUID().toString();
        Map<String, String> type = Map.of("name", "Sale type - Count", "dimension", "sale-type", "unit", "COUNT");

        as(admin(tenant)).header("Idempotency-Key", key).body(type).post("/api/v1/target-types").then().statusCode(201);
        as(admin(tenant)).header("Idempotency-Key", key).body(type).post("/api/v1/target-types").then().statusCode(201)
                .header("Location", endsWith("/sale-type-count")).body("id", equalTo("sale-type-count"));
        as(admin(tenant)).header("Idempotency-Key", key).body(Map.of("name", "Other", "dimension", "x", "unit", "COUNT"))
                .post("/api/v1/target-types").then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
    }

    /**
     * Found by RequestProperties: an id that is no type id (here NUL, which PostgreSQL refuses in text) reached
     * the database and was answered 500. It is checked like every id in a path: 400, field id.
     */
    @Test
    void aTypeIdInThePathIsCheckedBeforeItIsLookedUp() {
        for (String notAnId : new String[] {"%00", "a%00b", "Sale_Type", "x".repeat(65), "%C3%A9"}) {
            as(admin(tenant)).urlEncodingEnabled(false).get("/api/v1/target-types/" + notAnId).then().statusCode(400)
                    .contentType("application/problem+json").body("type", equalTo("/problems/validation"))
                    .body("errors.field", contains("id"));
        }
        as(admin(tenant)).get("/api/v1/target-types/" + "x".repeat(64)).then().statusCode(404).body("type", equalTo("/problems/not-found"));
    }

    /**
     * Found by RequestProperties: a name with NUL, which PostgreSQL's text refuses, was tried 30 times as if
     * another type had taken its place and answered 412; one with a lone surrogate was stored as "a?b". A name
     * is one line of Unicode text: 400, field name, and nothing added.
     */
    @Test
    void aNameIsOneLineOfUnicodeText() {
        for (String name : new String[] {"a\\u0000b", "a\\ud800b", "a\\udc00", "two\\nlines", "bell\\u0007"}) {
            as(admin(tenant)).body("{\"id\":\"t-x\",\"name\":\"" + name + "\",\"dimension\":\"d-x\",\"unit\":\"COUNT\"}")
                    .post("/api/v1/target-types").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", contains("name"));
        }
        as(admin(tenant)).get("/api/v1/target-types").then().body("", hasSize(1));

        as(admin(tenant)).body("{\"id\":\"t-x\",\"name\":\"Salgstype \\ud83d\\ude00 \\u00d8\",\"dimension\":\"d-x\",\"unit\":\"COUNT\"}")
                .post("/api/v1/target-types").then().statusCode(201).body("name", equalTo("Salgstype \ud83d\ude00 \u00d8"));
        as(admin(tenant)).get("/api/v1/target-types/t-x").then().body("name", equalTo("Salgstype \ud83d\ude00 \u00d8"));
    }

    @Test
    void callsWithoutAUsableTokenOrSalesPremiumAreRefused() {
        given().get("/api/v1/target-types").then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("/problems/unauthenticated"));
        given().auth().oauth2("not.a.token").get("/api/v1/target-types").then().statusCode(401)
                .body("type", equalTo("/problems/unauthenticated"));
        as(admin(tenant).licenses("sales-targets-unlimited")).get("/api/v1/target-types").then().statusCode(403)
                .body("type", equalTo("/problems/license-required"));
        as(admin(tenant).issuer("someone-else")).get("/api/v1/target-types").then().statusCode(401);
    }
}
