package io.salestargets.progress.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The tenant stage's partitioning: every record whose key begins with {@code <tenantId>/} (a sale key, a
 * row key, a type key) goes to its tenant's partition, murmur2 of the tenant id as Kafka's default
 * partitioner hashes keys. A tenant's sale states, actuals, rows and types thus meet in one task; the
 * query side finds a tenant's partition with {@link #partitionOf} and no lookup.
 */
final class TenantPartitioner<V> implements StreamPartitioner<String, V> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, V value, int partitions) {
        return Optional.of(Set.of(partitionOf(tenantOf(key), partitions)));
    }

    /** The partition of a tenant's data, of {@code partitions}. */
    static int partitionOf(String tenantId, int partitions) {
        return Utils.toPositive(Utils.murmur2(tenantId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The tenant of a key {@code <tenantId>/...}; the readers only pass keys they have parsed. */
    static String tenantOf(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }
}
