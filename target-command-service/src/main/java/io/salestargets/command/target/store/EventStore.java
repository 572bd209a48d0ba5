package io.salestargets.command.target.store;

import io.salestargets.events.json.EventJson;
import io.salestargets.events.target.TargetEvent;
import io.salestargets.events.target.TargetRowEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.util.List;

/**
 * The event store in PostgreSQL, table {@code events}: append with optimistic concurrency
 * ({@code UNIQUE (stream, version)}), load a stream. The table is also the relay's outbox.
 *
 * <p>Order matters inside a command's transaction: load the stream <em>before</em> the first
 * statement that writes anything. PostgreSQL gives a transaction its id at its first write, so a
 * transaction that saw version n of a stream always has a larger id than the one that wrote it;
 * the relay, which publishes by transaction id, then keeps each stream's versions in order.
 */
@ApplicationScoped
public class EventStore {

    /** The channel the relay listens on; a notification is delivered when the transaction commits. */
    public static final String CHANNEL = "target_events";

    private final EntityManager entityManager;

    public EventStore(EntityManager entityManager) {
        this.entityManager = entityManager;
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
     * Appends an event as the given version of its stream (its Kafka key), and tells the relay when
     * the transaction commits.
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
        entityManager.createNativeQuery("SELECT pg_notify('" + CHANNEL + "', '')").getSingleResult();
    }
}
