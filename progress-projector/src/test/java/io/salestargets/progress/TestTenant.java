package io.salestargets.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.specification.RequestSpecification;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.TargetEvent;
import io.salestargets.events.targets.TargetSet;
import io.salestargets.events.targets.TargetType;
import io.salestargets.localstack.testing.TestTopics;
import io.salestargets.localstack.token.DevToken;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A fresh tenant of the running projector (a {@code @QuarkusTest} on the harness's broker), in the words of
 * the tests: target events and sales produced to the topics, progress read as the tenant's boss.
 */
public final class TestTenant {

    /** The progress of the built-in type in 2026. */
    public static final String PROGRESS = "/api/v1/progress/2026/all-sales-amount";

    public final String id;

    public TestTenant() {
        this("t-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A tenant of a given id (ids that differ from another's only by a suffix, for example). */
    public TestTenant(String id) {
        this.id = id;
    }

    /** Waits, like any client, until the projector says it can answer. */
    public static void awaitReady() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));
    }

    public void send(TargetEvent event) {
        TestTopics.produce(Topics.TARGET_EVENTS, event.key(), EventJson.writeString(event));
    }

    /** A TargetSet of the built-in type, the same value every month. */
    public TargetSet target(RowId row, String groupId, long version, Instant occurredAt, String monthly) {
        return new TargetSet(UUID.randomUUID(), id, row, TargetType.ALL_SALES_AMOUNT.measure(), groupId, Interval.MONTH,
                Collections.nCopies(12, new BigDecimal(monthly)), null, version, occurredAt, "u-boss", null);
    }

    public void won(String saleId, String day, String user, String group, String amount) {
        TestTopics.produce(Topics.SALES, id + "/" + saleId, ("{\"type\":\"SaleWon\",\"tenantId\":\"%s\",\"saleId\":\"%s\",\"wonDate\":\"%s\","
                + "\"userId\":\"%s\",\"groupId\":\"%s\",\"amount\":%s}").formatted(id, saleId, day, user, group, amount));
    }

    public void retract(String saleId) {
        TestTopics.produce(Topics.SALES, id + "/" + saleId,
                "{\"type\":\"SaleRetracted\",\"tenantId\":\"" + id + "\",\"saleId\":\"" + saleId + "\"}");
    }

    /** Requests with the token of the tenant's boss (every right). */
    public RequestSpecification boss() {
        return given().auth().oauth2(DevToken.builder().tenant(id).user("u-boss").sign());
    }

    /** Reads {@link #PROGRESS} + {@code owner} until its view shows what {@code done} expects. */
    public void awaitView(String owner, Predicate<ProgressView> done) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ProgressView view = boss().get(PROGRESS + owner).then().statusCode(200).extract().as(ProgressView.class);
            assertThat(done.test(view)).as(view.toString()).isTrue();
        });
    }
}
