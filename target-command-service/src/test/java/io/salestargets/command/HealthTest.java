package io.salestargets.command;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salestargets.command.Api;
import io.salestargets.localstack.testing.RealInfrastructure;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class HealthTest {

    @Test
    void isReadyWhenItReachesItsDatabaseWhateverTheBroker() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", contains("Database connections health check"));
    }

    @Test
    void isLive() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void hasStarted() {
        given().when().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void countsTheEventsItAppendsAndPublishesAndShowsWhatTheRelayHasLeft() {
        double appended = Api.metric("events_appended_total{type=\"TargetSet\"}");
        String tenant = Api.newTenant();
        Api.as(Api.admin(tenant)).body(Api.monthly(100, "g-1")).put(Api.row(2026, Api.TYPE, "users/u-1")).then().statusCode(201);
        Api.as(Api.admin(tenant)).body(Api.monthly(200, "g-1")).put(Api.row(2026, Api.TYPE, "users/u-1")).then().statusCode(200);
        Api.as(Api.admin(tenant)).body(Api.monthly(200, "g-1")).put(Api.row(2026, Api.TYPE, "users/u-1")).then().statusCode(200);

        // two events: the third PUT changed nothing
        assertThat(Api.metric("events_appended_total{type=\"TargetSet\"}") - appended).isEqualTo(2);
        assertThat(Api.metric("relay_events_published_total")).isGreaterThanOrEqualTo(2);
        // the gauges are measured at most every 5 s
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(Api.metric("relay_backlog_events")).isZero();
            assertThat(Api.metric("relay_backlog_age_seconds")).isZero();
        });
        assertThat(Api.metrics()).contains("relay_lag_milliseconds{quantile=\"0.99\"}", "http_server_requests_seconds_count");
    }

    @Test
    void servesPrometheusMetricsAndOpenApi() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().when().get("/q/openapi?format=json").then().statusCode(200).body("openapi", containsString("3."));
    }
}
