package io.salestargets.progress.streams;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where this instance stands in the group, for an operator who adds or replaces instances:
 *
 * <ul>
 *   <li>{@code projector_partitions{role="active"|"standby"}}: the input partitions of the tasks it processes, and
 *       of those whose stores it keeps warm from their changelogs (standby and warm-up replicas alike), as the
 *       group's assignment says (the same metadata that routes queries);</li>
 *   <li>{@code projector_store_lag_records}: how many changelog records its local copies of the stores (active
 *       and standby) are behind, added up. A new instance is caught up when this is within
 *       {@code acceptable.recovery.lag}; it then takes active tasks at the next probing rebalance (at most
 *       {@code probing.rebalance.interval.ms} later). Under exactly-once each partition stays one or two records
 *       behind even when caught up: the transaction markers, which hold no record.</li>
 * </ul>
 *
 * Kafka Streams' own metrics tell neither how many tasks an instance holds in each role nor how far its standbys
 * are behind.
 */
@ApplicationScoped
public class TaskGauges {

    private static final Set<KafkaStreams.State> ASSIGNED = EnumSet.of(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
    /** The lag takes a request to the broker (the changelogs' end offsets): at most once a second. */
    private static final long LAG_REFRESH_NANOS = 1_000_000_000L;

    private final KafkaStreams streams;
    private final HostInfo self;
    private long lagReadAt;
    private double lag = Double.NaN;

    TaskGauges(KafkaStreams streams, @ConfigProperty(name = "quarkus.kafka-streams.application-server") String applicationServer) {
        this.streams = streams;
        this.self = HostInfo.buildFromEndpoint(applicationServer);
    }

    void register(@Observes StartupEvent started, MeterRegistry registry) {
        Gauge.builder("projector.partitions", this, gauges -> gauges.partitions(StreamsMetadata::topicPartitions)).tag("role", "active")
                .description("input partitions of the tasks this instance processes").register(registry);
        Gauge.builder("projector.partitions", this, gauges -> gauges.partitions(StreamsMetadata::standbyTopicPartitions))
                .tag("role", "standby").description("input partitions of the tasks whose stores this instance keeps warm "
                        + "(standby and warm-up replicas)").register(registry);
        Gauge.builder("projector.store.lag", this, TaskGauges::storeLag).baseUnit("records")
                .description("changelog records the local copies of the stores are behind, all stores and partitions added up")
                .register(registry);
    }

    private double partitions(Function<StreamsMetadata, Set<?>> role) {
        if (!ASSIGNED.contains(streams.state())) {
            return 0;
        }
        try {
            return streams.metadataForAllStreamsClients().stream().filter(client -> client.hostInfo().equals(self))
                    .mapToInt(client -> role.apply(client).size()).sum();
        } catch (RuntimeException stateChangedMeanwhile) {
            return Double.NaN;
        }
    }

    private synchronized double storeLag() {
        long now = System.nanoTime();
        if (lagReadAt == 0 || now - lagReadAt >= LAG_REFRESH_NANOS) {
            lagReadAt = now;
            lag = readStoreLag();
        }
        return lag;
    }

    private double readStoreLag() {
        if (!ASSIGNED.contains(streams.state())) {
            return Double.NaN;
        }
        try {
            return streams.allLocalStorePartitionLags().values().stream().map(Map::values).flatMap(lags -> lags.stream())
                    .mapToLong(LagInfo::offsetLag).sum();
        } catch (RuntimeException brokerUnreachableOrStateChanged) {
            return Double.NaN;
        }
    }
}
