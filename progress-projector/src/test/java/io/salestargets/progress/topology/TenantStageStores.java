package io.salestargets.progress.topology;

import io.salestargets.events.targets.TargetType;
import io.salestargets.progress.sales.SaleState;
import io.salestargets.progress.sales.SaleStateSerde;
import io.salestargets.progress.targets.TargetHistory;
import io.salestargets.progress.targets.TargetRowState;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** The tenant stage's stores, in memory and without changelogs, on a mock context: for the stage's tests without a driver. */
final class TenantStageStores {

    private TenantStageStores() {
    }

    /** Adds every store the tenant stage reads to the context; returns the sale states, which tests change by hand. */
    static KeyValueStore<String, SaleState> addTo(MockProcessorContext<?, ?> context) {
        KeyValueStore<String, SaleState> sales = store(context, ProgressTopology.SALE_STATES_STORE, SaleStateSerde.serde());
        store(context, ProgressTopology.TARGET_ROWS_STORE, ProgressTopology.json(TargetRowState.class));
        store(context, ProgressTopology.TARGET_TYPES_STORE, ProgressTopology.json(TargetType.class));
        store(context, ProgressTopology.ATTAINED_TARGETS_STORE, Serdes.Long());
        store(context, ProgressTopology.TARGET_HISTORY_STORE, TargetHistory.serde());
        store(context, ProgressTopology.PUBLISHED_VIEWS_STORE, Serdes.String());
        return sales;
    }

    private static <T> KeyValueStore<String, T> store(MockProcessorContext<?, ?> context, String name, Serde<T> values) {
        KeyValueStore<String, T> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
