package io.salestargets.events.targets;

/**
 * An event of one target row. {@code version} grows by one per event of the row; consumers ignore
 * an event whose version is not newer than the one they hold.
 */
public sealed interface TargetRowEvent extends TargetEvent
        permits TargetSet, TargetLocked, TargetUnlocked, TargetRemoved {

    RowId target();

    long version();

    /** Why, as the command said; null when it did not (and in events written before reasons were carried). */
    String reason();

    default RowKey rowKey() {
        return new RowKey(tenantId(), target());
    }

    @Override
    default String key() {
        return rowKey().format();
    }
}
