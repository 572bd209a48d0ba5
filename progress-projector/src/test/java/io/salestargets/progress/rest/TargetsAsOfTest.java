package io.salestargets.progress.rest;

import static io.restassured.RestAssured.given;
import static io.salestargets.progress.TestTenant.PROGRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.targets.RowId;
import io.salestargets.progress.ProjectorInfrastructure;
import io.salestargets.progress.TestTenant;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ?targetsAsOf=}: today's actuals against the targets as they stood at an instant (before a mid-year revision). */
@QuarkusTest
@WithTestResource(ProjectorInfrastructure.class)
class TargetsAsOfTest {

    private final TestTenant tenant = new TestTenant();

    @BeforeEach
    void awaitReady() {
        TestTenant.awaitReady();
    }

    @Test
    void aViewComparesTodaysActualsWithTheTargetsAsTheyStoodBeforeAndAfterAMidYearRevision() {
        RowId anna = RowId.user(2026, "all-sales-amount", "u-anna", null);
        tenant.send(tenant.target(anna, "g-north", 1, Instant.parse("2026-01-05T09:00:00Z"), "1000"));   // 12000 a year
        tenant.send(tenant.target(anna, "g-north", 2, Instant.parse("2026-07-01T09:00:00Z"), "1500"));   // revised: 18000
        tenant.won("s-1", "2026-03-14", "u-anna", "g-north", "900");
        tenant.awaitView("/users/u-anna", view -> view.targetVersion() != null && view.targetVersion() == 2
                && view.total().actual().compareTo(new BigDecimal("900")) == 0);

        tenant.boss().get(PROGRESS + "/users/u-anna?targetsAsOf=2026-06-30T00:00:00Z").then().statusCode(200)
                .body("targetVersion", equalTo(1))
                .body("periods[0].target", equalTo(1000))
                .body("total.target", equalTo(12000))
                .body("total.actual", equalTo(900))
                .body("pace.status", equalTo("behind"));
        tenant.boss().get(PROGRESS + "/users/u-anna?targetsAsOf=2026-01-01T00:00:00Z").then().statusCode(200)
                .body("targetVersion", nullValue())
                .body("periods[0].target", nullValue())
                .body("total.target", nullValue())
                .body("total.actual", equalTo(900));
        tenant.boss().get(PROGRESS + "/users/u-anna?targetsAsOf=2026-07-01T09:00:00Z").then().statusCode(200)
                .body("targetVersion", equalTo(2))
                .body("total.target", equalTo(18000));
        tenant.boss().get(PROGRESS + "/users/u-anna").then().statusCode(200).body("targetVersion", equalTo(2));
        // with asOf: the target to date of the first targets (three months of 1000) against the actual to date
        tenant.boss().get(PROGRESS + "/users/u-anna?asOf=2026-03-31&targetsAsOf=2026-06-30T00:00:00Z").then().statusCode(200)
                .body("toDate.asOf", equalTo("2026-03-31"))
                .body("toDate.target", equalTo(3000f))
                .body("toDate.actual", equalTo(900));
    }

    @Test
    void theListTakesItTooForEveryOwner() {
        RowId company = RowId.company(2026, "all-sales-amount", null);
        tenant.send(tenant.target(RowId.user(2026, "all-sales-amount", "u-anna", null), "g-north", 1,
                Instant.parse("2026-01-05T09:00:00Z"), "10"));
        tenant.send(tenant.target(company, null, 1, Instant.parse("2026-01-05T09:00:00Z"), "100"));
        tenant.send(tenant.target(company, null, 2, Instant.parse("2026-07-01T09:00:00Z"), "200"));
        tenant.won("s-1", "2026-03-14", "u-anna", "g-north", "5");
        tenant.awaitView("/company", view -> view.targetVersion() != null && view.targetVersion() == 2
                && view.total().actual().signum() > 0);

        tenant.boss().get(PROGRESS + "?targetsAsOf=2026-06-30T00:00:00Z").then().statusCode(200)
                .body("company.targetVersion", equalTo(1))
                .body("company.total.target", equalTo(1200))
                .body("company.total.actual", equalTo(5))
                .body("groups[0].users[0].ownerId", equalTo("u-anna"))
                .body("groups[0].users[0].total.target", equalTo(120))
                .body("groups[0].usersTargetTotal", equalTo(120));
        tenant.boss().get(PROGRESS + "?targetsAsOf=2026-01-01T00:00:00Z").then().statusCode(200)
                .body("company.total.target", nullValue())
                .body("groups[0].users[0].total.target", nullValue())
                .body("groups[0].usersTargetTotal", equalTo(0));
        tenant.boss().get(PROGRESS).then().statusCode(200).body("company.total.target", equalTo(2400));
    }

    @Test
    void aValueThatIsNoInstantIsABadRequestNamingTheField() {
        for (String bad : new String[] {"2026-06-30", "yesterday", "2026-06-30T00:00:00", "2026-13-01T00:00:00Z"}) {
            tenant.boss().queryParam("targetsAsOf", bad).get(PROGRESS + "/users/u-anna").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("targetsAsOf"));
            tenant.boss().queryParam("targetsAsOf", bad).get(PROGRESS).then().statusCode(400)
                    .body("errors[0].field", equalTo("targetsAsOf"));
        }
    }

    @Test
    void theOpenApiDocumentsItWithAnExampleOnTheViewAndTheList() throws Exception {
        JsonNode paths = EventJson.mapper().readTree(given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().asString()).get("paths");
        for (String path : new String[] {"/api/v1/progress/{year}/{typeId}/{owner}", "/api/v1/progress/{year}/{typeId}"}) {
            JsonNode parameter = null;
            for (JsonNode candidate : paths.get(path).get("get").get("parameters")) {
                parameter = candidate.get("name").asText().equals("targetsAsOf") ? candidate : parameter;
            }
            assertThat(parameter).as(path).isNotNull();
            assertThat(parameter.get("example").asText()).isEqualTo("2026-06-30T00:00:00Z");
            assertThat(parameter.get("description").asText()).contains("ISO-8601");
        }
    }
}
