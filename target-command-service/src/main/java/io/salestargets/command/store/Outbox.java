package io.salestargets.command.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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

    /** What the advisory lock of a topic's relay is named after: {@code hashtextextended('relay_checkpoints/<topic>', 0)}. */
    public static final String LOCK_PREFIX = "relay_checkpoints/";

    /**
     * One look: the checkpoint, the events after a position below the horizon ({@code pg_snapshot_xmin}), and
     * whether any event is beyond it, from the latest transaction's id at the end of index events_by_transaction:
     * one probe however large the store (a "WHERE transaction_id >= xmin LIMIT 1" was planned as a sequential scan
     * of every event, 2.6 ms with 18,000 events). Not {@code max(transaction_id)}: PostgreSQL has no {@code max} of
     * {@code xid8} before version 15, and the service runs on 14 and later.
     */
    private static final String LOOK = """
            SELECT c.transaction_id::text, c.position, c.kafka_cluster_id,
                   COALESCE((SELECT transaction_id >= pg_snapshot_xmin(pg_current_snapshot())
                             FROM events ORDER BY transaction_id DESC LIMIT 1), false),
                   e.transaction_id::text, e.position, e.stream, e.event_id::text, e.event_type, e.payload::text, e.occurred_at
            FROM relay_checkpoints c
            LEFT JOIN LATERAL (
                SELECT transaction_id, position, stream, event_id, event_type, payload, occurred_at
                FROM events
                WHERE (transaction_id, position) > (CAST(? AS xid8), ?)
                  AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                ORDER BY transaction_id, position
                LIMIT ?) e ON true
            WHERE c.topic = ?
            ORDER BY e.transaction_id, e.position""";

    private final Sql sql;

    /** @param relayPool the relay's own pool (datasource {@code relay}), so that a batch never waits behind the commands */
    public Outbox(@io.quarkus.agroal.DataSource("relay") DataSource relayPool) {
        this.sql = new Sql(relayPool);
    }

    /**
     * The leadership of {@code topic}'s relay: a session of its own holding the topic's advisory lock, kept until
     * closed or until its session ends; empty while another session holds it.
     */
    public Optional<Leadership> lead(String topic) {
        Sql.Session session = sql.session();
        try {
            if (session.one("SELECT pg_try_advisory_lock(hashtextextended(?, 0))", row -> row.getBoolean(1), LOCK_PREFIX + topic)) {
                session.update("SET idle_session_timeout = '" + Leadership.IDLE_SESSION_TIMEOUT.toSeconds() + "s'");
                session.update("SET synchronous_commit = off");
                return Optional.of(new Leadership(session, topic));
            }
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        session.close();
        return Optional.empty();
    }

    /** What one look at the outbox found: the checkpoint as stored, the events after a position, and whether more wait. */
    public record Look(Checkpoint checkpoint, List<StoredEvent> events, boolean waitingBeyondHorizon) {
    }

    /**
     * The one relay of a topic across instances: while its session lives, no other relay can lead the topic. Its
     * statements run on that session, each committing by itself: no transaction stays open (none holds the
     * horizon), and a session that stops asking (a frozen process) is ended by PostgreSQL after
     * {@link #IDLE_SESSION_TIMEOUT}, which frees the lock for another instance. Its commits (the checkpoint's
     * moves) are not waited for on disk ({@code synchronous_commit = off}): a checkpoint lost in a crash of
     * PostgreSQL only makes the relay send again what it had published, which consumers ignore.
     */
    public final class Leadership implements AutoCloseable {

        /** How long the leading session may stay silent before PostgreSQL ends it ({@code idle_session_timeout}). */
        public static final Duration IDLE_SESSION_TIMEOUT = Duration.ofSeconds(30);

        private final Sql.Session session;
        private final String topic;

        private Leadership(Sql.Session session, String topic) {
            this.session = session;
            this.topic = topic;
        }

        public Checkpoint checkpoint() {
            return session.one("SELECT transaction_id::text, position, kafka_cluster_id FROM relay_checkpoints WHERE topic = ?",
                    Outbox::checkpointOf, topic);
        }

        /**
         * Moves the checkpoint from {@code from} to {@code to}; false (and nothing moved) when it is no longer at
         * {@code from}: someone else moved it (an operator's reset).
         */
        public boolean moveCheckpoint(Checkpoint from, Checkpoint to) {
            return session.update("""
                            UPDATE relay_checkpoints SET transaction_id = CAST(? AS xid8), position = ?, kafka_cluster_id = ?,
                                   updated_at = now()
                            WHERE topic = ? AND transaction_id = CAST(? AS xid8) AND position = ?
                              AND kafka_cluster_id IS NOT DISTINCT FROM ?""",
                    to.transactionId(), to.position(), to.kafkaClusterId(), topic, from.transactionId(), from.position(),
                    from.kafkaClusterId()) == 1;
        }

        /**
         * In one statement: the checkpoint as stored, up to {@code limit} events committed after {@code after} (the
         * last one sent, which may be ahead of the checkpoint) below the horizon, in commit order, and whether
         * committed events wait beyond the horizon for an older transaction to end (one that appends nothing and so
         * wakes no relay when it ends, e.g. a refused command).
         */
        public Look look(String afterTransactionId, long afterPosition, int limit) {
            List<Object[]> rows = session.list(LOOK, row -> new Object[] {checkpointOf(row), row.getBoolean(4),
                    row.getString(5) == null ? null : new StoredEvent(row.getString(5), row.getLong(6), row.getString(7),
                            row.getString(8), row.getString(9), row.getString(10), Sql.instant(row, 11))},
                    afterTransactionId, afterPosition, limit, topic);
            List<StoredEvent> events = rows.stream().map(row -> (StoredEvent) row[2]).filter(Objects::nonNull).toList();
            return new Look((Checkpoint) rows.get(0)[0], events, (Boolean) rows.get(0)[1]);
        }

        /** Frees the lock and gives the session back; a session that is gone (it was ended) frees it by ending. */
        @Override
        public void close() {
            try {
                session.update("RESET idle_session_timeout");
                session.update("RESET synchronous_commit");
                session.one("SELECT pg_advisory_unlock_all()", row -> true);
            } catch (RuntimeException gone) {
                // the session ended, and its lock with it
            } finally {
                session.close();
            }
        }
    }

    /** A checkpoint from the first three columns of a row: transaction id (as text), position, Kafka cluster id. */
    private static Checkpoint checkpointOf(ResultSet row) throws SQLException {
        return new Checkpoint(row.getString(1), row.getLong(2), row.getString(3));
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
