package io.salestargets.command.rest;

import static io.restassured.RestAssured.given;
import static io.salestargets.command.Api.TYPE;
import static io.salestargets.command.Api.admin;
import static io.salestargets.command.Api.as;
import static io.salestargets.command.Api.body;
import static io.salestargets.command.Api.monthly;
import static io.salestargets.command.Api.newTenant;
import static io.salestargets.command.Api.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.salestargets.command.store.Sql;
import io.salestargets.localstack.testing.RealInfrastructure;
import io.salestargets.localstack.token.DevToken;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class TargetPlanningApiTest {

    private static final String PLAN = "/api/v1/targets/2026/" + TYPE + "/plan";
    private static final String COPY = "/api/v1/targets/2026/" + TYPE + "/copy";
    private static final String COPY_YEAR = "/api/v1/targets/2026/" + TYPE + "/copy-year";

    @Inject
    Sql sql;

    private final String tenant = newTenant();
    private final DevToken.Builder boss = admin(tenant);
    private final String company = row(2026, TYPE, "company");
    private final String north = row(2026, TYPE, "groups/g-north");
    private final String south = row(2026, TYPE, "groups/g-south");
    private final String anna = row(2026, TYPE, "users/u-anna");

    @Test
    void anEvenSplitSumsExactlyToTheYearlyAmountAndEmitsOneTargetSetPerRowWithTheReason() {
        long before = events();

        Response answer = as(boss).body(plan("MONTH", "Budget 2026",
                planned("COMPANY", null, null, 1000, "even"),
                planned("USER", "u-anna", "g-north", 120000, "even"))).post(PLAN);

        answer.then().statusCode(200)
                .body("changed.path", contains(company, anna))
                .body("changed.version", contains(1, 1))
                .body("unchanged", empty())
                .body("skipped", empty());
        assertThat(decimals(answer, "changed[0].values")).map(BigDecimal::toPlainString)
                .containsExactly("83.34", "83.34", "83.34", "83.34", "83.33", "83.33", "83.33", "83.33", "83.33", "83.33", "83.33", "83.33");
        Response companyRow = as(boss).get(company);
        companyRow.then().statusCode(200).body("version", equalTo(1));
        assertThat(decimals(companyRow, "values")).isEqualTo(decimals(answer, "changed[0].values"));
        assertThat(new JsonPath(companyRow.asString()).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL))
                .getObject("total", BigDecimal.class)).isEqualByComparingTo("1000");
        as(boss).get(anna).then().statusCode(200).body("groupId", equalTo("g-north")).body("values", everyItem(equalTo(10000)));
        as(boss).get(anna + "/history").then().body("event", contains("TargetSet")).body("reason", contains("Budget 2026"));
        assertThat(events()).as("one event per row").isEqualTo(before + 2);
    }

    @Test
    void aPlanThatChangesNothingReportsTheRowUnchangedWithoutAnEvent() {
        as(boss).body(plan("MONTH", null, planned("COMPANY", null, null, 1200, "even"))).post(PLAN).then().statusCode(200);
        long before = events();

        as(boss).body(plan("MONTH", null, planned("COMPANY", null, null, 1200, "even"))).post(PLAN).then().statusCode(200)
                .body("changed", empty())
                .body("unchanged.path", contains(company))
                .body("unchanged[0].version", equalTo(1));
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aWorkingDaysSplitFollowsMondayToFridayOfEachMonth() {
        // 2026 has 261 working days: 100 per working day
        Response answer = as(boss).body(plan("MONTH", null, planned("GROUP", "g-north", null, 26100, "working-days"))).post(PLAN);

        answer.then().statusCode(200);
        long februaryWorkingDays = LocalDate.of(2026, 2, 1).datesUntil(LocalDate.of(2026, 3, 1))
                .filter(day -> day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY).count();
        List<BigDecimal> values = decimals(answer, "changed[0].values");
        assertThat(values.get(1)).isEqualByComparingTo(BigDecimal.valueOf(100 * februaryWorkingDays));
        assertThat(values).map(BigDecimal::intValue).containsExactly(2200, 2000, 2200, 2200, 2100, 2200, 2300, 2100, 2200, 2200, 2100, 2300);
        as(boss).get(north).then().statusCode(200).body("total", equalTo(26100));
    }

    @Test
    void aQuarterlyPlanSumsTheMonthsOfEachQuarter() {
        Response answer = as(boss).body(plan("QUARTER", null,
                planned("COMPANY", null, null, 1000.01, "even"),
                planned("GROUP", "g-north", null, 261, "working-days"))).post(PLAN);

        answer.then().statusCode(200);
        assertThat(decimals(answer, "changed[0].values")).map(BigDecimal::toPlainString)
                .containsExactly("250.01", "250", "250", "250");
        // working days per quarter of 2026: 64, 65, 66, 66
        assertThat(decimals(answer, "changed[1].values")).map(BigDecimal::toPlainString)
                .containsExactly("64", "65", "66", "66");
        as(boss).get(north).then().body("interval", equalTo("QUARTER")).body("total", equalTo(261));
    }

    @Test
    void countsAreSplitInWholeSales() {
        as(boss).body(Map.of("name", "Sale type - Count", "dimension", "sale-type", "unit", "COUNT"))
                .post("/api/v1/target-types").then().statusCode(201);

        Response answer = as(boss).queryParam("item", "st-3")
                .body(plan("MONTH", null, planned("GROUP", "g-north", null, 100, "even")))
                .post("/api/v1/targets/2026/sale-type-count/plan");

        answer.then().statusCode(200).body("changed[0].path", equalTo(row(2026, "sale-type-count", "groups/g-north") + "?item=st-3"));
        assertThat(answer.jsonPath().getList("changed[0].values", Integer.class)).containsExactly(9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8);
        as(boss).queryParam("item", "st-3").body(plan("MONTH", null, planned("GROUP", "g-north", null, 10.5, "even")))
                .post("/api/v1/targets/2026/sale-type-count/plan").then().statusCode(400)
                .body("errors.field", contains("rows[0].yearly"));
    }

    @Test
    void aCopyChangesEveryValueByThePercentageAndKeepsThePattern() {
        List<Integer> pattern = List.of(1000, 2000, 3000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000);
        Map<String, Object> northLastYear = body("MONTH", pattern, null);
        northLastYear.put("currency", "NOK");
        as(boss).body(northLastYear).put(row(2025, TYPE, "groups/g-north")).then().statusCode(201);
        long before = events();

        Response answer = as(boss).body(Map.of(
                "from", Map.of("year", 2025, "typeId", TYPE, "level", "GROUP", "ownerId", "g-north"),
                "to", List.of(Map.of("level", "GROUP", "ownerId", "g-south"),
                        Map.of("level", "USER", "ownerId", "u-anna", "groupId", "g-south")),
                "changePercent", 5, "reason", "North's year, plus 5 %")).post(COPY);

        answer.then().statusCode(200).body("changed.path", contains(south, anna));
        List<Integer> expected = List.of(1050, 2100, 3150, 1050, 1050, 1050, 1050, 1050, 1050, 1050, 1050, 1050);
        as(boss).get(south).then().statusCode(200).body("values", equalTo(expected)).body("total", equalTo(15750))
                .body("currency", equalTo("NOK"));
        as(boss).get(anna).then().statusCode(200).body("values", equalTo(expected)).body("groupId", equalTo("g-south"))
                .body("currency", equalTo(null));
        as(boss).get(south + "/history").then().body("reason", contains("North's year, plus 5 %"));
        assertThat(events()).isEqualTo(before + 2);
    }

    @Test
    void aCopiedTotalIsRoundedToTheCentAndSplitExactly() {
        as(boss).body(body("QUARTER", List.of(1, 1, 1, 0), null)).put(row(2025, TYPE, "groups/g-north")).then().statusCode(201);

        Response answer = as(boss).body(Map.of(
                "from", Map.of("year", 2025, "typeId", TYPE, "level", "GROUP", "ownerId", "g-north"),
                "to", List.of(Map.of("level", "GROUP", "ownerId", "g-north")),
                "changePercent", 0.5)).post(COPY);

        // 3 + 0.5 % = 3.015 -> 3.02, split 1 : 1 : 1 : 0
        answer.then().statusCode(200);
        assertThat(decimals(answer, "changed[0].values")).map(BigDecimal::toPlainString)
                .containsExactly("1.01", "1.01", "1", "0");
    }

    @Test
    void copyingTheYearBeforeSkipsAndReportsLockedRowsAndKeepsGroupsAndCurrencies() {
        Map<String, Object> companyLastYear = monthly(10000, null);
        companyLastYear.put("currency", "EUR");
        as(boss).body(companyLastYear).put(row(2025, TYPE, "company")).then().statusCode(201);
        as(boss).body(monthly(5000, null)).put(row(2025, TYPE, "groups/g-north")).then().statusCode(201);
        as(boss).body(monthly(1000, "g-north")).put(row(2025, TYPE, "users/u-anna")).then().statusCode(201);
        as(boss).body(monthly(1, null)).put(north).then().statusCode(201);
        as(boss).post(north + "/lock").then().statusCode(200);
        long before = events();

        as(boss).body(Map.of("changePercent", 10, "reason", "Growth")).post(COPY_YEAR).then().statusCode(200)
                .body("changed.path", contains(company, anna))
                .body("changed.total", contains(132000, 13200))
                .body("skipped.path", contains(north))
                .body("skipped[0].reason", equalTo("target-locked"));

        as(boss).get(company).then().body("values", everyItem(equalTo(11000))).body("currency", equalTo("EUR"));
        as(boss).get(anna).then().body("values", everyItem(equalTo(1100))).body("groupId", equalTo("g-north"));
        as(boss).get(north).then().body("version", equalTo(2)).body("values", everyItem(equalTo(1))).body("locked", equalTo(true));
        assertThat(events()).isEqualTo(before + 2);
    }

    @Test
    void oneBadRowRefusesTheWholePlanAndWritesNothing() {
        as(boss).body(monthly(5, null)).put(north).then().statusCode(201);
        long before = events();

        as(boss).body(plan("MONTH", null,
                planned("COMPANY", null, null, 1000, "even"),
                planned("GROUP", "g-north", null, 2000, "even"),
                planned("USER", "u-anna", null, 3000, "even"),
                planned("USER", "u-bo", "g-north", -1, "weekly"))).post(PLAN).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/validation"))
                .body("errors.field", contains("rows[3].split"));
        as(boss).body(plan("MONTH", null,
                planned("COMPANY", null, null, 1000, "even"),
                planned("GROUP", "g-north", null, 2000, "even"),
                planned("USER", "u-anna", null, 3000, "even"),
                planned("USER", "u bo", "g-north", -1, "even"),
                planned("GROUP", "g-north", null, 1, "even"))).post(PLAN).then().statusCode(400)
                .body("errors.field", contains("rows[3].ownerId", "rows[3].yearly", "rows[4]"));
        // the row's own rules, checked while writing: the rows before it were written, and are undone
        as(boss).body(plan("MONTH", null,
                planned("COMPANY", null, null, 1000, "even"),
                planned("GROUP", "g-north", null, 2000, "even"),
                planned("USER", "u-anna", null, 3000, "even"))).post(PLAN).then().statusCode(400)
                .body("errors.field", contains("rows[2].groupId"));

        as(boss).get(company).then().statusCode(404);
        as(boss).get(north).then().statusCode(200).body("version", equalTo(1)).body("total", equalTo(60));
        as(boss).get(anna).then().statusCode(404);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aRowOfAnotherIntervalRefusesTheWholeRequest() {
        as(boss).body(body("QUARTER", List.of(1, 1, 1, 1), null)).put(north).then().statusCode(201);
        as(boss).body(monthly(1000, null)).put(row(2025, TYPE, "company")).then().statusCode(201);
        long before = events();

        as(boss).body(plan("MONTH", null, planned("GROUP", "g-south", null, 1200, "even"))).post(PLAN).then().statusCode(409)
                .body("type", equalTo("/problems/interval-mismatch"))
                .body("detail", containsString("rows[0]"));
        as(boss).body(Map.of()).post(COPY_YEAR).then().statusCode(409);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void copyingTheYearBeforeSkipsAndReportsTheRowsTheCallerMayReadButNotChange() {
        as(boss).body(monthly(10000, null)).put(row(2025, TYPE, "company")).then().statusCode(201);
        as(boss).body(monthly(5000, null)).put(row(2025, TYPE, "groups/g-north")).then().statusCode(201);
        as(boss).body(monthly(1000, "g-north")).put(row(2025, TYPE, "users/u-anna")).then().statusCode(201);
        as(boss).body(monthly(4000, null)).put(row(2025, TYPE, "groups/g-south")).then().statusCode(201);
        // North's lead reads the company's row and changes the team's; South's row is not theirs to see
        DevToken.Builder northLead = admin(tenant).user("u-lead").groups("g-north")
                .rights(Map.of("group", "update", "others", "none", "company", "read"));
        long before = events();

        as(northLead).body(Map.of("changePercent", 0, "reason", "As last year")).post(COPY_YEAR).then().statusCode(200)
                .body("changed.path", contains(north, anna))
                .body("skipped.path", contains(company))
                .body("skipped[0].reason", equalTo("forbidden"));

        as(boss).get(north).then().body("values", everyItem(equalTo(5000)));
        as(boss).get(anna).then().body("values", everyItem(equalTo(1000)));
        as(boss).get(company).then().statusCode(404);
        as(boss).get(south).then().statusCode(404);
        assertThat(events()).isEqualTo(before + 2);
    }

    @Test
    void aRowTheCallerMayNotChangeRefusesTheWholeRequest() {
        as(boss).body(monthly(5, null)).put(north).then().statusCode(201);
        as(boss).body(monthly(5, null)).put(row(2025, TYPE, "groups/g-south")).then().statusCode(201);
        DevToken.Builder northLead = admin(tenant).user("u-lead").groups("g-north")
                .rights(Map.of("group", "update", "others", "read", "company", "none"));
        long before = events();

        as(northLead).body(plan("MONTH", null,
                planned("GROUP", "g-north", null, 1200, "even"),
                planned("GROUP", "g-south", null, 1200, "even"))).post(PLAN).then().statusCode(403)
                .body("type", equalTo("/problems/forbidden"))
                .body("detail", containsString("rows[1]"));
        as(northLead).body(plan("MONTH", null,
                planned("GROUP", "g-north", null, 1200, "even"),
                planned("COMPANY", null, null, 1200, "even"))).post(PLAN).then().statusCode(404);
        // reading the source is needed too
        as(admin(tenant).user("u-lead").groups("g-north").rights(Map.of("group", "update", "others", "none")))
                .body(Map.of("from", Map.of("year", 2025, "typeId", TYPE, "level", "GROUP", "ownerId", "g-south"),
                        "to", List.of(Map.of("level", "GROUP", "ownerId", "g-north")))).post(COPY).then().statusCode(404);

        as(boss).get(north).then().body("version", equalTo(1)).body("total", equalTo(60));
        as(boss).get(south).then().statusCode(404);
        as(boss).get(company).then().statusCode(404);
        assertThat(events()).isEqualTo(before);
        as(northLead).body(plan("MONTH", null, planned("GROUP", "g-north", null, 1200, "even"))).post(PLAN).then().statusCode(200)
                .body("changed.path", contains(north));
    }

    @Test
    void withoutUnlimitedAPlanForTwoGroupsIsRefusedWhole() {
        DevToken.Builder premiumOnly = admin(tenant).licenses("sales-premium");
        long before = events();

        as(premiumOnly).body(plan("MONTH", null,
                planned("GROUP", "g-north", null, 1200, "even"),
                planned("USER", "u-anna", "g-south", 1200, "even"))).post(PLAN).then().statusCode(403)
                .body("type", equalTo("/problems/license-required"))
                .body("detail", containsString("rows[1]"));
        as(boss).get(north).then().statusCode(404);
        assertThat(events()).isEqualTo(before);
        as(premiumOnly).body(plan("MONTH", null,
                planned("GROUP", "g-north", null, 1200, "even"),
                planned("USER", "u-anna", "g-north", 1200, "even"))).post(PLAN).then().statusCode(200)
                .body("changed.path", contains(north, anna));
    }

    @Test
    void aRepeatWithTheSameIdempotencyKeyGetsTheFirstAnswerAndEmitsNothing() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = plan("MONTH", null, planned("GROUP", "g-north", null, 1200, "even"));
        String first = as(boss).header("Idempotency-Key", key).body(body).post(PLAN).then().statusCode(200).extract().asString();
        as(boss).body(monthly(7, null)).put(north).then().statusCode(200).body("version", equalTo(2));
        long before = events();

        String repeat = as(boss).header("Idempotency-Key", key).body(body).post(PLAN).then().statusCode(200).extract().asString();

        assertThat(repeat).isEqualTo(first).contains("\"version\":1");
        assertThat(events()).isEqualTo(before);
        as(boss).get(north).then().body("version", equalTo(2));
        as(boss).header("Idempotency-Key", key).body(Map.of()).post(COPY_YEAR).then().statusCode(400)
                .body("errors.field", contains("Idempotency-Key"));
    }

    @Test
    void aLastYearSplitWithoutTheProjectorIsUnavailableAndWritesNothing() {
        long before = events();

        as(boss).body(plan("MONTH", null,
                planned("GROUP", "g-north", null, 1200, "even"),
                planned("GROUP", "g-south", null, 1200, "last-year"))).post(PLAN).then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/unavailable"));
        as(boss).get(north).then().statusCode(404);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aLastYearSplitOfTheFirstYearIsRefusedNamingTheSplitNotUnavailable() {
        long before = events();

        as(boss).body(plan("MONTH", null,
                planned("GROUP", "g-north", null, 1200, "last-year"))).post("/api/v1/targets/2000/" + TYPE + "/plan")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("rows[0].split"))
                .body("errors[0].message", containsString("no actuals before 2000"));
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void unknownTypesAndBadPathsAreRefusedAsForARow() {
        Map<String, Object> body = plan("MONTH", null, planned("COMPANY", null, null, 1200, "even"));

        as(boss).body(body).post("/api/v1/targets/2026/no-such-type/plan").then().statusCode(404)
                .body("type", equalTo("/problems/not-found"));
        as(boss).body(body).post("/api/v1/targets/1999/" + TYPE + "/plan").then().statusCode(400)
                .body("errors.field", contains("year"));
        as(boss).body(body).queryParam("item", "st-3").post(PLAN).then().statusCode(400)
                .body("errors.field", contains("item"));
        as(boss).post(COPY).then().statusCode(400).body("errors.field", contains("body"));
        as(boss).body(Map.of("from", Map.of("year", 2025, "typeId", TYPE, "level", "GROUP", "ownerId", "g-none"),
                "to", List.of(Map.of("level", "GROUP", "ownerId", "g-north")))).post(COPY).then().statusCode(404);
        as(boss).post(COPY_YEAR).then().statusCode(200).body("changed", empty());
    }

    @Test
    void aThousandRowsAreWrittenInOneRequestAndOneMoreIsRefused() {
        as(boss).body(monthly(100, null)).put(row(2025, TYPE, "company")).then().statusCode(201);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(Map.of("level", "GROUP", "ownerId", "g" + i));
        }
        long before = events();

        as(boss).body(Map.of("from", Map.of("year", 2025, "typeId", TYPE, "level", "COMPANY"), "to", rows)).post(COPY)
                .then().statusCode(200).body("changed", hasSize(1000));
        assertThat(events()).isEqualTo(before + 1000);

        rows.add(Map.of("level", "GROUP", "ownerId", "g-one-more"));
        as(boss).body(Map.of("from", Map.of("year", 2025, "typeId", TYPE, "level", "COMPANY"), "to", rows)).post(COPY)
                .then().statusCode(400).body("errors.field", contains("to"));
        as(boss).get(row(2026, TYPE, "groups/g-one-more")).then().statusCode(404);
        as(boss).body(plan("MONTH", null)).post(PLAN).then().statusCode(400).body("errors.field", contains("rows"));
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpointsWithExamples() {
        String openApi = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().asString();

        assertThat(openApi).contains("/api/v1/targets/{year}/{typeId}/plan", "/api/v1/targets/{year}/{typeId}/copy",
                "/api/v1/targets/{year}/{typeId}/copy-year", "\"PlanTargets\"", "\"CopyTargets\"", "\"CopyYear\"",
                "\"PlanningAnswer\"", "working-days");
    }

    private static Map<String, Object> plan(String interval, String reason, Map<?, ?>... rows) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("interval", interval);
        if (reason != null) {
            plan.put("reason", reason);
        }
        plan.put("rows", List.of(rows));
        return plan;
    }

    private static Map<String, Object> planned(String level, String ownerId, String groupId, Object yearly, String split) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("level", level);
        if (ownerId != null) {
            row.put("ownerId", ownerId);
        }
        if (groupId != null) {
            row.put("groupId", groupId);
        }
        row.put("yearly", yearly);
        row.put("split", split);
        return row;
    }

    /** Numbers as written, not as floats. */
    private static List<BigDecimal> decimals(Response answer, String path) {
        return new JsonPath(answer.asString()).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL))
                .getList(path, BigDecimal.class);
    }

    private long events() {
        return sql.one("SELECT count(*) FROM events WHERE tenant_id = ?", row -> row.getLong(1), tenant);
    }
}
