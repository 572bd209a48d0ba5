package io.salestargets.progress.query;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.json.MalformedRecordException;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The views published to {@code targets.progress}, as they come, for whoever listens to a key (the
 * live dashboards' server-sent events). Every instance reads every partition from its end, without
 * a consumer group: a view published by any instance reaches the listeners of all.
 */
@ApplicationScoped
public class ProgressFeed {

    private static final Logger LOG = Logger.getLogger(ProgressFeed.class);

    private final Map<String, Set<Consumer<ProgressView>>> listeners = new ConcurrentHashMap<>();
    private final String bootstrapServers;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running;

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
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> feed = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.CLIENT_ID_CONFIG, "progress-feed"), new StringDeserializer(), new StringDeserializer())) {
                consumer = feed;
                List<TopicPartition> partitions = feed.partitionsFor(Topics.PROGRESS, Duration.ofSeconds(30)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                feed.assign(partitions);
                feed.seekToEnd(partitions);
                while (running) {
                    for (ConsumerRecord<String, String> record : feed.poll(Duration.ofMillis(500))) {
                        deliver(record);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("The progress feed failed, reading again in 2 s: %s", e.getMessage());
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void deliver(ConsumerRecord<String, String> record) {
        Set<Consumer<ProgressView>> interested = listeners.get(record.key());
        if (interested == null || interested.isEmpty()) {
            return;
        }
        ProgressView view;
        try {
            view = record.value() == null ? null : EventJson.read(record.value(), ProgressView.class);
        } catch (MalformedRecordException e) {
            LOG.warnf("Skipping an unreadable view of %s: %s", record.key(), e.getMessage());
            return;
        }
        interested.forEach(listener -> listener.accept(view));
    }
}
