package io.salestargets.progress.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.localstack.testing.TestTopics;
import io.salestargets.localstack.token.DevToken;
import io.salestargets.progress.EventStream;
import io.salestargets.progress.ProjectorInfrastructure;
import io.salestargets.progress.TestTenant;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The live streams' feed on the real broker: views published while its consumer was disconnected still
 * reach an open stream once it connects again (it goes on from where it was, not from the end).
 */
@QuarkusTest
@WithTestResource(ProjectorInfrastructure.class)
class ProgressFeedTest {

    @Inject
    ProgressFeed feed;

    private final TestTenant tenant = new TestTenant();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void viewsPublishedWhileTheConsumerWasDisconnectedReachAnOpenStream() {
        TestTenant.awaitReady();
        tenant.won("s-1", "2026-03-14", "u-anna", "g-north", "100");
        tenant.awaitView("/company", view -> view.total().actual().compareTo(new BigDecimal("100")) == 0);
        String company = tenant.id + "/2026/all-sales-amount/company/company";

        try (EventStream stream = EventStream.open(http, TestTenant.PROGRESS + "/company/events",
                DevToken.builder().tenant(tenant.id).user("u-boss").sign())) {
            assertThat(stream.status()).as(stream.body()).isEqualTo(200);
            assertThat(actual(stream.next(Duration.ofSeconds(10)))).isEqualByComparingTo("100");

            feed.disconnect();
            try {
                tenant.won("s-2", "2026-03-15", "u-anna", "g-north", "50");
                TestTopics.latest(Topics.PROGRESS, company::equals, json -> EventJson.read(json, ProgressView.class),
                        views -> views.containsKey(company) && views.get(company).total().actual().compareTo(new BigDecimal("150")) == 0,
                        Duration.ofSeconds(30));
                assertThat(stream.poll(Duration.ofMillis(500))).as("a view while the feed is disconnected").isNull();
            } finally {
                feed.connect();
            }

            String after = stream.next(Duration.ofSeconds(20));
            assertThat(actual(after)).as("the view published in the gap").isEqualByComparingTo("150");
        }
    }

    private static BigDecimal actual(String view) {
        return new BigDecimal(JsonPath.from(view).getString("total.actual"));
    }
}
