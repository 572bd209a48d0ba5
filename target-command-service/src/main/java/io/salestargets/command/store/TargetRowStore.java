package io.salestargets.command.store;

import io.salestargets.command.domain.TargetRow;
import io.salestargets.command.domain.TargetValues;
import io.salestargets.command.domain.TenantSettings;
import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.RowKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The read model of the existing target rows (table {@code target_rows}): each row's state after its last
 * event, written with the event, in one statement ({@link EventStore#appendRow}). Every method is one indexed
 * statement.
 */
@ApplicationScoped
public class TargetRowStore {

    /** A record's columns, as {@link #restore} reads them (1 to 8). */
    private static final String COLUMNS = """
            r.group_id, r.period_interval, r.period_values::text, r.currency, r.locked, r.version, r.updated_at, r.updated_by""";
    /** Whether the row of {@code %s} was ever unlocked without a reason (index {@code events_unlocked_without_reason}). */
    private static final String UNLOCKED_WITHOUT_REASON = """
            EXISTS (SELECT 1 FROM events e WHERE e.stream = %s AND e.event_type = 'TargetUnlocked'
                    AND COALESCE(e.payload ->> 'reason', '') = '')""";
    private static final String LOAD = """
            SELECT %s,
                   CASE WHEN r.row_key IS NULL THEN (SELECT max(e.version) FROM events e WHERE e.stream = k.row_key) END,
                   %s,
                   (SELECT s.reason_required_after_unlock FROM tenant_settings s WHERE s.tenant_id = ?)
            FROM (SELECT CAST(? AS text) AS row_key) k LEFT JOIN target_rows r ON r.row_key = k.row_key"""
            .formatted(COLUMNS, UNLOCKED_WITHOUT_REASON.formatted("k.row_key"));
    private static final String DIALOG = """
            SELECT %s, r.level, r.owner_id, %s
            FROM target_rows r WHERE r.tenant_id = ? AND r.year = ? AND r.type_id = ? AND\s"""
            .formatted(COLUMNS, UNLOCKED_WITHOUT_REASON.formatted("r.row_key"));

    private final Sql sql;

    public TargetRowStore(Sql sql) {
        this.sql = sql;
    }

    /** A row and the settings of its tenant that the rules of its commands take. */
    public record RowAndSettings(TargetRow row, TenantSettings settings) {
    }

    /** The row as the read model holds it after its last event: see {@link #loadWithSettings}. */
    public TargetRow load(String tenantId, RowId id) {
        return loadWithSettings(tenantId, id).row();
    }

    /**
     * The row as the read model holds it after its last event, and its tenant's settings: one statement of
     * index probes (a command's only read). A row that does not exist (never set, or removed) has no record; then
     * its version is that of its last event. A tenant without settings has {@link TenantSettings#DEFAULTS}.
     */
    public RowAndSettings loadWithSettings(String tenantId, RowId id) {
        return sql.one(LOAD, row -> {
            TargetRow loaded = row.getString(2) == null
                    ? TargetRow.restore(tenantId, id, row.getLong(9), null, false, null, null, row.getBoolean(10))
                    : restore(tenantId, id, row, row.getBoolean(10));
            boolean reasonRequired = row.getBoolean(11);
            return new RowAndSettings(loaded, row.wasNull() ? TenantSettings.DEFAULTS : new TenantSettings(reasonRequired));
        }, tenantId, new RowKey(tenantId, id).format());
    }

    /** The interval of a tenant's rows of a year and target type (all items share it); empty when there are none. */
    public Optional<Interval> intervalOfPlan(String tenantId, int year, String typeId) {
        return sql.first("SELECT period_interval FROM target_rows WHERE tenant_id = ? AND year = ? AND type_id = ?",
                row -> Interval.valueOf(row.getString(1)), tenantId, year, typeId);
    }

    /** The existing rows of a tenant, year, target type and list item (null for types whose dimension is all). */
    public List<TargetRow> ofDialog(String tenantId, int year, String typeId, String item) {
        Sql.Row<TargetRow> dialogRow = row -> restore(tenantId,
                new RowId(year, typeId, Level.valueOf(row.getString(9)), row.getString(10), item), row, row.getBoolean(11));
        return item == null ? sql.list(DIALOG + "r.item IS NULL", dialogRow, tenantId, year, typeId)
                : sql.list(DIALOG + "r.item = ?", dialogRow, tenantId, year, typeId, item);
    }

    /** A row from the {@link #COLUMNS} of a record. */
    private static TargetRow restore(String tenantId, RowId id, ResultSet row, boolean unlockedWithoutReason) throws SQLException {
        TargetValues values = new TargetValues(row.getString(1), Interval.valueOf(row.getString(2)), decimals(row.getString(3)),
                row.getString(4));
        return TargetRow.restore(tenantId, id, row.getLong(6), values, row.getBoolean(5), Sql.instant(row, 7), row.getString(8),
                unlockedWithoutReason);
    }

    private static List<BigDecimal> decimals(String array) {
        String inner = array.substring(1, array.length() - 1);
        return inner.isEmpty() ? List.of() : Arrays.stream(inner.split(",")).map(BigDecimal::new).toList();
    }
}
