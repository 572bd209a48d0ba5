package io.salestargets.progress.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.progress.ProgressRecord;
import io.salestargets.events.target.Level;
import io.salestargets.progress.targets.TargetHistory;
import io.salestargets.progress.targets.TargetRowState;
import io.salestargets.events.target.TargetType;
import io.salestargets.progress.actuals.Actual;
import io.salestargets.progress.actuals.ActualsChange;
import io.salestargets.progress.actuals.ActualsSerdes;
import io.salestargets.progress.actuals.Keys;
import io.salestargets.progress.actuals.LatestGroup;
import io.salestargets.progress.actuals.MonthActuals;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams initializes the same processor again when it revives a task whose exactly-once
 * transaction was aborted, after restoring its stores to what was committed: the owner stage must
 * then start from the stores, not from the objects it held before.
 */
class OwnerProcessorRevivalTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final String MONTH = Keys.actualsMonth("acme", 2026, Level.USER, "u-anna", "all", null, 3);

    private final MockProcessorContext<String, ProgressRecord> context = new MockProcessorContext<>();
    private final KeyValueStore<String, MonthActuals> actuals = store(ProgressTopology.ACTUALS_STORE, ActualsSerdes.months());

    OwnerProcessorRevivalTest() {
        store(ProgressTopology.TARGET_ROWS_STORE, ProgressTopology.json(TargetRowState.class));
        store(ProgressTopology.TARGET_TYPES_STORE, ProgressTopology.json(TargetType.class));
        store(ProgressTopology.OWNERS_WITH_SALES_STORE, Serdes.String());
        store(ProgressTopology.LATEST_GROUPS_STORE, ProgressTopology.json(LatestGroup.class));
        store(ProgressTopology.DIRTY_VIEWS_STORE, Serdes.Long());
        store(ProgressTopology.ATTAINED_TARGETS_STORE, Serdes.Long());
        store(ProgressTopology.TARGET_HISTORY_STORE, TargetHistory.serde());
    }

    @Test
    void aRevivedTaskCountsFromItsRestoredStoresNotFromTheRolledBackObjects() {
        OwnerProcessor owner = new OwnerProcessor(Duration.ofMillis(50), 1.0,
                Clock.fixed(DAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC), ProjectorMetrics.NONE);
        owner.init(context);
        owner.process(new Record<>("acme/2026/USER/u-anna", sale("100"), 0));
        assertThat(actuals.get(MONTH).total().amount()).isEqualByComparingTo("100");

        // the transaction aborts: Kafka Streams restores the stores to the last commit (nothing yet), then
        // initializes the same processor again and reprocesses the sale
        actuals.delete(MONTH);
        owner.init(context);
        owner.process(new Record<>("acme/2026/USER/u-anna", sale("100"), 0));

        assertThat(actuals.get(MONTH).total().amount()).as("counted once").isEqualByComparingTo("100");
    }

    private static ActualsChange sale(String amount) {
        return new ActualsChange("acme", 2026, Level.USER, "u-anna", "g-north", DAY,
                List.of(new ActualsChange.Entry("all", null, DAY, new Actual(new BigDecimal(amount), BigDecimal.ZERO, 1))));
    }

    private <T> KeyValueStore<String, T> store(String name, Serde<T> values) {
        KeyValueStore<String, T> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
