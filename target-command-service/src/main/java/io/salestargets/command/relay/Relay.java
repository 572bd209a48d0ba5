package io.salestargets.command.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.salestargets.command.store.Outbox;
import io.salestargets.events.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the event store to {@code targets.events}, in commit order, and loses nothing.
 *
 * <ul>
 *   <li>One batch per transaction: take the checkpoint {@code FOR UPDATE SKIP LOCKED} (so one relay
 *       at a time across instances publishes), read the events after it, send them, wait for the
 *       broker to acknowledge every one, then move the checkpoint. A failure leaves the checkpoint
 *       where it was: the batch is sent again (consumers ignore versions they hold), never skipped.</li>
 *   <li>Only events of transactions below {@code pg_snapshot_xmin(pg_current_snapshot())} are read:
 *       every transaction there has ended, so one that commits after a later one is never passed
 *       over. Ordered by transaction id, then position: each stream's versions stay in order.</li>
 *   <li>Woken by the committing thread ({@link Commits}) as soon as a transaction that appended events
 *       commits; it looks again at once while a batch was full, and after {@link #SOON}, doubling up to
 *       {@link #MOST_WAITING}, while another relay holds the checkpoint or committed events wait for an
 *       older transaction to end. Else it polls every {@code relay.poll-interval}, for commits of other
 *       instances that found it at work. When the broker is down, commands still succeed; the relay
 *       retries with back-off and catches up.</li>
 *   <li>A relay that dies mid-batch loses its session, and with it the checkpoint's lock: another
 *       instance's relay takes over at its next look and sends the batch again. One that hangs (a
 *       frozen process, a lost network) while its transaction waits is ended by PostgreSQL after
 *       {@link #IDLE_IN_BATCH_TIMEOUT} ({@code idle_in_transaction_session_timeout}, set for every
 *       session: a command transaction frozen before its commit would hold the horizon as long).</li>
 * </ul>
 */
@ApplicationScoped
public class Relay {

    private static final Logger LOG = Logger.getLogger(Relay.class);
    /**
     * Long enough for every send of a batch to be acknowledged or to fail: the producer blocks at most
     * 5 s ({@code max.block.ms}) and gives a record up after 10 s ({@code delivery.timeout.ms}).
     */
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(20);
    /**
     * How long a batch's transaction may wait on this relay before PostgreSQL ends it, freeing the checkpoint:
     * {@code idle_in_transaction_session_timeout}, set for every session of the service (application.properties).
     */
    static final Duration IDLE_IN_BATCH_TIMEOUT = SETTLE_TIMEOUT.plusSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** How soon to look again when events are waiting for another relay or for an older transaction to end. */
    static final Duration SOON = Duration.ofMillis(5);
    /** The longest wait between looks while events keep waiting: a standby relay costs PostgreSQL 10 queries a second. */
    static final Duration MOST_WAITING = Duration.ofMillis(100);

    /** What one batch did: events published, and whether committed events are left that it could not take yet. */
    record Batch(int published, boolean waiting) {
    }

    /** The {@code kafka.*} settings (bootstrap servers, security), to which the relay adds its own guarantees. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    Outbox outbox;

    @Inject
    Commits commits;

    @ConfigProperty(name = "relay.batch-size")
    int batchSize;

    @ConfigProperty(name = "relay.poll-interval")
    Duration pollInterval;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final Counter published;
    private final DistributionSummary lag;
    private volatile boolean running;
    /** After a failure, batches of one event until one is published: a broker that is down fails fast. */
    private volatile boolean probing;
    /** The id of the Kafka cluster of {@code kafka.bootstrap.servers}, once it answered. */
    private String clusterId;
    private Thread thread;
    private KafkaProducer<String, String> producer;

    public Relay(MeterRegistry registry) {
        this.published = Counter.builder("relay.events.published")
                .description("Target events published to targets.events (resends after a failure included)").register(registry);
        this.lag = DistributionSummary.builder("relay.lag")
                .description("From an event's commit to the broker's acknowledgement").baseUnit("milliseconds")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void start(@Observes StartupEvent startup) {
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer());
        running = true;
        thread = new Thread(this::run, "target-events-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * A plain producer, so that nothing resends a single record behind the ones that followed it (the
     * messaging connector's sink did, once, for a broker that was slow to answer: a row's version 610
     * after 611). Idempotent, every record acknowledged by all in-sync replicas: the producer retries by
     * itself, in order, for up to {@code delivery.timeout.ms}; what fails for good fails the batch,
     * which the relay sends again, whole, from its checkpoint. A broker that is down fails a batch
     * within seconds.
     */
    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "target-events-relay");
        return config;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        Duration soon = SOON;
        while (running) {
            try {
                int limit = probing ? 1 : batchSize;
                if (clusterId == null) {
                    clusterId = clusterId();
                }
                Batch batch = publishBatch(limit);
                backoff = Duration.ofMillis(100);
                probing = false;
                if (batch.published() > 0 || !batch.waiting()) {
                    soon = SOON;
                }
                if (batch.published() < limit) {
                    commits.await(batch.waiting() ? soon : pollInterval);
                    if (batch.waiting()) {
                        soon = min(soon.multipliedBy(2), min(MOST_WAITING, pollInterval));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                probing = true;
                LOG.warnf("Publishing target events failed, trying again in %d ms: %s", backoff.toMillis(), rootMessage(e));
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** Publishes up to {@code limit} events (none while another relay holds the checkpoint: then it is waiting). */
    Batch publishBatch(int limit) {
        return QuarkusTransaction.requiringNew().timeout((int) IDLE_IN_BATCH_TIMEOUT.toSeconds() + 10).call(() -> {
            Optional<Outbox.Checkpoint> locked = outbox.lockCheckpoint(Topics.TARGET_EVENTS);
            if (locked.isEmpty()) {
                return new Batch(0, true);
            }
            Outbox.Checkpoint from = locked.get();
            if (from.kafkaClusterId() != null && !clusterId.equals(from.kafkaClusterId())) {
                LOG.warnf("targets.events is on another Kafka cluster (%s, was %s): publishing the event store to it from the start",
                        clusterId, from.kafkaClusterId());
                from = new Outbox.Checkpoint("0", 0, clusterId);
                outbox.moveCheckpoint(Topics.TARGET_EVENTS, from.transactionId(), from.position(), clusterId);
            } else if (from.kafkaClusterId() == null) {
                outbox.moveCheckpoint(Topics.TARGET_EVENTS, from.transactionId(), from.position(), clusterId);
            }
            List<Outbox.StoredEvent> events = outbox.committedAfter(from, limit);
            if (events.isEmpty()) {
                return new Batch(0, outbox.waitingBeyondHorizon());
            }
            List<CompletableFuture<Void>> acks = new ArrayList<>(events.size());
            for (Outbox.StoredEvent event : events) {
                acks.add(send(event.stream(), event.eventId(), event.type(), event.payload(), event.occurredAt()));
            }
            // wait for every send to be acknowledged or to fail, never less: a send of this batch still under way
            // when the batch is sent again could land after the newer copies
            CompletableFuture.allOf(acks.stream().map(ack -> ack.handle((ok, failure) -> null)).toArray(CompletableFuture[]::new))
                    .get(SETTLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (CompletableFuture<Void> ack : acks) {
                ack.join();
            }
            Outbox.StoredEvent last = events.get(events.size() - 1);
            outbox.moveCheckpoint(Topics.TARGET_EVENTS, last.transactionId(), last.position(), clusterId);
            published.increment(events.size());
            long now = System.currentTimeMillis();
            for (Outbox.StoredEvent event : events) {
                lag.record(Math.max(0, now - event.occurredAt().toEpochMilli()));
            }
            return new Batch(events.size(), events.size() < limit && outbox.waitingBeyondHorizon());
        });
    }

    /** Asks the broker which cluster it belongs to; fails while it does not answer. */
    private String clusterId() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(config)) {
            return admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker at " + bootstrapServers + " does not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Sends one event keyed by its stream, with CloudEvents binary headers; completes on the broker's acknowledgement. */
    private CompletableFuture<Void> send(String key, String eventId, String type, String payload, Instant occurredAt) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TARGET_EVENTS, key, payload);
        header(record, Topics.CloudEventHeaders.SPEC_VERSION, Topics.CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, Topics.CloudEventHeaders.ID, eventId);
        header(record, Topics.CloudEventHeaders.TYPE, type);
        header(record, Topics.CloudEventHeaders.SOURCE, Topics.CloudEventHeaders.SOURCE_VALUE);
        header(record, Topics.CloudEventHeaders.TIME, occurredAt.toString());
        header(record, Topics.CloudEventHeaders.SUBJECT, key);
        header(record, Topics.CloudEventHeaders.CONTENT_TYPE, Topics.CloudEventHeaders.CONTENT_TYPE_VALUE);
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(failure);
                }
            });
        } catch (KafkaException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }


    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
