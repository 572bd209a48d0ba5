package io.salestargets.benchmarks;

import io.salestargets.events.Topics;
import io.salestargets.localstack.demo.SaleGenerator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The CRM's side: sale records onto {@code crm.sales}, keyed {@code <tenant>/<saleId>}, acks=all and idempotent. */
final class SalesProducer implements AutoCloseable {

    /**
     * The batching delay of a producer sending at a steady rate, as a CRM's would: the Kafka client's default since
     * 4.0 (KIP-1030). With none, each of 2,000 sales a second is a produce request of its own, and the broker and the
     * harness spend a core's share on requests that a CRM's client does not send.
     */
    static final int STEADY_LINGER_MS = 5;

    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    SalesProducer(String bootstrapServers, int lingerMs) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                ProducerConfig.BATCH_SIZE_CONFIG, 131_072,
                ProducerConfig.CLIENT_ID_CONFIG, "bench-crm"), new StringSerializer(), new ByteArraySerializer());
    }

    void send(SaleGenerator.SaleRecord record) {
        send(record, null);
    }

    void send(SaleGenerator.SaleRecord record, Callback acknowledged) {
        byte[] value = record.value() == null ? null : record.value().getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(Topics.SALES, record.key(), value), (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
            if (acknowledged != null) {
                acknowledged.onCompletion(metadata, exception);
            }
        });
    }

    /** Waits until every record sent is acknowledged; fails if one was not. */
    void flush() {
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("a sale was not produced: " + failure.get().getMessage(), failure.get());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
