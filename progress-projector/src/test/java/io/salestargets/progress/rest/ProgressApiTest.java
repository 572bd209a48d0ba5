package io.salestargets.progress.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.progress.TargetAttained;
import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.Measure;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.TargetEvent;
import io.salestargets.events.targets.TargetSet;
import io.salestargets.events.targets.TargetType;
import io.salestargets.events.targets.TargetTypeAdded;
import io.salestargets.events.targets.Unit;
import io.salestargets.localstack.testing.TestTopics;
import io.salestargets.localstack.token.DevToken;
import io.salestargets.progress.ProjectorInfrastructure;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Targets set through events and sales produced to crm.sales show up in the REST views and on targets.progress. */
@QuarkusTest
@WithTestResource(ProjectorInfrastructure.class)
class ProgressApiTest {

    private static final Measure ALL = TargetType.ALL_SALES_AMOUNT.measure();

    private final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private final String base = "/api/v1/progress/2026/all-sales-amount";

    @BeforeEach
    void awaitReady() {
        // like any client, wait until the projector says it can answer
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void salesAndTargetsShowUpInTheViewsOfTheUserTheGroupAndTheCompany() {
        send(target(RowId.user(2026, "all-sales-amount", "u-anna", null), "g-north", "1000"));
        won("s-1", "2026-03-14", "u-anna", "g-north", "1200.50");
        won("s-2", "2026-03-15", "u-bo", "g-north", "300");

        awaitTotal(base + "/users/u-anna", "1200.50");
        as(boss()).get(base + "/users/u-anna").then().statusCode(200)
                .body("tenantId", equalTo(tenant))
                .body("level", equalTo("USER"))
                .body("unit", equalTo("AMOUNT"))
                .body("interval", equalTo("MONTH"))
                .body("targetVersion", equalTo(1))
                .body("periods", hasSize(12))
                .body("periods[2].label", equalTo("2026-03"))
                .body("periods[2].target", equalTo(1000))
                .body("periods[2].actual", equalTo(1200.50f))
                .body("periods[2].attainment", equalTo(1.2005f))
                .body("total.target", equalTo(12000));
        // the pace as of 2026-03-31 (the 90th of 365 days; 197 working days after it): 1200.50 to date
        // against 3000 due, behind; (12000 - 1200.50) / 197 = 54.82 a working day
        as(boss()).get(base + "/users/u-anna?asOf=2026-03-31").then().statusCode(200)
                .body("pace.projectedActual", equalTo(4868.69f))
                .body("pace.workingDaysLeft", equalTo(197))
                .body("pace.neededPerWorkingDay", equalTo(54.82f))
                .body("pace.status", equalTo("behind"));
        awaitTotal(base + "/groups/g-north", "1500.50");
        awaitTotal(base + "/company", "1500.50");

        Map<String, ProgressView> published = TestTopics.latest(Topics.PROGRESS,
                key -> key.startsWith(tenant + "/") && !TargetAttained.isKey(key), json -> EventJson.read(json, ProgressView.class),
                views -> views.containsKey(tenant + "/2026/all-sales-amount/company/company")
                        && views.get(tenant + "/2026/all-sales-amount/company/company").total().actual().compareTo(new BigDecimal("1500.50")) == 0,
                Duration.ofSeconds(30));
        assertThat(published.get(tenant + "/2026/all-sales-amount/company/company").total().actual()).isEqualByComparingTo("1500.50");
        assertThat(published.get(tenant + "/2026/all-sales-amount/user/u-anna").total().target()).isEqualByComparingTo("12000");
    }

    @Test
    void aCorrectionAndARetractionShowAtOnce() {
        won("s-1", "2026-03-14", "u-anna", "g-north", "100");
        awaitTotal(base + "/users/u-anna", "100");

        won("s-1", "2026-03-14", "u-anna", "g-north", "150");
        awaitTotal(base + "/users/u-anna", "150");

        TestTopics.produce(Topics.SALES, tenant + "/s-1", "{\"type\":\"SaleRetracted\",\"tenantId\":\"" + tenant + "\",\"saleId\":\"s-1\"}");
        awaitTotal(base + "/users/u-anna", "0");
    }

    @Test
    void anOwnerWithNothingHasZeroActualsAndNoTargetAndAnUnknownTypeIsNotFound() {
        as(boss()).get(base + "/users/u-nobody").then().statusCode(200)
                .body("total.actual", equalTo(0))
                .body("total.target", nullValue())
                .body("targetVersion", nullValue())
                .body("periods", hasSize(12));
        as(boss()).get("/api/v1/progress/2026/no-such-type/company").then().statusCode(404)
                .body("type", equalTo("/problems/not-found"));
        as(boss()).get(base + "/company?asOf=26.11.2026").then().statusCode(400).body("errors[0].field", equalTo("asOf"));
        as(boss()).get("/api/v1/progress/1999/all-sales-amount/company").then().statusCode(400).body("errors[0].field", equalTo("year"));
        as(boss()).get(base + "/company?item=st-3").then().statusCode(400).body("errors[0].field", equalTo("item"));
    }

    @Test
    void listTypesCountPerItemAndToDateTakesAsOf() {
        send(new TargetTypeAdded(UUID.randomUUID(), tenant,
                new TargetType("sale-type-count", "Sale type - Count", "sale-type", Unit.COUNT), Instant.now(), "u-admin"));
        TestTopics.produce(Topics.SALES, tenant + "/s-7", ("{\"type\":\"SaleWon\",\"tenantId\":\"%s\",\"saleId\":\"s-7\",\"wonDate\":\"2026-02-01\","
                + "\"userId\":\"u-anna\",\"groupId\":\"g-north\",\"amount\":10,\"dimensions\":{\"sale-type\":\"st-3\"}}").formatted(tenant));

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(boss()).get("/api/v1/progress/2026/sale-type-count/company?item=st-3").then().statusCode(200)
                        .body("unit", equalTo("COUNT")).body("total.actual", equalTo(1)));
        as(boss()).get("/api/v1/progress/2026/sale-type-count/company?item=st-3&asOf=2026-01-31").then().statusCode(200)
                .body("toDate.asOf", equalTo("2026-01-31")).body("toDate.actual", equalTo(0));
        as(boss()).get("/api/v1/progress/2026/sale-type-count/company").then().statusCode(400).body("errors[0].field", equalTo("item"));
    }

    @Test
    void rightsDecideByRelationAndOtherTenantsSeeNothing() {
        send(target(RowId.user(2026, "all-sales-amount", "u-anna", null), "g-north", "10"));
        won("s-1", "2026-03-14", "u-cy", "g-west", "70");
        won("s-2", "2026-03-14", "u-bo", "g-north", "30");
        awaitTotal(base + "/users/u-cy", "70");
        awaitTotal(base + "/users/u-bo", "30");
        DevToken.Builder anna = DevToken.builder().tenant(tenant).user("u-anna").groups("g-north")
                .rights(Map.of("own", "read", "group", "read"));

        as(anna).get(base + "/users/u-anna").then().statusCode(200);
        as(anna).get(base + "/users/u-bo").then().statusCode(200).body("total.actual", equalTo(30));
        as(anna).get(base + "/groups/g-north").then().statusCode(200);
        as(anna).get(base + "/users/u-cy").then().statusCode(404).body("type", equalTo("/problems/not-found"));
        as(anna).get(base + "/groups/g-west").then().statusCode(404);
        as(anna).get(base + "/company").then().statusCode(404);
        as(DevToken.builder().tenant("t-other").user("u-boss")).get(base + "/users/u-cy").then().statusCode(200)
                .body("total.actual", equalTo(0));
        given().get(base + "/company").then().statusCode(401).body("type", equalTo("/problems/unauthenticated"));
        as(DevToken.builder().tenant(tenant).licenses("sales-targets-unlimited")).get(base + "/company").then().statusCode(403)
                .body("type", equalTo("/problems/license-required"));

        as(anna).get(base).then().statusCode(200)
                .body("company", nullValue())
                .body("groups.group.ownerId", contains("g-north"))
                .body("groups[0].users.ownerId", contains("u-anna", "u-bo"))
                .body("groups[0].usersTargetTotal", equalTo(120));
    }

    @Test
    void theListHoldsEveryOwnerWithARowOrSales() {
        send(target(RowId.group(2026, "all-sales-amount", "g-east", null), null, "5"));
        won("s-1", "2026-03-14", "u-anna", "g-north", "10");
        awaitTotal(base + "/company", "10");
        awaitTotal(base + "/groups/g-east", "0");

        as(boss()).get(base).then().statusCode(200)
                .body("company.total.actual", equalTo(10))
                .body("groups.group.ownerId", contains("g-east", "g-north"))
                .body("groups[0].users", hasSize(0))
                .body("groups[1].users.ownerId", contains("u-anna"));
    }

    private static void send(TargetEvent event) {
        TestTopics.produce(Topics.TARGET_EVENTS, event.key(), EventJson.writeString(event));
    }

    private void awaitTotal(String path, String actual) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ProgressView view = as(boss()).get(path).then().statusCode(200).extract().as(ProgressView.class);
            assertThat(view.total().actual()).isEqualByComparingTo(actual);
        });
    }

    private void won(String saleId, String day, String user, String group, String amount) {
        TestTopics.produce(Topics.SALES, tenant + "/" + saleId, ("{\"type\":\"SaleWon\",\"tenantId\":\"%s\",\"saleId\":\"%s\",\"wonDate\":\"%s\","
                + "\"userId\":\"%s\",\"groupId\":\"%s\",\"amount\":%s}").formatted(tenant, saleId, day, user, group, amount));
    }

    private TargetSet target(RowId row, String groupId, String monthly) {
        return new TargetSet(UUID.randomUUID(), tenant, row, ALL, groupId, Interval.MONTH,
                Collections.nCopies(12, new BigDecimal(monthly)), null, 1, Instant.now(), "u-boss", null);
    }

    private DevToken.Builder boss() {
        return DevToken.builder().tenant(tenant).user("u-boss");
    }

    private static RequestSpecification as(DevToken.Builder token) {
        return given().auth().oauth2(token.sign());
    }
}
