package io.salestargets.e2e;

import io.salestargets.localstack.testing.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Every committed record of a topic, with its headers, read from the start as an operator's consumer would. */
final class Topic {

    /** One record: key, value, headers as text, and where it was. */
    record Entry(String key, String value, Map<String, String> headers, int partition, long offset) {
    }

    private Topic() {
    }

    /** The records whose key matches, in partition order, read until {@code done} holds or time is up. */
    static List<Entry> read(String topic, Predicate<String> keys, Predicate<List<Entry>> done, Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().bootstrapServers());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Entry> entries = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            // every partition from its start, without a consumer group (no group join to wait for)
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(entries) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && keys.test(record.key())) {
                        Map<String, String> headers = new HashMap<>();
                        for (Header header : record.headers()) {
                            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
                        }
                        entries.add(new Entry(record.key(), record.value(), headers, record.partition(), record.offset()));
                    }
                }
            }
        }
        return entries;
    }
}
