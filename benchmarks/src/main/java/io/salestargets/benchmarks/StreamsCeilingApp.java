package io.salestargets.benchmarks;

import io.salestargets.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka Streams ceiling: the smallest exactly-once Streams application that does the part of the
 * projector's work that no design can skip, run by the benchmark ({@link StreamsCeiling}) as a JVM of its
 * own, on the same {@code crm.sales} records and broker. For each sale record, raw bytes, parsing only
 * what is needed:
 *
 * <ol>
 *   <li>re-partitions it by tenant (the key's part before {@code /}), so that one task holds all of a
 *       tenant's sales: a total per tenant is exact only there (one repartition record per sale);</li>
 *   <li>keeps the sale's last revision, and whether it counts, in a changelogged RocksDB store keyed by sale
 *       (one store write and one changelog record per sale); a record whose revision is not newer is
 *       ignored, as the contract says;</li>
 *   <li>counts the sales that count per tenant, in memory: the count is a function of the store, rebuilt
 *       from it when the task starts, so it needs no changelog of its own.</li>
 * </ol>
 *
 * <pre>
 * StreamsCeilingApp BOOTSTRAP APPLICATION_ID STATE_DIR [streams.property=value ...]
 * </pre>
 *
 * Prints {@code running} when the application is RUNNING, and what each task counted when it closes; stops
 * on SIGTERM.
 */
public final class StreamsCeilingApp {

    static final String STORE = "sale-revisions";
    static final String BY_TENANT = "sales-by-tenant";
    static final String RUNNING = "running";
    /** The line a task prints per tenant when it closes: {@code counted <tenant> <sales that count>}. */
    static final String COUNTED = "counted ";

    private static final byte[] REVISION = "\"revision\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RETRACTED = "\"type\":\"SaleRetracted\"".getBytes(StandardCharsets.US_ASCII);

    private StreamsCeilingApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        Properties config = new Properties();
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, args[1]);
        config.put(StreamsConfig.STATE_DIR_CONFIG, args[2]);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            config.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        KafkaStreams streams = new KafkaStreams(topology(), config);
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                System.out.println(RUNNING);
                System.out.flush();
            }
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // leaving the group (Streams does not by default) lets the benchmark delete the group at once
            streams.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
            stopped.countDown();
        }));
        streams.start();
        stopped.await();
    }

    static org.apache.kafka.streams.Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.Bytes(), Serdes.Long()));
        builder.stream(Topics.SALES, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .repartition(Repartitioned.<byte[], byte[]>as(BY_TENANT).withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.ByteArray())
                        .withStreamPartitioner(new ByTenant()))
                .process(SaleCounter::new, STORE);
        return builder.build();
    }

    /** A sale's partition is its tenant's: the hash of the key's bytes before {@code /}. */
    static final class ByTenant implements StreamPartitioner<byte[], byte[]> {
        @Override
        public Optional<Set<Integer>> partitions(String topic, byte[] key, byte[] value, int numPartitions) {
            int slash = indexOf(key, (byte) '/');
            byte[] tenant = slash < 0 ? key : java.util.Arrays.copyOf(key, slash);
            return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(tenant)) % numPartitions));
        }
    }

    /**
     * The store holds per sale {@code revision * 2 + (counts ? 1 : 0)}; the count per tenant is in memory.
     */
    static final class SaleCounter implements Processor<byte[], byte[], Void, Void> {

        private KeyValueStore<Bytes, Long> revisions;
        private final Map<String, Long> salesPerTenant = new HashMap<>();

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            revisions = context.getStateStore(STORE);
            try (KeyValueIterator<Bytes, Long> all = revisions.all()) {
                while (all.hasNext()) {
                    KeyValue<Bytes, Long> sale = all.next();
                    if ((sale.value & 1) == 1) {
                        salesPerTenant.merge(tenant(sale.key.get()), 1L, Long::sum);
                    }
                }
            }
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            Bytes sale = Bytes.wrap(record.key());
            Long before = revisions.get(sale);
            boolean counted = before != null && (before & 1) == 1;
            boolean counts;
            if (record.value() == null) {
                revisions.delete(sale);
                counts = false;
            } else {
                long revision = revision(record.value());
                if (before != null && revision >= 0 && revision <= before >> 1) {
                    return;
                }
                counts = indexOf(record.value(), RETRACTED) < 0;
                revisions.put(sale, Math.max(0, revision) * 2 + (counts ? 1 : 0));
            }
            if (counts != counted) {
                salesPerTenant.merge(tenant(record.key()), counts ? 1L : -1L, Long::sum);
            }
        }

        /** What it counted, for the benchmark to check against the sales it sent. */
        @Override
        public void close() {
            salesPerTenant.forEach((tenant, count) -> System.out.println(COUNTED + tenant + " " + count));
            System.out.flush();
        }

        private static String tenant(byte[] key) {
            int slash = indexOf(key, (byte) '/');
            return new String(key, 0, slash < 0 ? key.length : slash, StandardCharsets.UTF_8);
        }

        /** The value's {@code "revision":} number, or -1 when it has none (the contract makes it optional). */
        private static long revision(byte[] value) {
            int at = indexOf(value, REVISION);
            if (at < 0) {
                return -1;
            }
            long revision = 0;
            for (int i = at + REVISION.length; i < value.length && value[i] >= '0' && value[i] <= '9'; i++) {
                revision = revision * 10 + (value[i] - '0');
            }
            return revision;
        }
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] bytes, byte[] wanted) {
        outer:
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
