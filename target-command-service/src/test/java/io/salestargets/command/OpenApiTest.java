package io.salestargets.command;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.salestargets.localstack.testing.RealInfrastructure;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a client generator reads from {@code /q/openapi}: ?asOf, the reasons and the settings, with examples. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class OpenApiTest {

    private static final String ROW = "/api/v1/targets/{year}/{typeId}/{owner}";

    private static JsonPath openApi() {
        return given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theGetsOfRowHistoryAndDialogTakeAsOfWithAnExample() {
        JsonPath openApi = openApi();
        for (String path : new String[] {ROW, ROW + "/history", "/api/v1/targets/{year}/{typeId}"}) {
            Map<String, Object> asOf = openApi.getMap("paths.'" + path + "'.get.parameters.find { it.name == 'asOf' }");
            assertThat(asOf).as(path).containsEntry("in", "query").containsEntry("example", "2026-06-30T00:00:00Z");
            assertThat((String) asOf.get("description")).contains("ISO-8601");
        }
    }

    @Test
    void lockAndUnlockTakeAnOptionalReasonBodyAndDeleteAReasonParameter() {
        JsonPath openApi = openApi();
        for (String action : new String[] {"/lock", "/unlock"}) {
            String body = "paths.'" + ROW + action + "'.post.requestBody";
            assertThat(openApi.getBoolean(body + ".required")).as(action).isFalse();
            assertThat(openApi.getString(body + ".content.'application/json'.schema.'$ref'")).endsWith("/ChangeReason");
        }
        assertThat(openApi.getString("components.schemas.ChangeReason.examples[0].reason")).isNotBlank();
        Map<String, Object> reason = openApi.getMap("paths.'" + ROW + "'.delete.parameters.find { it.name == 'reason' }");
        assertThat(reason).containsEntry("in", "query").containsKey("example");
    }

    @Test
    void theSettingsAreDescribedWithExamples() {
        JsonPath openApi = openApi();
        assertThat(openApi.getString("paths.'/api/v1/settings'.get.responses.'200'.content.'application/json'.schema.'$ref'"))
                .endsWith("/TenantSettings");
        assertThat(openApi.getString("paths.'/api/v1/settings'.put.requestBody.content.'application/json'.schema.'$ref'"))
                .endsWith("/ChangeTenantSettings");
        assertThat(openApi.getBoolean("components.schemas.ChangeTenantSettings.examples[0].reasonRequiredAfterUnlock")).isTrue();
        assertThat(openApi.getList("components.schemas.ChangeTenantSettings.required")).containsExactly("reasonRequiredAfterUnlock");
        assertThat(openApi.getString("paths.'/api/v1/settings'.put.description")).contains("targets-admin");
    }
}
