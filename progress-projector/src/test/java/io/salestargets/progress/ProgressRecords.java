package io.salestargets.progress;

import com.fasterxml.jackson.databind.JsonNode;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.progress.TargetAttained;
import io.salestargets.localstack.testing.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A tenant's records on {@code targets.progress}, every one in order, read as a consumer downstream would (read_committed). */
public final class ProgressRecords {

    private ProgressRecords() {
    }

    /** The tenant's TargetAttained records from the start, read until {@code done} holds of them (then a second more). */
    public static List<ConsumerRecord<String, String>> attained(String tenantId, Predicate<List<ConsumerRecord<String, String>>> done) {
        return attainedOf(readKeys(tenantId + "/", records -> done.test(attainedOf(records))));
    }

    /** The TargetAttained records of every tenant whose id starts with {@code tenantPrefix}, like {@link #attained}. */
    public static List<ConsumerRecord<String, String>> attainedOfTenants(String tenantPrefix,
            Predicate<List<ConsumerRecord<String, String>>> done) {
        return attainedOf(readKeys(tenantPrefix, records -> done.test(attainedOf(records))));
    }

    private static List<ConsumerRecord<String, String>> attainedOf(List<ConsumerRecord<String, String>> records) {
        return records.stream().filter(record -> TargetAttained.isKey(record.key())).toList();
    }

    /** The tenant's records from the start, read until {@code done} holds (at most 30 s), then a second more. */
    public static List<ConsumerRecord<String, String>> read(String tenantId, Predicate<List<ConsumerRecord<String, String>>> done) {
        return readKeys(tenantId + "/", done);
    }

    /** The records of every tenant whose id starts with {@code tenantPrefix}, like {@link #read}. */
    public static List<ConsumerRecord<String, String>> readOfTenants(String tenantPrefix, Predicate<List<ConsumerRecord<String, String>>> done) {
        return readKeys(tenantPrefix, done);
    }

    private static List<ConsumerRecord<String, String>> readKeys(String keyPrefix, Predicate<List<ConsumerRecord<String, String>>> done) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.PROGRESS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!done.test(records) && System.nanoTime() < deadline) {
                poll(consumer, keyPrefix, records);
            }
            long after = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < after) {
                poll(consumer, keyPrefix, records);
            }
        }
        return records;
    }

    private static void poll(KafkaConsumer<String, String> consumer, String keyPrefix, List<ConsumerRecord<String, String>> records) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.key() != null && record.key().startsWith(keyPrefix)) {
                records.add(record);
            }
        }
    }

    /** The record's {@code ce_type} header; null without one. */
    public static String type(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("ce_type");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return EventJson.mapper().readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
