package io.salestargets.command.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The event store as the relay's outbox: the events committed after a topic's checkpoint, in commit order
 * (transaction id, then position), read only below the horizon ({@code pg_snapshot_xmin}) where every transaction
 * has ended; the checkpoint (table {@code relay_checkpoints}), which one relay at a time holds; and what the
 * backlog gauges measure. How the relay uses them is {@code Relay}'s to say.
 */
@ApplicationScoped
public class Outbox {

    /** How far a topic is published: the last event's transaction and position, and the Kafka cluster it went to. */
    public record Checkpoint(String transactionId, long position, String kafkaClusterId) {
    }

    /** An event as stored, with its place in commit order. */
    public record StoredEvent(String transactionId, long position, String stream, String eventId, String type, String payload,
            Instant occurredAt) {
    }

    /** Events committed after the checkpoint, and how long the oldest has waited (0 when none). */
    public record Backlog(long events, double ageSeconds) {
    }

    /**
     * Per side (this database, the others of the server): how long the longest-open transaction that holds a
     * transaction id has been open (0 when none), and whether such a transaction's start is hidden from the role.
     */
    public record Horizon(double hereSeconds, boolean hereHidden, double elsewhereSeconds, boolean elsewhereHidden) {
    }

    /**
     * Sessions with {@code backend_xid} (the operator's query to find them is in docs/operations.md) and prepared
     * transactions, which hold the horizon as long.
     */
    private static final String HORIZON = """
            WITH open AS (
                SELECT COALESCE(datname = current_database(), false) AS here, xact_start AS since
                FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()
                UNION ALL
                SELECT database = current_database(), prepared FROM pg_prepared_xacts)
            SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(since) FILTER (WHERE here)), 0),
                   COALESCE(bool_or(since IS NULL) FILTER (WHERE here), false),
                   COALESCE(EXTRACT(EPOCH FROM now() - min(since) FILTER (WHERE NOT here)), 0),
                   COALESCE(bool_or(since IS NULL) FILTER (WHERE NOT here), false)
            FROM open""";

    private final Sql sql;

    /** @param relayPool the relay's own pool (datasource {@code relay}), so that a batch never waits behind the commands */
    public Outbox(@io.quarkus.agroal.DataSource("relay") DataSource relayPool) {
        this.sql = new Sql(relayPool);
    }

    /** The topic's checkpoint, locked until the transaction ends; empty while another relay holds it. */
    public Optional<Checkpoint> lockCheckpoint(String topic) {
        return sql.first("""
                        SELECT transaction_id::text, position, kafka_cluster_id FROM relay_checkpoints
                        WHERE topic = ? FOR UPDATE SKIP LOCKED""",
                row -> new Checkpoint(row.getString(1), row.getLong(2), row.getString(3)), topic);
    }

    public void moveCheckpoint(String topic, String transactionId, long position, String kafkaClusterId) {
        sql.update("""
                        UPDATE relay_checkpoints SET transaction_id = CAST(? AS xid8), position = ?, kafka_cluster_id = ?,
                               updated_at = now()
                        WHERE topic = ?""", transactionId, position, kafkaClusterId, topic);
    }

    /** Up to {@code limit} events committed after the checkpoint, below the horizon, in commit order. */
    public List<StoredEvent> committedAfter(Checkpoint from, int limit) {
        return sql.list("""
                        SELECT transaction_id::text, position, stream, event_id::text, event_type, payload::text, occurred_at
                        FROM events
                        WHERE (transaction_id, position) > (CAST(? AS xid8), ?)
                          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                        ORDER BY transaction_id, position
                        LIMIT ?""",
                row -> new StoredEvent(row.getString(1), row.getLong(2), row.getString(3), row.getString(4), row.getString(5),
                        row.getString(6), Sql.instant(row, 7)),
                from.transactionId(), from.position(), limit);
    }

    /**
     * Whether committed events wait for an older transaction to end (one that appends nothing and so wakes no
     * relay when it ends, e.g. a command that was refused, or the relay's own transaction).
     */
    public boolean waitingBeyondHorizon() {
        // the latest transaction's id from the end of index events_by_transaction: one probe however large the store
        // (a "WHERE transaction_id >= xmin LIMIT 1" was planned as a sequential scan of every event, 2.6 ms a batch
        // with 18,000 events)
        return sql.one("SELECT COALESCE(max(transaction_id) >= pg_snapshot_xmin(pg_current_snapshot()), false) FROM events",
                row -> row.getBoolean(1));
    }

    /** What is left to publish to {@code topic}, on the index the relay reads by. */
    public Backlog backlog(String topic) {
        return sql.one("""
                        SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(e.occurred_at)), 0)
                        FROM events e JOIN relay_checkpoints c ON c.topic = ?
                        WHERE (e.transaction_id, e.position) > (c.transaction_id, c.position)""",
                row -> new Backlog(row.getLong(1), Math.max(0, row.getDouble(2))), topic);
    }

    /** What holds the relay's horizon, here and in the server's other databases. */
    public Horizon horizon() {
        return sql.one(HORIZON, row -> new Horizon(Math.max(0, row.getDouble(1)), row.getBoolean(2), Math.max(0, row.getDouble(3)),
                row.getBoolean(4)));
    }
}
