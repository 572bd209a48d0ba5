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
     * ({@code <group>-...-repartition}, whatever the topology names them): per topic, the records it has not
     * committed yet, summed over the partitions.
     */
    Map<String, Long> lagPerTopic(String group, Collection<String> inputTopics) {
        Set<String> topics = new java.util.TreeSet<>(inputTopics);
        topics.addAll(internalTopics(group, "-repartition"));
        Map<TopicPartition, Long> end = endOffsets(partitions(topics));
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<String, Long> lag = new java.util.TreeMap<>();
        topics.forEach(topic -> lag.put(topic, 0L));
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            OffsetAndMetadata at = committed.get(partition.getKey());
            lag.merge(partition.getKey().topic(), Math.max(0, partition.getValue() - (at == null ? 0 : at.offset())), Long::sum);
        }
        return lag;
    }

    /** The topics of a Kafka Streams application whose names end with {@code suffix}: {@code <applicationId>-...<suffix>}. */
    Set<String> internalTopics(String applicationId, String suffix) {
        return get(admin.listTopics().names()).stream()
                .filter(name -> name.startsWith(applicationId + "-") && name.endsWith(suffix))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Per topic, the sum of the end offsets of its partitions. */
    Map<String, Long> endOffsetsPerTopic(Collection<String> topics) {
        Map<String, Long> sums = new java.util.TreeMap<>();
        topics.forEach(topic -> sums.put(topic, 0L));
        endOffsets(partitions(topics)).forEach((partition, offset) -> sums.merge(partition.topic(), offset, Long::sum));
        return sums;
    }

    /**
     * Per topic, the bytes its partitions' logs take on the brokers' disks (describeLogDirs: every replica,
     * after compression, as compaction and retention left them).
     */
    Map<String, Long> bytesOnDisk(Collection<String> topics) {
        Map<String, Long> sums = new java.util.TreeMap<>();
        topics.forEach(topic -> sums.put(topic, 0L));
        List<Integer> brokers = get(admin.describeCluster().nodes()).stream().map(org.apache.kafka.common.Node::id).toList();
        get(admin.describeLogDirs(brokers).allDescriptions()).values().forEach(dirs -> dirs.values().forEach(dir ->
                dir.replicaInfos().forEach((partition, replica) -> {
                    if (sums.containsKey(partition.topic())) {
                        sums.merge(partition.topic(), replica.size(), Long::sum);
                    }
                })));
        return sums;
    }

    /** Deletes the consumer group and every topic of a Kafka Streams application: {@code <applicationId>-...}. */
    void deleteApplication(String applicationId) {
        // a member that has just left may still be in the group for a moment
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                get(admin.deleteConsumerGroups(List.of(applicationId)).all());
                break;
            } catch (IllegalStateException e) {
                if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
                    break;
                }
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupNotEmptyException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Pause.of(Duration.ofMillis(500));
            }
        }
        Set<String> topics = internalTopics(applicationId, "");
        if (!topics.isEmpty()) {
            get(admin.deleteTopics(topics).all());
        }
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
     * How many partitions of the given topics each member of a consumer group has, by its static instance id
     * (or client id): how the group split the work.
     */
    Map<String, Long> partitionsPerMember(String group, Set<String> topics) {
        Map<String, Long> split = new java.util.TreeMap<>();
        get(admin.describeConsumerGroups(List.of(group)).all()).get(group).members().forEach(member -> split.put(
                member.groupInstanceId().orElse(member.clientId()),
                member.assignment().topicPartitions().stream().filter(partition -> topics.contains(partition.topic())).count()));
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
