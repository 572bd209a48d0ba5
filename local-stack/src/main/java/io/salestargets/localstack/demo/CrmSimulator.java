package io.salestargets.localstack.demo;

import io.salestargets.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A CRM publishing won sales on {@code crm.sales}: a real Kafka producer, keyed
 * {@code <tenant>/<saleId>}, at a steady pace, with corrections, retractions and a few malformed
 * records ({@link SaleGenerator}).
 */
public final class CrmSimulator {

    /**
     * @param rate     records per second after the backfill
     * @param duration how long to run after the backfill; zero or negative: until stopped
     * @param backfill records sent at once first, won on days spread over the year so far
     */
    public record Settings(String bootstrapServers, String tenant, double rate, Duration duration, long seed, int backfill,
            SaleGenerator.Mix mix) {
    }

    private CrmSimulator() {
    }

    /** Runs until the duration is over (or forever); returns how many records of each kind it sent. */
    public static Map<SaleGenerator.Kind, Integer> run(Settings settings) {
        SaleGenerator generator = new SaleGenerator(DemoTenant.of(settings.tenant()), settings.seed(), LocalDate.now(), settings.mix());
        Map<SaleGenerator.Kind, Integer> sent = new EnumMap<>(SaleGenerator.Kind.class);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, "crm-simulator");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < settings.backfill(); i++) {
                send(producer, generator.next(true), sent);
            }
            producer.flush();
            long intervalNanos = (long) (1e9 / Math.max(0.001, settings.rate()));
            long started = System.nanoTime();
            long end = settings.duration().isZero() || settings.duration().isNegative() ? Long.MAX_VALUE
                    : started + settings.duration().toNanos();
            for (long due = started; due < end; due += intervalNanos) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                send(producer, generator.next(false), sent);
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sent;
    }

    private static void send(KafkaProducer<String, byte[]> producer, SaleGenerator.SaleRecord record,
            Map<SaleGenerator.Kind, Integer> sent) {
        byte[] value = record.value() == null ? null : record.value().getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(Topics.SALES, record.key(), value), (metadata, failure) -> {
            if (failure != null) {
                System.err.println("crm-simulator: " + record.key() + " not sent: " + failure.getMessage());
            }
        });
        sent.merge(record.kind(), 1, Integer::sum);
    }

}
