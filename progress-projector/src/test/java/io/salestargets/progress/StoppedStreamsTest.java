package io.salestargets.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.TargetType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * Once the projector's streams have stopped (a fatal error, or the shutdown), every query is 503
 * {@code application/problem+json} with {@code Retry-After}, at once, never a 500; and the instance is neither
 * ready nor alive (docs/decisions.md, "Projector health"). Kafka Streams refuses every query then with an
 * IllegalStateException, which was answered 500. ({@code Retry-After} 5: the 2 s of a rebalance would say the
 * answer came from the retries, not at once.)
 *
 * <p>The test closes the application's own {@link KafkaStreams} (NOT_RUNNING, through PENDING_SHUTDOWN, like
 * ERROR through PENDING_ERROR: the same refusals), so it has an application of its own (its profile).
 */
@QuarkusTest
@TestProfile(StoppedStreamsTest.OwnApplication.class)
@WithTestResource(ProjectorInfrastructure.class)
class StoppedStreamsTest {

    /** No configuration of its own: a profile only so that closing the streams leaves the other tests' application alone. */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    @Inject
    KafkaStreams streams;

    @Test
    void everyQueryIsUnavailableAndTheInstanceNeitherReadyNorAliveOnceTheStreamsHaveStopped() {
        TestTenant tenant = new TestTenant();
        TestTenant.awaitReady();
        tenant.send(tenant.target(RowId.user(2026, TargetType.ALL_SALES_AMOUNT.id(), "u-anna", null), "g-north", 1,
                Instant.now(), "1000"));
        tenant.awaitView("/users/u-anna", view -> view.targetVersion() != null);
        List<String> queries = List.of(
                TestTenant.PROGRESS + "/users/u-anna",
                TestTenant.PROGRESS + "/company",
                TestTenant.PROGRESS,
                TestTenant.PROGRESS + "/items",
                "/api/v1/progress/types");
        queries.forEach(path -> tenant.boss().get(path).then().statusCode(200));

        streams.close(Duration.ofSeconds(30));
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);

        for (String path : queries) {
            unavailable(path, tenant.boss().get(path));
        }
        String live = TestTenant.PROGRESS + "/users/u-anna/events";
        unavailable(live, tenant.boss().accept("text/event-stream").get(live));

        given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Kafka Streams running' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Kafka Streams running' }.data.state", equalTo("NOT_RUNNING"));
        given().get("/q/health/live").then().statusCode(503)
                .body("checks.name", hasItem("Kafka Streams alive"))
                .body("checks.find { it.name == 'Kafka Streams alive' }.status", equalTo("DOWN"));
    }

    private static void unavailable(String path, Response response) {
        assertThat(response.statusCode()).as(path + ": " + response.body().asString()).isEqualTo(503);
        response.then()
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo("/problems/unavailable"))
                .body("status", equalTo(503));
        assertThat(response.body().asString()).as(path + ": no stack trace, no exception").doesNotContain("Exception", "\tat ");
    }
}
