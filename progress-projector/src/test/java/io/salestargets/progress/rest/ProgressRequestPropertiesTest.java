package io.salestargets.progress.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salestargets.localstack.testing.properties.JqwikInQuarkus;
import io.salestargets.localstack.testing.properties.LogWatch;
import io.salestargets.progress.ProjectorInfrastructure;
import io.salestargets.service.ProblemMapper;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the property-based test of {@link ProgressRequestProperties} (jqwik) against the running
 * projector: docs/security.md, "Property-based tests". A failure names jqwik's seed and the smallest
 * failing request it found.
 */
@QuarkusTest
@WithTestResource(ProjectorInfrastructure.class)
class ProgressRequestPropertiesTest {

    @BeforeEach
    void awaitReady() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void theLogWatchSeesWhatTheProjectorLogs() {
        // an error logged the way the projector logs one (JBoss Logging, the category that logs every 500) must reach it
        try (LogWatch log = LogWatch.install()) {
            int mark = log.mark();
            Logger.getLogger(ProblemMapper.class).error("request failed", new IllegalStateException("canary"));
            assertThat(log.since(mark)).singleElement().asString().contains("request failed").contains("IllegalStateException: canary");
        }
    }

    @Test
    void paths() {
        JqwikInQuarkus.run(ProgressRequestProperties.class);
    }
}
