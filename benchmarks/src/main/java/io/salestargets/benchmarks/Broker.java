package io.salestargets.benchmarks;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** What the benchmarks ask the broker: end offsets, a consumer group's lag, scratch topics. */
final class Broker implements AutoCloseable {

    private final Admin admin;

    Broker(String bootstrapServers) {
        this.admin = io.salestargets.localstack.kafka.KafkaBroker.admin(bootstrapServers, Duration.ofSeconds(30));
    }

    /** The sum of the end offsets of a topic's partitions: how many records (and transaction markers) it took in. */
    long endOffsets(String topic) {
        return endOffsets(partitions(List.of(topic))).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * How far a consumer group is behind on the given topics and on its own repartition topics
     * ({@code <group>-...-repartition}): the records it has not committed yet, summed.
     */
    long lag(String group, Collection<String> inputTopics) {
        Set<String> topics = new java.util.HashSet<>(inputTopics);
        get(admin.listTopics().names()).stream()
                .filter(name -> name.startsWith(group + "-") && name.endsWith("-repartition"))
                .forEach(topics::add);
        Map<TopicPartition, Long> end = endOffsets(partitions(topics));
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            OffsetAndMetadata at = committed.get(partition.getKey());
            lag += Math.max(0, partition.getValue() - (at == null ? 0 : at.offset()));
        }
        return lag;
    }

    /** Creates a topic, deleting one of the same name first. */
    void recreate(String topic, int partitions) {
        try {
            get(admin.deleteTopics(List.of(topic)).all());
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                get(admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all());
                return;
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof TopicExistsException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Pause.of(Duration.ofMillis(200));
            }
        }
    }

    void delete(String topic) {
        try {
            get(admin.deleteTopics(List.of(topic)).all());
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
    }

    /**
     * How many partitions of a topic each member of a consumer group has, by its static instance id
     * (or client id): how the group split the work.
     */
    Map<String, Long> partitionsPerMember(String group, String topic) {
        Map<String, Long> split = new java.util.TreeMap<>();
        get(admin.describeConsumerGroups(List.of(group)).all()).get(group).members().forEach(member -> split.put(
                member.groupInstanceId().orElse(member.clientId()),
                member.assignment().topicPartitions().stream().filter(partition -> partition.topic().equals(topic)).count()));
        return split;
    }

    private Set<TopicPartition> partitions(Collection<String> topics) {
        return get(admin.describeTopics(topics).allTopicNames()).values().stream()
                .flatMap(description -> description.partitions().stream()
                        .map(partition -> new TopicPartition(description.name(), partition.partition())))
                .collect(Collectors.toSet());
    }

    private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> offsets = get(admin.listOffsets(latest).all());
        Map<TopicPartition, Long> end = new HashMap<>();
        offsets.forEach((partition, info) -> end.put(partition, info.offset()));
        return end;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
