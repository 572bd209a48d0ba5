package io.salestargets.progress.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The projector's RocksDB settings ({@code kafka-streams.rocksdb.*} of {@code application.properties}) as
 * RocksDB itself records them in each store's {@code OPTIONS} file: one bounded cache for all stores, index
 * and filter blocks in it, LZ4.
 */
class BoundedRocksDBMemoryTest {

    private static final Properties APPLICATION = applicationProperties();
    private static final long MEMORY_BYTES = Long.parseLong(APPLICATION.getProperty("kafka-streams." + BoundedRocksDBMemory.MEMORY_BYTES));
    private static final long WRITE_BUFFER_BYTES = Long.parseLong(
            APPLICATION.getProperty("kafka-streams." + BoundedRocksDBMemory.WRITE_BUFFER_BYTES));

    @Test
    void everyStoreSharesOneCacheOfTheConfiguredSizeWithIndexAndFiltersInItAndIsLz4Compressed() throws IOException {
        Path state = stateDirectory();
        try (TopologyTestDriver driver = new TopologyTestDriver(twoStores(), streamsConfig(state))) {
            put(driver, 200);
            List<Path> options = optionsFiles(state);
            assertThat(options).as("an OPTIONS file for each of the two stores").hasSize(2);
            for (Path file : options) {
                assertThat(Files.readString(file)).as(file.toString())
                        .contains("compression=kLZ4Compression")
                        .contains("cache_index_and_filter_blocks=true")
                        .contains("cache_index_and_filter_blocks_with_high_priority=true")
                        .contains("write_buffer_size=" + WRITE_BUFFER_BYTES / 4);
            }
            // the OPTIONS files do not show the cache: Kafka Streams' RocksDB metrics of each store do
            for (String name : List.of("a", "b")) {
                driver.<String, String>getKeyValueStore(name).flush();
                assertThat(driver.<String, String>getKeyValueStore(name).get("k-7")).isEqualTo("v-7");
            }
            assertThat(storeMetric(driver, "block-cache-capacity")).as("each store's cache").containsOnly(MEMORY_BYTES);
            List<Long> usage = storeMetric(driver, "block-cache-usage");
            assertThat(usage).as("the same usage: one cache").hasSize(2).doesNotContain(0L).containsOnly(usage.get(0));
        }
    }

    @Test
    void storesThatCloseLeaveTheSharedCacheToTheStoresOpenedAfterThem() {
        for (int run = 0; run < 2; run++) {
            // the stores of the first run are closed when its driver is: those of the second use the same cache
            try (TopologyTestDriver driver = new TopologyTestDriver(twoStores(), streamsConfig(stateDirectory()))) {
                put(driver, 200);
                for (String name : List.of("a", "b")) {
                    KeyValueStore<String, String> store = driver.getKeyValueStore(name);
                    store.flush();   // to a table file: reads now go through the block cache
                    assertThat(store.get("k-199")).as(name).isEqualTo("v-199");
                    assertThat(store.get("k-0")).as(name).isEqualTo("v-0");
                }
            }
        }
    }

    /** The driver commits after each record, and a commit flushes the stores: a few hundred records make as many table files. */
    private static void put(TopologyTestDriver driver, int records) {
        TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
        for (int i = 0; i < records; i++) {
            in.pipeInput("k-" + i, "v-" + i);
        }
    }

    /** Records of topic {@code in} written to two stores, {@code a} and {@code b}. */
    private static Topology twoStores() {
        StreamsBuilder builder = new StreamsBuilder();
        for (String name : List.of("a", "b")) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.String()));
        }
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).process(() -> new Processor<String, String, Void, Void>() {
            private KeyValueStore<String, String> a;
            private KeyValueStore<String, String> b;

            @Override
            public void init(org.apache.kafka.streams.processor.api.ProcessorContext<Void, Void> context) {
                a = context.getStateStore("a");
                b = context.getStateStore("b");
            }

            @Override
            public void process(Record<String, String> record) {
                a.put(record.key(), record.value());
                b.put(record.key(), record.value());
            }
        }, "a", "b");
        return builder.build();
    }

    /** The projector's {@code kafka-streams.rocksdb.*} properties, as Quarkus passes them to Kafka Streams (without the prefix). */
    private static Properties streamsConfig(Path state) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "bounded-rocksdb-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        APPLICATION.stringPropertyNames().stream().filter(name -> name.startsWith("kafka-streams.rocksdb."))
                .forEach(name -> config.put(name.substring("kafka-streams.".length()), APPLICATION.getProperty(name)));
        assertThat(config.getProperty(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedRocksDBMemory.class.getName());
        return config;
    }

    /** A metric of Kafka Streams' RocksDB metrics, one value per store. */
    private static List<Long> storeMetric(TopologyTestDriver driver, String name) {
        return driver.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().group().equals("stream-state-metrics") && metric.getKey().name().equals(name))
                .map(metric -> ((Number) metric.getValue().metricValue()).longValue()).toList();
    }

    private static List<Path> optionsFiles(Path state) throws IOException {
        try (Stream<Path> files = Files.walk(state)) {
            // RocksDB keeps the newest OPTIONS file of each store (and one before it)
            return files.filter(file -> file.getFileName().toString().startsWith("OPTIONS-"))
                    .collect(Collectors.groupingBy(Path::getParent)).values().stream()
                    .map(perStore -> perStore.stream().max(Path::compareTo).orElseThrow()).toList();
        }
    }

    private static Path stateDirectory() {
        try {
            return Files.createDirectories(Path.of("target", "bounded-rocksdb-test").resolve(UUID.randomUUID().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties applicationProperties() {
        Properties properties = new Properties();
        try (InputStream in = BoundedRocksDBMemoryTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
