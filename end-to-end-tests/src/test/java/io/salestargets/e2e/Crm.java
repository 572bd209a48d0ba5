package io.salestargets.e2e;

import io.salestargets.events.Topics;
import io.salestargets.localstack.demo.SaleGenerator;
import io.salestargets.localstack.testing.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A CRM publishing sale records on {@code crm.sales} from a {@link SaleGenerator}, flat out or at a
 * pace, telling the {@link ReferenceProgress} each record it sends. Its producer is as a careful
 * CRM's would be: idempotent, every record acknowledged by all replicas, and patient with a broker
 * that is away (it retries for {@code deliveryTimeout}).
 */
final class Crm implements AutoCloseable {

    /** What was sent: records per kind, and the keys of the unreadable ones. */
    record Sent(Map<SaleGenerator.Kind, Integer> kinds, List<String> malformedKeys) {
        int total() {
            return kinds.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    Crm(Duration deliveryTimeout) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryTimeout.toMillis(),
                ProducerConfig.CLIENT_ID_CONFIG, "fault-test-crm"), new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Sends {@code count} records, {@code perSecond} a second (0: as fast as the producer takes them),
     * and waits until the broker acknowledged every one.
     */
    Sent send(SaleGenerator generator, ReferenceProgress reference, int count, int perSecond, boolean backfill) {
        Map<SaleGenerator.Kind, Integer> kinds = new EnumMap<>(SaleGenerator.Kind.class);
        List<String> malformed = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (perSecond > 0 && i % Math.max(1, perSecond / 100) == 0) {
                pace(started + (long) (i * 1e9 / perSecond));
            }
            SaleGenerator.SaleRecord record = generator.next(backfill);
            reference.apply(record);
            kinds.merge(record.kind(), 1, Integer::sum);
            if (record.kind() == SaleGenerator.Kind.MALFORMED) {
                malformed.add(record.key());
            }
            producer.send(new ProducerRecord<>(Topics.SALES, record.key(),
                    record.value() == null ? null : record.value().getBytes(StandardCharsets.UTF_8)), (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("the CRM could not publish every record", failure.get());
        }
        return new Sent(kinds, malformed);
    }

    private static void pace(long dueNanos) {
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
