package io.salestargets.progress.query;

import io.salestargets.progress.topology.ProgressTopology;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which instance runs each partition of the tenant stage: read from the streams' metadata once per
 * rebalance (Kafka Streams tells this listener of every state change), not per query. A partition that
 * the map does not know (the assignment is moving) reads the metadata again.
 */
@ApplicationScoped
public class PartitionHosts implements KafkaStreams.StateListener {

    private final Provider<KafkaStreams> streams;
    private volatile Map<Integer, HostInfo> hosts = Map.of();
    private volatile boolean stale = true;

    public PartitionHosts(Provider<KafkaStreams> streams) {
        this.streams = streams;
    }

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        stale = true;
    }

    /** The instance that runs a partition's active task, or empty while the streams (re)balance. */
    public Optional<HostInfo> of(int partition) {
        HostInfo host = stale ? null : hosts.get(partition);
        if (host == null) {
            refresh();
            host = hosts.get(partition);
        }
        return Optional.ofNullable(host);
    }

    private void refresh() {
        stale = false; // a change during the read marks it stale again
        Map<Integer, HostInfo> read = new HashMap<>();
        for (StreamsMetadata instance : streams.get().metadataForAllStreamsClients()) {
            if (instance.hostInfo().port() < 0) {
                continue;
            }
            for (TopicPartition partition : instance.topicPartitions()) {
                if (partition.topic().endsWith("-" + ProgressTopology.SALES_BY_TENANT + "-repartition")) {
                    read.put(partition.partition(), instance.hostInfo());
                }
            }
        }
        hosts = Map.copyOf(read);
    }
}
