package io.salestargets.command.target.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salestargets.localstack.testing.RealInfrastructure;
import io.salestargets.localstack.testing.properties.JqwikInQuarkus;
import io.salestargets.localstack.testing.properties.LogWatch;
import io.salestargets.service.ProblemMapper;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Runs the property-based tests of {@link RequestProperties} (jqwik) against the running service:
 * docs/security.md, "Property-based tests". A failure names the property, jqwik's seed and the
 * smallest failing request it found.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class RequestPropertiesTest {

    @Test
    void theLogWatchSeesWhatTheServiceLogs() {
        // the properties are only as good as their log watch: an error logged the way the service logs one
        // (JBoss Logging, the category of the mapper that logs every 500) must reach it
        try (LogWatch log = LogWatch.install()) {
            int mark = log.mark();
            Logger.getLogger(ProblemMapper.class).error("request failed", new IllegalStateException("canary"));
            assertThat(log.since(mark)).singleElement().asString().contains("request failed").contains("IllegalStateException: canary");
            Logger.getLogger(ProblemMapper.class).info("a request");
            assertThat(log.since(mark)).hasSize(1);
        }
    }

    @Test
    void rowBodies() {
        JqwikInQuarkus.run(RequestProperties.class, "aRowsBodyIsAcceptedOrRefusedWithAProblemAndARefusalChangesNothing");
    }

    @Test
    void typeBodies() {
        JqwikInQuarkus.run(RequestProperties.class, "aTypesBodyIsAcceptedOrRefusedWithAProblemAndARefusalChangesNothing");
    }

    @Test
    void paths() {
        JqwikInQuarkus.run(RequestProperties.class, "everyEndpointAnswersAnyPathWithA2xxOrA4xxProblemAndARefusalChangesNothing");
    }
}
