package io.salestargets.benchmarks;

import io.salestargets.events.Topics;
import io.salestargets.localstack.demo.DemoTenant;
import io.salestargets.localstack.demo.SaleGenerator;
import io.salestargets.localstack.token.DevToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What every benchmark needs: the stack, the tenant, a token, where to log. */
final class BenchContext {

    /** The benchmark tenant: 20 groups of 25 users (issue 7). */
    static final String TENANT = "bench";
    static final DemoTenant BENCH_TENANT = DemoTenant.generated(TENANT, 20, 25);
    /** The CRM's mix during the catch-up: 10% corrections, 2% retractions, nothing malformed. */
    static final SaleGenerator.Mix CATCH_UP_MIX = new SaleGenerator.Mix(0.10, 0.02, 0);
    static final String PROJECTOR_GROUP = "progress-projector";
    static final String COMMAND_URL = "http://127.0.0.1:8080";
    static final String PROJECTOR_URL = "http://127.0.0.1:8081";
    /** The same seed on every run: the same sales, so that a run on a stack that has them changes nothing. */
    static final long SEED = 20261126L;

    private final LocalStackControl stack;
    private final Path log;
    private final LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    private final String token = DevToken.builder().tenant(TENANT).sign();
    private String bootstrapServers;
    private volatile long lastCommandNanos = System.nanoTime();

    BenchContext(LocalStackControl stack, Path log) {
        this.stack = stack;
        this.log = log;
    }

    LocalStackControl stack() {
        return stack;
    }

    Path log() {
        return log;
    }

    int year() {
        return today.getYear();
    }

    LocalDate today() {
        return today;
    }

    String token() {
        return token;
    }

    String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = stack.bootstrapServers();
        }
        return bootstrapServers;
    }

    Broker broker() {
        return new Broker(bootstrapServers());
    }

    SaleGenerator generator(SaleGenerator.Mix mix) {
        return new SaleGenerator(BENCH_TENANT, SEED, today, mix);
    }

    /**
     * Polls the projector's lag (on crm.sales, targets.events and its repartition topics) until it is 0;
     * returns when (System.nanoTime).
     */
    long awaitProjectorCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Broker broker = broker()) {
            while (System.nanoTime() < deadline) {
                if (broker.lagPerTopic(PROJECTOR_GROUP, List.of(Topics.SALES, Topics.TARGET_EVENTS)).values().stream()
                        .allMatch(lag -> lag == 0)) {
                    return System.nanoTime();
                }
                Pause.of(Duration.ofMillis(100));
            }
        }
        throw new IllegalStateException("the projector did not catch up within " + timeout);
    }

    /** When the benchmark last sent a command to the command service (System.nanoTime): what the relay has to publish. */
    long lastCommandNanos() {
        return lastCommandNanos;
    }

    void commandsSent() {
        lastCommandNanos = System.nanoTime();
    }

    /** A read_committed consumer of all partitions of a topic, positioned at its end, as downstream would read. */
    KafkaConsumer<String, String> consumerAtEnd(String topic, String clientId) {
        return consumerAtEnd(topic, clientId, new StringDeserializer());
    }

    /** The same, with the values as {@code values} reads them (raw bytes: a watcher that reads only some of them). */
    <V> KafkaConsumer<String, V> consumerAtEnd(String topic, String clientId, Deserializer<V> values) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId), new StringDeserializer(), values);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** A line on the console and in the log. */
    void log(String message) {
        String line = LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + message;
        System.out.println(line);
        try {
            Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
