package io.salestargets.command.target.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.salestargets.command.target.relay.Commits;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.target.RowKey;
import io.salestargets.events.target.TargetEvent;
import io.salestargets.events.target.TargetRowEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The event store in PostgreSQL, table {@code events}: append with optimistic concurrency
 * ({@code UNIQUE (stream, version)}), load a stream. The table is also the relay's outbox.
 *
 * <p>Order matters inside a command's transaction: load the row (its read model, written with its
 * events) <em>before</em> the first statement that writes or locks anything. PostgreSQL gives a
 * transaction its id at its first write, so a transaction that saw version n of a stream always has a
 * larger id than the one that wrote it; the relay, which publishes by transaction id, then keeps each
 * stream's versions in order.
 */
@ApplicationScoped
public class EventStore {

    /** The events a transaction appended, per type: counted, and the relay woken, when it commits. */
    private static final Object APPENDED = new Object();
    private static final String APPENDED_METRIC = "events.appended";

    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;
    private final Commits commits;
    private final MeterRegistry registry;

    public EventStore(EntityManager entityManager, TransactionSynchronizationRegistry transactions, Commits commits,
            MeterRegistry registry) {
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.commits = commits;
        this.registry = registry;
    }

    /** A stream's events, oldest first. */
    public List<TargetEvent> load(String stream) {
        @SuppressWarnings("unchecked")
        List<String> payloads = entityManager.createNativeQuery(
                        "SELECT payload::text FROM events WHERE stream = :stream ORDER BY version")
                .setParameter("stream", stream)
                .getResultList();
        return payloads.stream().map(payload -> EventJson.read(payload, TargetEvent.class)).toList();
    }

    /** A row's events, oldest first. */
    public List<TargetRowEvent> loadRow(String rowKey) {
        return load(rowKey).stream().map(TargetRowEvent.class::cast).toList();
    }

    /**
     * The events of every row of a tenant's year and target type (all items), per row key, each row's
     * oldest first: one range of index {@code events_by_stream_prefix}. Ids have no LIKE wildcards
     * ({@code Fields}), so the prefix needs no escaping.
     */
    public Map<String, List<TargetRowEvent>> loadPlan(String tenantId, int year, String typeId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "SELECT stream, payload::text FROM events WHERE stream LIKE :prefix ORDER BY stream, version")
                .setParameter("prefix", RowKey.planPrefix(tenantId, year, typeId) + "%")
                .getResultList();
        Map<String, List<TargetRowEvent>> streams = new TreeMap<>();
        for (Object[] row : rows) {
            streams.computeIfAbsent((String) row[0], stream -> new ArrayList<>())
                    .add(EventJson.read((String) row[1], TargetRowEvent.class));
        }
        return streams;
    }

    /**
     * Appends an event as the given version of its stream (its Kafka key); when the transaction
     * commits, wakes the relay and counts the event in {@code events_appended_total{type}}.
     *
     * @throws ConcurrentAppend when that version exists already
     */
    public void append(TargetEvent event, long version) {
        int inserted = entityManager.createNativeQuery("""
                        INSERT INTO events (stream, version, tenant_id, event_id, event_type, payload, occurred_at)
                        VALUES (:stream, :version, :tenant, :eventId, :type, CAST(:payload AS json), :occurredAt)
                        ON CONFLICT ON CONSTRAINT events_stream_version DO NOTHING""")
                .setParameter("stream", event.key())
                .setParameter("version", version)
                .setParameter("tenant", event.tenantId())
                .setParameter("eventId", event.eventId())
                .setParameter("type", event.typeName())
                .setParameter("payload", EventJson.writeString(event))
                .setParameter("occurredAt", Timestamp.from(event.occurredAt()))
                .executeUpdate();
        if (inserted == 0) {
            throw new ConcurrentAppend(event.key(), version);
        }
        @SuppressWarnings("unchecked")
        Map<String, Integer> appended = (Map<String, Integer>) transactions.getResource(APPENDED);
        if (appended == null) {
            Map<String, Integer> ofThisTransaction = new HashMap<>();
            appended = ofThisTransaction;
            transactions.putResource(APPENDED, appended);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        commits.committed();
                        ofThisTransaction.forEach((type, count) -> registry.counter(APPENDED_METRIC, "type", type).increment(count));
                    }
                }
            });
        }
        appended.merge(event.typeName(), 1, Integer::sum);
    }
}
