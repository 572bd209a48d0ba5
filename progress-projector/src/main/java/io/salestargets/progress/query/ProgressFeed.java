package io.salestargets.progress.query;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.progress.ProgressView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The views published to {@code targets.progress}, as they come, for whoever listens to a key (the
 * live dashboards' server-sent events). Every instance reads every partition, without a consumer
 * group: a view published by any instance reaches the listeners of all. It starts at the end of each
 * partition; when its consumer fails and connects again, it goes on from the position it had
 * reached in each partition, so that no view published meanwhile is missed.
 */
@ApplicationScoped
public class ProgressFeed {

    private static final Logger LOG = Logger.getLogger(ProgressFeed.class);
    /** The most a fetch of the feed returns: 256 KiB. */
    private static final int FETCH_MAX_BYTES = 256 * 1024;

    private final Map<String, Set<Consumer<ProgressView>>> listeners = new ConcurrentHashMap<>();
    /** The next offset to read of each partition: where a new consumer goes on after a failure. */
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final String bootstrapServers;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    /** While set, no consumer connects ({@link #disconnect()}, for tests). */
    private volatile boolean held;

    public ProgressFeed(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Calls {@code listener} with each new view of a row key (null when the view is removed); returns how to stop. */
    public Runnable listen(String rowKey, Consumer<ProgressView> listener) {
        listeners.computeIfAbsent(rowKey, key -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> listeners.computeIfPresent(rowKey, (key, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        Thread thread = new Thread(this::run, "progress-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /**
     * For tests: closes the consumer as a failure would, and keeps it closed until {@link #connect()};
     * returns once it is closed.
     */
    void disconnect() {
        held = true;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        for (int waited = 0; consumer != null && waited < 200; waited++) {
            pause(50);
        }
    }

    /** For tests: lets the consumer connect again after {@link #disconnect()}. */
    void connect() {
        held = false;
    }

    private void run() {
        while (running && !Thread.currentThread().isInterrupted()) {
            if (held) {
                pause(50);
                continue;
            }
            try (KafkaConsumer<String, byte[]> feed = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    // a position that the log no longer holds (retention): from the oldest kept, not the end
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    // fetch responses under half of G1's smallest region (1 MiB): each larger one is a humongous
                    // allocation, and a few a second of them start the collector's concurrent cycles (pauses of
                    // 100-230 ms in the latency benchmark); the feed follows the topic's end, a few KiB per fetch
                    ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_MAX_BYTES,
                    ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_MAX_BYTES,
                    ConsumerConfig.CLIENT_ID_CONFIG, "progress-feed"), new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = feed;
                List<TopicPartition> partitions = feed.partitionsFor(Topics.PROGRESS, Duration.ofSeconds(30)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                feed.assign(partitions);
                resume(feed, partitions);
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : feed.poll(Duration.ofMillis(500))) {
                        deliver(record);
                        positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                    }
                }
            } catch (WakeupException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warnf("The progress feed failed, reading again in 2 s: %s", e.getMessage());
                pause(2000);
            } finally {
                consumer = null;
            }
        }
    }

    /**
     * Each partition from where the feed was, the first time from its end (the views of now are read
     * from the stores when a stream opens).
     */
    private void resume(KafkaConsumer<String, byte[]> feed, List<TopicPartition> partitions) {
        List<TopicPartition> unread = partitions.stream().filter(partition -> !positions.containsKey(partition)).toList();
        if (!unread.isEmpty()) {
            positions.putAll(feed.endOffsets(unread));
        }
        partitions.forEach(partition -> feed.seek(partition, positions.get(partition)));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A view of a key that someone listens to; the others are not read (their bytes are not even decoded). */
    private void deliver(ConsumerRecord<String, byte[]> record) {
        Set<Consumer<ProgressView>> interested = listeners.get(record.key());
        if (interested == null || interested.isEmpty()) {
            return;
        }
        ProgressView view;
        try {
            view = record.value() == null ? null : EventJson.read(record.value(), ProgressView.class);
        } catch (InvalidInputException e) {
            LOG.warnf("Skipping an unreadable view of %s: %s", record.key(), e.getMessage());
            return;
        }
        interested.forEach(listener -> listener.accept(view));
    }
}
