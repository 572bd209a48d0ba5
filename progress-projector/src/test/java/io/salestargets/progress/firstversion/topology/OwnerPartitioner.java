package io.salestargets.progress.firstversion.topology;

import io.salestargets.events.targets.TargetEvent;
import io.salestargets.events.targets.TargetTypeAdded;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Row events go to their owner's partition (Kafka's default partitioning of the owner key, as
 * interactive queries expect); type events go to every partition, so that each owner task knows every
 * type of its tenants.
 */
final class OwnerPartitioner implements StreamPartitioner<String, TargetEvent> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, TargetEvent event, int partitions) {
        if (event instanceof TargetTypeAdded) {
            return Optional.of(IntStream.range(0, partitions).boxed().collect(Collectors.toSet()));
        }
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions));
    }
}
