package io.salestargets.progress.query;

import io.salestargets.events.target.TargetType;
import io.salestargets.progress.actuals.MonthActuals;
import io.salestargets.progress.actuals.LatestGroup;
import io.salestargets.progress.targets.TargetRevision;
import io.salestargets.progress.targets.TargetRowState;
import io.salestargets.progress.topology.ProgressTopology;
import io.salestargets.progress.view.ProgressViews;
import java.time.Instant;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The owner stage's stores on this instance, read through interactive queries: of one partition
 * (the one that owns a key) or of all local partitions.
 */
final class ProgressStore {

    final ReadOnlyKeyValueStore<String, TargetRowState> rows;
    final ReadOnlyKeyValueStore<String, TargetType> types;
    final ReadOnlyKeyValueStore<String, MonthActuals> actuals;
    final ReadOnlyKeyValueStore<String, String> ownersWithSales;
    final ReadOnlyKeyValueStore<String, LatestGroup> latestGroups;
    private final ReadOnlyKeyValueStore<String, TargetRevision> history;
    final ProgressViews views;

    /** @param partition the partition to read, or null for every local one */
    ProgressStore(KafkaStreams streams, Integer partition) {
        rows = store(streams, ProgressTopology.TARGET_ROWS_STORE, partition);
        types = store(streams, ProgressTopology.TARGET_TYPES_STORE, partition);
        actuals = store(streams, ProgressTopology.ACTUALS_STORE, partition);
        ownersWithSales = store(streams, ProgressTopology.OWNERS_WITH_SALES_STORE, partition);
        latestGroups = store(streams, ProgressTopology.LATEST_GROUPS_STORE, partition);
        history = store(streams, ProgressTopology.TARGET_HISTORY_STORE, partition);
        views = new ProgressViews(ProgressViews.Source.of(rows, types, actuals));
    }

    /** The targets a view shows: the row's now ({@code targetsAsOf} null), or as they stood at {@code targetsAsOf}. */
    ProgressViews.Targets targets(Instant targetsAsOf) {
        return targetsAsOf == null ? ProgressViews.Targets.NOW : ProgressViews.Targets.asOf(history, targetsAsOf);
    }

    private static <T> ReadOnlyKeyValueStore<String, T> store(KafkaStreams streams, String name, Integer partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, T>> parameters =
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
        return streams.store(partition == null ? parameters : parameters.withPartition(partition));
    }
}
