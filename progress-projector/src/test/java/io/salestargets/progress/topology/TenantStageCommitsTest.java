package io.salestargets.progress.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.progress.ProgressRecord;
import io.salestargets.events.sale.SaleWon;
import io.salestargets.progress.sales.SaleState;
import io.salestargets.progress.state.PartitionStates;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * When the tenant stage asks Kafka Streams to commit: right after a publication of recent sales, and 20 ms before the
 * next (so that the sales read meanwhile reach it in time); not while far behind, and not for a second after the
 * stream thread was held up (a tick 250 ms late). Publications fall on the interval's multiples of the wall clock.
 */
class TenantStageCommitsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final String VIEW = "acme/2026/all-sales-amount/user/u-anna";
    /** A multiple of the publish interval (50 ms). */
    private static final long T0 = 1_000_000_000L;

    private final MockProcessorContext<String, ProgressRecord> context = new MockProcessorContext<>();
    private final TenantStage stage;
    private int sales;

    TenantStageCommitsTest() {
        TenantStageStores.addTo(context);
        stage = new TenantStage(Duration.ofMillis(50), 1.0, Clock.fixed(DAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC),
                ProjectorMetrics.NONE, new PartitionStates());
        stage.init(context);
    }

    @Test
    void aLivePublicationIsCommittedAtOnceAndTheSalesReadMeanwhileJustBeforeTheNext() {
        tick(T0);
        sale(T0 + 10);
        assertThat(tick(T0 + 20)).as("before the first live publication: nothing to commit early").isFalse();
        assertThat(tick(T0 + 50)).as("a publication of recent sales").isTrue();
        assertThat(context.forwarded()).anySatisfy(forwarded -> assertThat(forwarded.record().key()).isEqualTo(VIEW));
        assertThat(tick(T0 + 60)).as("40 ms before the next publication").isFalse();
        assertThat(tick(T0 + 80)).as("20 ms before it").isTrue();
        assertThat(tick(T0 + 90)).as("once per publication").isFalse();
        sale(T0 + 95);
        assertThat(tick(T0 + 100)).isTrue();
        assertThat(context.forwarded()).as("published on the multiple of the interval").isNotEmpty();
    }

    @Test
    void noCommitIsAskedForDuringASecondAfterTheThreadWasHeldUp() {
        tick(T0);
        sale(T0 + 10);
        assertThat(tick(T0 + 50)).isTrue();
        sale(T0 + 390);
        assertThat(tick(T0 + 400)).as("300 ms after the last tick: published, not committed at once").isFalse();
        assertThat(context.forwarded()).as("published all the same").isNotEmpty();
        for (long at = T0 + 430; at < T0 + 1_400; at += 200) {
            assertThat(tick(at)).as("at %d ms", at - T0).isFalse();
        }
        assertThat(tick(T0 + 1_410)).as("a second later, nothing to publish").isFalse();
        sale(T0 + 1_420);
        assertThat(tick(T0 + 1_430)).as("20 ms before the next publication").isTrue();
        assertThat(tick(T0 + 1_450)).isTrue();
    }

    @Test
    void farBehindTheCommitsStayAtTheCommitInterval() {
        tick(T0);
        sale(T0 - 20_000);
        assertThat(tick(T0 + 50)).as("a publication of sales 20 s old").isFalse();
        assertThat(context.forwarded()).isNotEmpty();
        sale(T0 - 19_000);
        for (long at = T0 + 60; at <= T0 + 300; at += 10) {
            assertThat(tick(at)).as("at %d ms", at - T0).isFalse();
        }
    }

    /** A punctuation at a wall-clock instant: whether the stage asked for a commit. */
    private boolean tick(long at) {
        context.resetForwards();
        context.resetCommit();
        context.scheduledPunctuators().get(context.scheduledPunctuators().size() - 1).getPunctuator().punctuate(at);
        return context.committed();
    }

    private void sale(long stamped) {
        String saleId = "s-" + ++sales;
        SaleWon won = new SaleWon("acme", saleId, 1L, DAY, "u-anna", "g-north", new BigDecimal("100"), BigDecimal.ZERO, "EUR", Map.of(),
                Instant.parse("2026-03-14T10:00:00Z"));
        stage.process(new Record<>("acme/" + saleId, TenantInput.sale(new SaleState(won, 1L)), stamped));
    }
}
