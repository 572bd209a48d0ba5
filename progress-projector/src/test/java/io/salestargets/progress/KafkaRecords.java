package io.salestargets.progress;

import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.target.TargetEvent;
import io.salestargets.localstack.testing.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces to and reads from the real broker, as the command service and the CRM would. */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    public static void send(TargetEvent event) {
        produce(Topics.TARGET_EVENTS, event.key(), EventJson.writeString(event));
    }

    /** A record on {@code crm.sales}: key {@code <tenant>/<saleId>}, value JSON (null for a tombstone). */
    public static void sale(String key, String json) {
        produce(Topics.SALES, key, json);
    }

    private static void produce(String topic, String key, String value) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8))).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The newest view of each key on {@code targets.progress} that matches, read until {@code done} holds or time is up. */
    public static Map<String, ProgressView> progress(Predicate<String> keys, Predicate<Map<String, ProgressView>> done,
            Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, ProgressView> views = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.PROGRESS));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(views) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.test(record.key())) {
                        views.put(record.key(), record.value() == null ? null : EventJson.read(record.value(), ProgressView.class));
                    }
                }
            }
        }
        return views;
    }
}
