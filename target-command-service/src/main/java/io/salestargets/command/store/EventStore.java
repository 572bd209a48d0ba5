package io.salestargets.command.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.salestargets.command.domain.TargetRow;
import io.salestargets.command.domain.TargetValues;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.RowKey;
import io.salestargets.events.targets.TargetEvent;
import io.salestargets.events.targets.TargetRowEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event store in PostgreSQL, table {@code events}: append with optimistic concurrency
 * ({@code UNIQUE (stream, version)}), load a stream. The table is also the relay's outbox.
 *
 * <p>Each stream's versions reach {@code targets.events} in order: the relay publishes by transaction id
 * (then position), and {@link #append} refuses, by construction, an event whose stream's previous version
 * was appended by a transaction with a larger id than the appending one ({@link AppendOutOfOrder}: the
 * command is tried again, in a new transaction, whose id is then the larger). PostgreSQL gives a transaction
 * its id at its first write or lock, so a command that reads its row before writing anything never meets it;
 * a bulk request, which writes rows before it reads the next ones, can.
 */
@ApplicationScoped
public class EventStore {

    /** The events a transaction appended, per type: counted, and announced ({@link EventsCommitted}), when it commits. */
    private static final Object APPENDED = new Object();
    private static final String APPENDED_METRIC = "events.appended";

    private final Sql sql;
    private final TransactionSynchronizationRegistry transactions;
    private final Event<EventsCommitted> committed;
    private final MeterRegistry registry;

    public EventStore(Sql sql, TransactionSynchronizationRegistry transactions, Event<EventsCommitted> committed,
            MeterRegistry registry) {
        this.sql = sql;
        this.transactions = transactions;
        this.committed = committed;
        this.registry = registry;
    }

    /** A stream's events, oldest first. */
    public List<TargetEvent> load(String stream) {
        return sql.list("SELECT payload::text FROM events WHERE stream = ? ORDER BY version",
                row -> EventJson.read(row.getString(1), TargetEvent.class), stream);
    }

    /** A row's events, oldest first. */
    public List<TargetRowEvent> loadRow(String rowKey) {
        return load(rowKey).stream().map(TargetRowEvent.class::cast).toList();
    }

    /**
     * The events of every row of a tenant's year and target type (all items), per row in key order, each
     * row's oldest first: one range of index {@code events_by_stream_prefix}, the keys from the plan's prefix
     * up to (not including) the prefix with its last character the next one, compared byte by byte as that
     * index orders them ({@code ~>=~}, {@code ~<~}). No pattern: a LIKE read {@code _} in a tenant id
     * ({@code acme_1}) as any character and gave it the rows of {@code acme-1}. The tenant column is
     * compared too, and every key read is parsed and checked to be of the plan.
     *
     * @throws IllegalStateException when a stream read is not of the plan (never mixed in silently)
     */
    public Map<RowId, List<TargetRowEvent>> loadPlan(String tenantId, int year, String typeId) {
        String prefix = RowKey.planPrefix(tenantId, year, typeId);
        List<String[]> rows = sql.list("""
                        SELECT stream, payload::text FROM events
                        WHERE stream ~>=~ ? AND stream ~<~ ? AND tenant_id = ?
                        ORDER BY stream, version""",
                row -> new String[] {row.getString(1), row.getString(2)}, prefix, afterPrefix(prefix), tenantId);
        Map<RowId, List<TargetRowEvent>> streams = new LinkedHashMap<>();
        for (String[] row : rows) {
            String stream = row[0];
            RowKey key = RowKey.parse(stream);
            TargetRowEvent event = EventJson.read(row[1], TargetRowEvent.class);
            if (!key.tenantId().equals(tenantId) || key.row().year() != year || !key.row().typeId().equals(typeId)
                    || !event.tenantId().equals(tenantId) || !event.key().equals(stream)) {
                throw new IllegalStateException("the events of plan " + prefix + " include stream " + stream
                        + " of tenant " + event.tenantId() + ": refused, never mixed in");
            }
            streams.computeIfAbsent(key.row(), id -> new ArrayList<>()).add(event);
        }
        return streams;
    }

    /** The least string greater than every string that begins with {@code prefix}: its last character the next one. */
    static String afterPrefix(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    /** The append of one event, guarded: a version is appended once, and never before an earlier transaction's. */
    private static final String APPEND = """
            INSERT INTO events (stream, version, tenant_id, event_id, event_type, payload, occurred_at)
            SELECT ?, ?, ?, ?, ?, CAST(? AS json), ?
            WHERE NOT EXISTS (SELECT 1 FROM events WHERE stream = ? AND version = ? - 1
                              AND transaction_id > pg_current_xact_id())
            ON CONFLICT ON CONSTRAINT events_stream_version DO NOTHING""";

    /** {@link #APPEND}, and the row's read model upserted when the event was appended; answers how many were appended. */
    private static final String APPEND_AND_SAVE = "WITH appended AS (" + APPEND + " RETURNING 1), saved AS (" + """
            INSERT INTO target_rows (row_key, tenant_id, year, type_id, level, owner_id, item, group_id,
                period_interval, period_values, currency, locked, version, updated_at, updated_by)
            SELECT ?, ?, ?, ?, ?, ?, CAST(? AS text), CAST(? AS text),
                ?, CAST(? AS numeric[]), CAST(? AS text), ?, ?, ?, ? FROM appended
            ON CONFLICT (row_key) DO UPDATE SET group_id = EXCLUDED.group_id,
                period_interval = EXCLUDED.period_interval, period_values = EXCLUDED.period_values,
                currency = EXCLUDED.currency, locked = EXCLUDED.locked, version = EXCLUDED.version,
                updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
            RETURNING 1)
            SELECT count(*) FROM appended""";

    /** {@link #APPEND}, and the row's read model deleted when the event (a removal) was appended. */
    private static final String APPEND_AND_REMOVE = "WITH appended AS (" + APPEND + " RETURNING 1), removed AS ("
            + "DELETE FROM target_rows WHERE row_key = ? AND EXISTS (SELECT 1 FROM appended) RETURNING 1) "
            + "SELECT count(*) FROM appended";

    /**
     * Appends an event as the given version of its stream (its Kafka key); when the transaction
     * commits, counts the event in {@code events_appended_total{type}} and fires {@link EventsCommitted}. One statement,
     * which also compares the transaction of the stream's previous version with this one.
     *
     * @throws ConcurrentAppend when that version exists already
     * @throws AppendOutOfOrder when the previous version was appended by a later transaction than this one:
     *     the relay would publish this version before it
     */
    public void append(TargetEvent event, long version) {
        appended(event, version, sql.update(APPEND, appendParameters(event, version)));
    }

    /**
     * Appends a row's event, as {@link #append}, and writes the row's read model ({@code target_rows}) as the event
     * left it, in the same statement (one round trip): upserted while the row exists, deleted once removed; written
     * only when the event was appended.
     */
    public void appendRow(TargetRowEvent event, TargetRow after) {
        String key = new RowKey(after.tenantId(), after.id()).format();
        int appended;
        if (after.exists()) {
            TargetValues values = after.current().orElseThrow();
            appended = sql.one(APPEND_AND_SAVE, row -> row.getInt(1), concat(appendParameters(event, event.version()), key, after.tenantId(),
                            after.id().year(), after.id().typeId(), after.id().level().name(), after.id().ownerId(),
                            after.id().item(), values.groupId(), values.interval().name(), Sql.numericArray(values.values()),
                            values.currency(), after.locked(), after.version(), after.updatedAt(), after.updatedBy()));
        } else {
            appended = sql.one(APPEND_AND_REMOVE, row -> row.getInt(1), concat(appendParameters(event, event.version()), key));
        }
        appended(event, event.version(), appended);
    }

    private static Object[] appendParameters(TargetEvent event, long version) {
        return new Object[] {event.key(), version, event.tenantId(), event.eventId(), event.typeName(), EventJson.writeString(event),
            event.occurredAt(), event.key(), version};
    }

    private static Object[] concat(Object[] first, Object... then) {
        Object[] all = Arrays.copyOf(first, first.length + then.length);
        System.arraycopy(then, 0, all, first.length, then.length);
        return all;
    }

    /** After the append's statement: refused when it inserted nothing, else counted and announced at the commit. */
    private void appended(TargetEvent event, long version, int inserted) {
        if (inserted == 0) {
            throw previousAppendedLater(event.key(), version) ? new AppendOutOfOrder(event.key(), version)
                    : new ConcurrentAppend(event.key(), version);
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
                        ofThisTransaction.forEach((type, count) -> registry.counter(APPENDED_METRIC, "type", type).increment(count));
                        committed.fire(new EventsCommitted(ofThisTransaction));
                    }
                }
            });
        }
        appended.merge(event.typeName(), 1, Integer::sum);
    }

    /** Whether the stream's version before {@code version} was appended by a later transaction than this one. */
    private boolean previousAppendedLater(String stream, long version) {
        return sql.first("""
                        SELECT 1 FROM events WHERE stream = ? AND version = ? - 1
                        AND transaction_id > pg_current_xact_id()""", row -> true, stream, version).isPresent();
    }
}
