package io.salestargets.progress.state;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partitions of the tenant stage that run on this instance, by partition: the tenant stage
 * registers a partition's state once its task has rebuilt it, and removes it when the task closes (it
 * moved to another instance, or the instance stops). The query side reads them; an absent partition is
 * one that is elsewhere or not ready yet.
 */
public final class PartitionStates {

    private final Map<Integer, PartitionState> partitions = new ConcurrentHashMap<>();

    public void register(PartitionState state) {
        partitions.put(state.partition(), state);
    }

    /** Removes a partition's state, unless a newer one replaced it. */
    public void remove(PartitionState state) {
        partitions.remove(state.partition(), state);
    }

    public Optional<PartitionState> of(int partition) {
        return Optional.ofNullable(partitions.get(partition));
    }

    /** The partitions ready on this instance. */
    public Iterable<PartitionState> all() {
        return partitions.values();
    }
}
