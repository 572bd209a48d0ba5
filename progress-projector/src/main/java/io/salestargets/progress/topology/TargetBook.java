package io.salestargets.progress.topology;

import io.salestargets.events.targets.TargetRowEvent;
import io.salestargets.events.targets.TargetType;
import io.salestargets.events.targets.TargetTypeAdded;
import io.salestargets.progress.targets.PartitionTargets;
import io.salestargets.progress.targets.TargetHistory;
import io.salestargets.progress.targets.TargetRevision;
import io.salestargets.progress.targets.TargetRowState;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The tenant stage's targets: each row's state ({@code target-rows}) and history ({@code target-history}),
 * each tenant's added types ({@code target-types}), durable in their stores and in memory
 * ({@link PartitionTargets}) for the views.
 */
final class TargetBook {

    /** What a row event changed. */
    enum Outcome {
        /** Nothing: a duplicate, or a lock of a row never set. */
        NONE,
        /** The row's view: its targets, lock or version. */
        VIEW,
        /** The row's view and its total target (or it has none now): reaching it is news again. */
        TOTAL
    }

    private final KeyValueStore<String, TargetRowState> rows;
    private final KeyValueStore<String, TargetType> types;
    private final KeyValueStore<String, TargetRevision> history;

    TargetBook(KeyValueStore<String, TargetRowState> rows, KeyValueStore<String, TargetType> types,
            KeyValueStore<String, TargetRevision> history) {
        this.rows = rows;
        this.types = types;
        this.history = history;
    }

    /** Fills {@code targets} from the stores (a task that starts). */
    void load(PartitionTargets targets) {
        try (KeyValueIterator<String, TargetRowState> all = rows.all()) {
            all.forEachRemaining(row -> targets.row(row.key, row.value));
        }
        try (KeyValueIterator<String, TargetType> all = types.all()) {
            while (all.hasNext()) {
                KeyValue<String, TargetType> type = all.next();
                targets.addType(TenantPartitioner.tenantOf(type.key), type.value);
            }
        }
    }

    void add(TargetTypeAdded added, PartitionTargets targets) {
        types.put(added.key(), added.targetType());
        targets.addType(added.tenantId(), added.targetType());
    }

    Outcome apply(TargetRowEvent event, PartitionTargets targets) {
        String key = event.key();
        TargetRowState held = targets.row(key);
        TargetRowState next = TargetRowState.apply(held, event);
        if (next == held) {
            return Outcome.NONE;
        }
        if (next == null) {
            rows.delete(key);
        } else {
            rows.put(key, next);
        }
        targets.row(key, next);
        TargetRevision before = held == null ? null : held.revision();
        TargetRevision after = next == null ? TargetRevision.removed(event.version(), event.occurredAt()) : next.revision();
        if (before == null ? !after.removed() : !after.sameTargets(before)) {
            history.put(TargetHistory.key(key, event.version()), after);
        }
        boolean newTotal = before != null && (after.removed() || after.total().compareTo(before.total()) != 0);
        return newTotal ? Outcome.TOTAL : Outcome.VIEW;
    }
}
