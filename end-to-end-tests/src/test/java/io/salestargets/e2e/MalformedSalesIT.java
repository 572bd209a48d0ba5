package io.salestargets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.Topics;
import io.salestargets.localstack.demo.DemoTargets;
import io.salestargets.localstack.demo.DemoTenant;
import io.salestargets.localstack.demo.SaleGenerator;
import io.salestargets.localstack.token.DevToken;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, fault 6: a CRM sends 1% unreadable records among 50,000 at 5,000 records a second. Each
 * unreadable one lands once in {@code crm.sales.dlq} with its reason and where it came from, and is
 * counted in {@code projector_sales_dead_letters_total}; every readable one counts in the views and
 * in {@code projector_sales_applied_total}.
 */
class MalformedSalesIT {

    private static final int YEAR = LocalDate.now().getYear();
    private static final int RECORDS = 50_000;
    private static final int PER_SECOND = 5_000;
    private static final DemoTenant TENANT = DemoTenant.of("dlq-" + UUID.randomUUID().toString().substring(0, 6));
    private static Stack stack;

    private final Http progress = new Http(stack.projector.url() + "/api/v1/progress", DevToken.builder().tenant(TENANT.tenantId()).sign());

    @BeforeAll
    static void start() {
        stack = new Stack();
        new DemoTargets(stack.commands.url(), DevToken.builder().tenant(TENANT.tenantId()).sign()).load(TENANT, YEAR);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyUnreadableRecordIsInTheDeadLetterTopicWithItsReasonAndCountedAndEveryGoodOneCounts() {
        ReferenceProgress reference = new ReferenceProgress(TENANT, YEAR);
        SaleGenerator generator = new SaleGenerator(TENANT, 6, LocalDate.now(), new SaleGenerator.Mix(0.10, 0.02, 0.01));
        double deadLettersBefore = Metrics.value(stack.projector.url(), "projector_sales_dead_letters_total");
        double appliedBefore = Metrics.value(stack.projector.url(), "projector_sales_applied_total");
        double lagSamplesBefore = Metrics.value(stack.projector.url(), "projector_sales_lag_seconds_count");
        Crm.Sent sent;
        long started = System.nanoTime();
        try (Crm crm = new Crm(Duration.ofMinutes(1))) {
            sent = crm.send(generator, reference, RECORDS, PER_SECOND, true);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        List<String> malformed = sent.malformedKeys();
        assertThat(took).as("sent at about 5,000 a second").isLessThan(Duration.ofSeconds(RECORDS / PER_SECOND + 3));
        assertThat(malformed.size()).as("about 1%").isBetween(RECORDS / 200, RECORDS / 50);

        List<Topic.Entry> deadLetters = Topic.read(Topics.SALES_DLQ, key -> key.startsWith(TENANT.tenantId() + "/"),
                entries -> entries.size() >= malformed.size(), Duration.ofMinutes(4));
        assertThat(deadLetters).extracting(Topic.Entry::key).containsExactlyInAnyOrderElementsOf(malformed);
        assertThat(deadLetters).allSatisfy(entry -> {
            assertThat(entry.headers().get("error")).as(entry.key()).isNotBlank();
            assertThat(entry.headers()).containsEntry("source.topic", Topics.SALES).containsKeys("source.partition", "source.offset");
            assertThat(entry.value()).isNotNull();
        });
        Awaitility.await("the metric counts each dead letter").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Metrics.value(stack.projector.url(), "projector_sales_dead_letters_total") - deadLettersBefore)
                        .isEqualTo(malformed.size()));
        Awaitility.await("every good record counts").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(reference.mismatches(progress)).isEmpty());
        // every readable record was applied once (none is stale: the CRM's revisions only grow)
        assertThat(Metrics.value(stack.projector.url(), "projector_sales_applied_total") - appliedBefore)
                .isEqualTo(RECORDS - malformed.size());
        assertThat(Metrics.value(stack.projector.url(), "projector_sales_lag_seconds_count") - lagSamplesBefore)
                .as("the end-to-end lag is measured").isPositive();
        System.out.printf("MalformedSalesIT: %d records in %d ms, %d unreadable, all in %s%n", RECORDS, took.toMillis(),
                malformed.size(), Topics.SALES_DLQ);
    }
}
