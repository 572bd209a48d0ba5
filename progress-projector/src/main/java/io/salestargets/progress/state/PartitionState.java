package io.salestargets.progress.state;

import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.TargetType;
import io.salestargets.progress.actuals.OwnerActuals;
import io.salestargets.progress.actuals.PartitionActuals;
import io.salestargets.progress.targets.PartitionTargets;
import io.salestargets.progress.targets.TargetRowState;
import io.salestargets.progress.view.ProgressViews;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * What one partition of the tenant stage holds in memory: its tenants' actuals (from the sale states)
 * and target rows and types (from their stores), rebuilt when the partition's task starts. The stream
 * thread changes it under the write lock, one input record at a time; queries read it under the read
 * lock ({@link #read}), so that a view never mixes half of a sale's change with the rest.
 */
public final class PartitionState implements ProgressViews.Source {

    private final int partition;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final PartitionActuals actuals = new PartitionActuals();
    private final PartitionTargets targets = new PartitionTargets();

    public PartitionState(int partition) {
        this.partition = partition;
    }

    public int partition() {
        return partition;
    }

    public PartitionActuals actuals() {
        return actuals;
    }

    public PartitionTargets targets() {
        return targets;
    }

    /** Runs a read of this state under its read lock. */
    public <T> T read(Supplier<T> query) {
        lock.readLock().lock();
        try {
            return query.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs a change of this state under its write lock (the stream thread), and returns what it returns. */
    public <T> T write(Supplier<T> change) {
        lock.writeLock().lock();
        try {
            return change.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public TargetRowState row(String rowKey) {
        return targets.row(rowKey);
    }

    @Override
    public TargetType type(String tenantId, String typeId) {
        return targets.type(tenantId, typeId);
    }

    @Override
    public OwnerActuals actuals(String tenantId, int year, Level level, String ownerId, String dimension, String item) {
        return actuals.of(tenantId, year, level, ownerId, dimension, item);
    }
}
