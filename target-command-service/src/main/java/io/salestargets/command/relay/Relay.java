package io.salestargets.command.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.salestargets.command.store.Outbox;
import io.salestargets.command.store.Outbox.Checkpoint;
import io.salestargets.command.store.Outbox.StoredEvent;
import io.salestargets.events.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
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
 *   <li>One relay at a time across instances leads: the one whose database session holds the topic's advisory
 *       lock ({@link Outbox.Leadership}). The others try for it every {@link #SOON} to {@link #MOST_WAITING}; the
 *       leader takes their instances' commits at its next look, at the latest after {@code relay.poll-interval}.</li>
 *   <li>The leader looks at the outbox (one statement: the checkpoint as stored, the events after the last one it
 *       sent, whether more wait) and sends what it found without waiting for the broker: the next look goes out
 *       while the last batches' acknowledgements arrive, up to {@code relay.batch-size} events unacknowledged.
 *       The producer keeps each row's events in order (idempotent, in order per partition). The checkpoint moves
 *       only past batches every event of which the broker acknowledged, in order.</li>
 *   <li>A send that fails stops the sending: every batch in flight is let settle, the checkpoint moves past the
 *       acknowledged ones, and the relay sends again from there (consumers ignore versions they hold), one event
 *       at a time until one is acknowledged, with back-off. A checkpoint moved by someone else (an operator's
 *       reset, a new Kafka cluster) is seen at the next look, and followed.</li>
 *   <li>Only events of transactions below {@code pg_snapshot_xmin(pg_current_snapshot())} are read: every
 *       transaction there has ended, so one that commits after a later one is never passed over. Ordered by
 *       transaction id, then position: each stream's versions stay in order. No statement of the relay holds a
 *       transaction open, so the relay never holds its own horizon.</li>
 *   <li>Woken ({@link Wakeups}) as soon as a transaction that appended events commits in this instance and when
 *       the broker answers for a batch; it looks again at once while a look was full, and after {@link #SOON},
 *       doubling up to {@link #MOST_WAITING}, while committed events wait for an older transaction to end. Else
 *       it polls every {@code relay.poll-interval} (at most {@link #KEEP_ALIVE}), for commits of other instances.
 *       When the broker is down, commands still succeed; the relay retries and catches up.</li>
 *   <li>A relay that dies loses its session, and with it the lock: another instance's relay takes over at its
 *       next try and sends again from the checkpoint. One that hangs (a frozen process, a lost network) is ended
 *       by PostgreSQL after {@link #IDLE_TIMEOUT} of silence ({@code idle_session_timeout} on the leading
 *       session); what it sends when it wakes is an exact copy of what was published, which consumers ignore.</li>
 * </ul>
 */
@ApplicationScoped
public class Relay {

    private static final Logger LOG = Logger.getLogger(Relay.class);
    /**
     * Long enough for every send in flight to be acknowledged or to fail: the producer blocks at most 5 s
     * ({@code max.block.ms}) and gives a record up after 10 s ({@code delivery.timeout.ms}).
     */
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(20);
    /**
     * How long PostgreSQL lets a session of the service sit in a transaction without a statement (every session:
     * a command frozen between its insert and its commit would hold the relay's horizon), and the leading relay's
     * session without any statement: then it ends the session, freeing the leadership.
     */
    static final Duration IDLE_TIMEOUT = Outbox.Leadership.IDLE_SESSION_TIMEOUT;
    /** The longest a leader waits between two looks, well within {@link #IDLE_TIMEOUT}. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(10);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** How soon to look again when events are waiting for another relay or for an older transaction to end. */
    static final Duration SOON = Duration.ofMillis(5);
    /** The longest wait between looks while events keep waiting: a standby relay costs PostgreSQL 10 queries a second. */
    static final Duration MOST_WAITING = Duration.ofMillis(100);
    /**
     * The shortest time between two looks while events flow: commits ring hundreds of times a second, and a look
     * every 2 ms gathers them into batches at a cost of at most 500 small statements a second.
     */
    private static final long LOOK_INTERVAL_NANOS = Duration.ofMillis(2).toNanos();
    /**
     * The checkpoint moves at most this often while events flow (and at once when nothing is in flight): a crash
     * resends at most that much, which consumers ignore.
     */
    private static final long CHECKPOINT_INTERVAL_NANOS = Duration.ofMillis(50).toNanos();

    /** A batch sent: its events, and what completes once the broker answered for each (acknowledged or failed). */
    private record Sent(List<StoredEvent> events, List<CompletableFuture<Void>> acks, CompletableFuture<Void> settled) {

        Checkpoint end(String clusterId) {
            StoredEvent last = events.get(events.size() - 1);
            return new Checkpoint(last.transactionId(), last.position(), clusterId);
        }
    }

    /** A send the broker did not acknowledge. */
    private static final class PublishFailed extends RuntimeException {
        PublishFailed(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The {@code kafka.*} settings (bootstrap servers, security), to which the relay adds its own guarantees. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    Outbox outbox;

    @Inject
    Wakeups wakeups;

    /** The most events sent and not yet acknowledged (and so the most one look reads). */
    @ConfigProperty(name = "relay.batch-size")
    int batchSize;

    @ConfigProperty(name = "relay.poll-interval")
    Duration pollInterval;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final Counter published;
    private final DistributionSummary lag;
    private volatile boolean running;
    private Thread thread;
    /** The failure that closed the producer, for the log (what it aborted then fails as "closed forcefully"). */
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    /** Replaced after a failure closed it; the relay's thread alone replaces it. */
    private volatile KafkaProducer<String, String> producer;

    // the relay's thread alone reads and writes what follows
    /** The id of the Kafka cluster of {@code kafka.bootstrap.servers}, once it answered. */
    private String clusterId;
    private Outbox.Leadership leadership;
    /** The checkpoint as this relay last read or moved it. */
    private Checkpoint checkpoint;
    /** The last event of the acknowledged batches, in order: where the checkpoint moves next. */
    private Checkpoint acknowledged;
    private long checkpointMovedAt;
    /** The last event sent: the next look reads after it. */
    private Checkpoint sent;
    private final Deque<Sent> inFlight = new ArrayDeque<>();
    private int eventsInFlight;
    /** After a failure, one event at a time until one is acknowledged: a broker that is down fails fast. */
    private boolean probing;
    private Duration soon = SOON;
    private long lookedAt = System.nanoTime() - LOOK_INTERVAL_NANOS;

    public Relay(MeterRegistry registry) {
        this.published = Counter.builder("relay.events.published")
                .description("Target events published to targets.events (resends after a failure included)").register(registry);
        this.lag = DistributionSummary.builder("relay.lag")
                .description("From an event's occurredAt to the broker's acknowledgement").baseUnit("milliseconds")
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
            wakeups.ring();
            thread.join(TimeUnit.SECONDS.toMillis(7));
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(TimeUnit.SECONDS.toMillis(3));
            }
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
     * and the relay sends again from its checkpoint. A broker that is down fails a batch
     * within seconds.
     *
     * <p>A failed send closes its producer at once, from the producer's own thread ({@link #send(StoredEvent)}):
     * the batches sent after it then fail too instead of landing before its resend. (An idempotent producer
     * whose batch expired bumps its epoch and sends the batches queued behind it: a row's versions 6 to 21 landed
     * before 1 to 5 when the broker came back, until the failure closed the producer.) The relay takes a new
     * producer for the resend.
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
        Duration backoff = FIRST_BACKOFF;
        Duration standby = SOON;
        try {
            while (running) {
                try {
                    if (clusterId == null) {
                        clusterId = clusterId();
                    }
                    if (leadership == null && !lead()) {
                        // not woken by this instance's commits, which come hundreds of times a second: the leader's
                        // look takes them
                        Thread.sleep(standby.toMillis());
                        standby = min(standby.multipliedBy(2), min(MOST_WAITING, pollInterval));
                        continue;
                    }
                    standby = SOON;
                    Optional<Duration> idle = step();
                    if (!probing) {
                        backoff = FIRST_BACKOFF; // only once a send after a failure was acknowledged
                    }
                    if (idle.isPresent()) {
                        wakeups.await(idle.get());
                    }
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    LOG.warnf("Publishing target events failed, trying again in %d ms: %s", backoff.toMillis(), rootMessage(e));
                    recover(e);
                    Thread.sleep(backoff.toMillis());
                    backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            resign();
        }
    }

    /** Tries to lead; when it does, starts from the checkpoint. */
    private boolean lead() {
        Optional<Outbox.Leadership> won = outbox.lead(Topics.TARGET_EVENTS);
        if (won.isEmpty()) {
            return false;
        }
        leadership = won.get();
        LOG.infof("Relaying the event store to %s", Topics.TARGET_EVENTS);
        startFromCheckpoint();
        return true;
    }

    /** Starts from the checkpoint as stored, sent again from the start when it was published to another Kafka cluster. */
    private void startFromCheckpoint() {
        Checkpoint stored = leadership.checkpoint();
        Checkpoint from = stored;
        if (stored.kafkaClusterId() != null && !clusterId.equals(stored.kafkaClusterId())) {
            LOG.warnf("targets.events is on another Kafka cluster (%s, was %s): publishing the event store to it from the start",
                    clusterId, stored.kafkaClusterId());
            from = new Checkpoint("0", 0, clusterId);
        } else if (stored.kafkaClusterId() == null) {
            from = new Checkpoint(stored.transactionId(), stored.position(), clusterId);
        }
        if (!from.equals(stored) && !leadership.moveCheckpoint(stored, from)) {
            throw new IllegalStateException("the checkpoint of " + Topics.TARGET_EVENTS + " moved while the relay started");
        }
        checkpoint = from;
        acknowledged = from;
        sent = from;
        probing = false;
    }

    /**
     * Takes the acknowledged batches, then looks at the outbox and sends what it found; returns how long to wait
     * for a ring before the next step, or none to go on at once.
     */
    private Optional<Duration> step() throws InterruptedException {
        takeAcknowledged();
        int room = (probing ? 1 : batchSize) - eventsInFlight;
        if (room <= 0) {
            return Optional.of(KEEP_ALIVE); // the next acknowledgement rings
        }
        pace();
        Outbox.Look look = leadership.look(sent.transactionId(), sent.position(), room);
        if (!look.checkpoint().equals(checkpoint)) {
            LOG.warnf("The checkpoint of %s was moved to %s (the relay had it at %s): publishing from there",
                    Topics.TARGET_EVENTS, look.checkpoint(), checkpoint);
            settleInFlight(SETTLE_TIMEOUT);
            dropInFlight();
            startFromCheckpoint();
            return Optional.empty();
        }
        List<StoredEvent> events = look.events();
        if (!events.isEmpty()) {
            send(events);
            soon = SOON;
        }
        if (events.size() == room) {
            return Optional.empty();
        }
        if (!inFlight.isEmpty()) {
            return Optional.of(KEEP_ALIVE); // the acknowledgements and commits ring
        }
        if (look.waitingBeyondHorizon()) {
            Duration wait = soon;
            soon = min(soon.multipliedBy(2), min(MOST_WAITING, pollInterval));
            return Optional.of(wait);
        }
        soon = SOON;
        return Optional.of(min(pollInterval, KEEP_ALIVE));
    }

    /** Sends a batch; each record's callback counts it and rings once the whole batch is answered for. */
    private void send(List<StoredEvent> events) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(events.size());
        for (StoredEvent event : events) {
            CompletableFuture<Void> ack = send(event);
            acks.add(ack);
            if (ack.isCompletedExceptionally()) {
                break; // the producer is closed: the rest is sent again after the recovery
            }
        }
        CompletableFuture<Void> settled = CompletableFuture.allOf(
                acks.stream().map(ack -> ack.handle((ok, failure) -> null)).toArray(CompletableFuture[]::new));
        settled.whenComplete((ok, failure) -> wakeups.ring());
        Sent batch = new Sent(events.subList(0, acks.size()), acks, settled);
        inFlight.add(batch);
        eventsInFlight += batch.events().size();
        sent = batch.end(clusterId);
    }

    /**
     * Takes the batches at the head whose every event the broker acknowledged, and moves the checkpoint past them;
     * fails on the first batch with a failed send.
     */
    private void takeAcknowledged() {
        Checkpoint reached = null;
        Throwable failed = null;
        while (failed == null && !inFlight.isEmpty() && inFlight.peek().settled().isDone()) {
            Sent batch = inFlight.peek();
            failed = batch.acks().stream().filter(CompletableFuture::isCompletedExceptionally).findFirst()
                    .map(Relay::failureOf).orElse(null);
            if (failed == null) {
                inFlight.poll();
                eventsInFlight -= batch.events().size();
                reached = batch.end(clusterId);
                probing = false;
            }
        }
        if (reached != null) {
            acknowledged = reached;
        }
        if (failed != null) {
            moveCheckpoint();
            Throwable first = firstFailure.getAndSet(null);
            throw new PublishFailed(first != null ? first : failed);
        }
        if (inFlight.isEmpty() || System.nanoTime() - checkpointMovedAt >= CHECKPOINT_INTERVAL_NANOS) {
            moveCheckpoint();
        }
    }

    /** Moves the checkpoint to the last acknowledged event, if it is not there yet. */
    private void moveCheckpoint() {
        if (acknowledged.equals(checkpoint)) {
            return;
        }
        if (!leadership.moveCheckpoint(checkpoint, acknowledged)) {
            throw new IllegalStateException("the checkpoint of " + Topics.TARGET_EVENTS + " was moved by someone else");
        }
        checkpoint = acknowledged;
        checkpointMovedAt = System.nanoTime();
    }

    private static Throwable failureOf(CompletableFuture<Void> failedSend) {
        try {
            failedSend.join();
            throw new IllegalStateException("not failed");
        } catch (CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        }
    }

    /**
     * After a failure: lets every send in flight settle (a send still under way when its batch is sent again could
     * land after the newer copies), keeps the acknowledged head, and sends again from the checkpoint. A failure of
     * the database, or sends that did not settle in time, give up the leadership: whichever relay leads next
     * starts from the checkpoint.
     */
    private void recover(RuntimeException failure) throws InterruptedException {
        if (leadership == null) {
            renewProducer();
            return;
        }
        boolean keepLeading = failure instanceof PublishFailed;
        try {
            settleInFlight(SETTLE_TIMEOUT);
        } catch (RuntimeException notSettled) {
            keepLeading = false;
        }
        renewProducer();
        if (keepLeading) {
            try {
                takeAcknowledgedPrefix();
                dropInFlight();
                sent = checkpoint;
                probing = true;
                return;
            } catch (RuntimeException e) {
                LOG.debugf("checkpoint not moved after a failure: %s", rootMessage(e));
            }
        }
        dropInFlight();
        leadership.close();
        leadership = null;
    }

    /** A new producer in place of one that a failure closed (closing it again does nothing). */
    private void renewProducer() {
        producer.close(Duration.ZERO);
        firstFailure.set(null);
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer());
    }

    /** {@link #takeAcknowledged} up to the first failed batch. */
    private void takeAcknowledgedPrefix() {
        try {
            takeAcknowledged();
        } catch (PublishFailed expected) {
            // the checkpoint stays before the failed batch
        }
        moveCheckpoint();
    }

    /** Waits until the broker answered for every send in flight, acknowledged or failed, for at most {@code timeout}. */
    private void settleInFlight(Duration timeout) throws InterruptedException {
        try {
            CompletableFuture.allOf(inFlight.stream().map(Sent::settled).toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("sends in flight did not settle within " + timeout, e);
        }
    }

    private void dropInFlight() {
        inFlight.clear();
        eventsInFlight = 0;
    }

    /** On the way out: what is acknowledged moves the checkpoint (briefly waited for), and the leadership is given up. */
    private void resign() {
        if (leadership == null) {
            return;
        }
        try {
            settleInFlight(Duration.ofSeconds(5));
            takeAcknowledgedPrefix();
        } catch (Exception e) {
            LOG.debugf("checkpoint not moved on the way out: %s", rootMessage(e));
        } finally {
            leadership.close();
            leadership = null;
        }
    }

    /** At most one look per {@link #LOOK_INTERVAL_NANOS}: the commits meanwhile make one batch. */
    private void pace() throws InterruptedException {
        long since = System.nanoTime() - lookedAt;
        if (since < LOOK_INTERVAL_NANOS) {
            TimeUnit.NANOSECONDS.sleep(LOOK_INTERVAL_NANOS - since);
        }
        lookedAt = System.nanoTime();
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

    /**
     * Sends one event keyed by its stream, with CloudEvents binary headers; completes on the broker's
     * acknowledgement, when it is counted and its lag recorded.
     */
    private CompletableFuture<Void> send(StoredEvent event) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TARGET_EVENTS, event.stream(), event.payload());
        header(record, Topics.CloudEventHeaders.SPEC_VERSION, Topics.CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, Topics.CloudEventHeaders.ID, event.eventId());
        header(record, Topics.CloudEventHeaders.TYPE, event.type());
        header(record, Topics.CloudEventHeaders.SOURCE, Topics.CloudEventHeaders.SOURCE_VALUE);
        header(record, Topics.CloudEventHeaders.TIME, event.occurredAt().toString());
        header(record, Topics.CloudEventHeaders.SUBJECT, event.stream());
        header(record, Topics.CloudEventHeaders.CONTENT_TYPE, Topics.CloudEventHeaders.CONTENT_TYPE_VALUE);
        KafkaProducer<String, String> sending = producer;
        try {
            sending.send(record, (metadata, failure) -> {
                if (failure == null) {
                    published.increment();
                    lag.record(Math.max(0, System.currentTimeMillis() - event.occurredAt().toEpochMilli()));
                    acknowledged.complete(null);
                } else {
                    firstFailure.compareAndSet(null, failure); // the sends aborted by the close fail with less to say
                    sending.close(Duration.ZERO); // on the producer's thread: nothing queued behind is sent
                    acknowledged.completeExceptionally(failure);
                }
            });
        } catch (KafkaException e) {
            firstFailure.compareAndSet(null, e);
            sending.close(Duration.ZERO);
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
