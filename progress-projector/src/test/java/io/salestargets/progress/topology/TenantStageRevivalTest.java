package io.salestargets.progress.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.progress.ProgressRecord;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.sale.SaleWon;
import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.Unit;
import io.salestargets.progress.sales.SaleState;
import io.salestargets.progress.state.PartitionState;
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
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams initializes the same processor again when it revives a task whose exactly-once
 * transaction was aborted, after restoring its stores to what was committed: the tenant stage must
 * then rebuild its actuals from the restored sale states, not keep what the aborted transaction counted,
 * and publish its views again (the marks of the aborted transaction are gone with it).
 */
class TenantStageRevivalTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final String VIEW = "acme/2026/all-sales-amount/user/u-anna";

    private final MockProcessorContext<String, ProgressRecord> context = new MockProcessorContext<>();
    private final KeyValueStore<String, SaleState> sales = TenantStageStores.addTo(context);
    private final PartitionStates states = new PartitionStates();

    @Test
    void aRevivedTaskCountsFromItsRestoredSaleStatesNotFromTheRolledBackMemory() {
        TenantStage stage = new TenantStage(Duration.ofMillis(50), 1.0,
                Clock.fixed(DAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC), ProjectorMetrics.NONE, states);
        stage.init(context);
        stage.process(new Record<>("acme/s-1", TenantInput.sale(new SaleState(won("s-1", "100"), 1L)), 0));
        stage.process(new Record<>("acme/s-2", TenantInput.sale(new SaleState(won("s-2", "40"), 1L)), 0));
        assertThat(annaAmount()).isEqualByComparingTo("140");

        // the transaction aborts after s-1 was committed: Kafka Streams restores the stores to the last commit,
        // initializes the same processor again and reprocesses s-2
        sales.delete("acme/s-2");
        stage.init(context);
        assertThat(annaAmount()).as("rebuilt from the committed sale states").isEqualByComparingTo("100");
        stage.process(new Record<>("acme/s-2", TenantInput.sale(new SaleState(won("s-2", "40"), 1L)), 0));

        assertThat(annaAmount()).as("each sale counted once").isEqualByComparingTo("140");
        context.scheduledPunctuators().get(context.scheduledPunctuators().size() - 1).getPunctuator().punctuate(0);
        assertThat(context.forwarded()).as("the revived task publishes its views again")
                .anySatisfy(forwarded -> {
                    assertThat(forwarded.record().key()).isEqualTo(VIEW);
                    assertThat(((ProgressView) forwarded.record().value()).total().actual()).isEqualByComparingTo("140");
                });
    }

    @Test
    void aClosedTaskIsNoLongerReadable() {
        TenantStage stage = new TenantStage(Duration.ofMillis(50), 1.0, Clock.systemUTC(), ProjectorMetrics.NONE, states);
        stage.init(context);
        assertThat(states.of(context.taskId().partition())).isPresent();
        stage.close();
        assertThat(states.of(context.taskId().partition())).as("moved away: queries go elsewhere").isEmpty();
    }

    private BigDecimal annaAmount() {
        PartitionState state = states.of(context.taskId().partition()).orElseThrow();
        return state.read(() -> state.actuals().of("acme", 2026, Level.USER, "u-anna", "all", null).upTo(DAY, Unit.AMOUNT));
    }

    private static SaleWon won(String saleId, String amount) {
        return new SaleWon("acme", saleId, 1L, DAY, "u-anna", "g-north", new BigDecimal(amount), BigDecimal.ZERO, "EUR", Map.of(),
                Instant.parse("2026-03-14T10:00:00Z"));
    }
}
