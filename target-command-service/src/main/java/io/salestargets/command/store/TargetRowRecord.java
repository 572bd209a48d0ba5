package io.salestargets.command.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.salestargets.command.domain.TargetRow;
import io.salestargets.command.domain.TargetValues;
import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.RowKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The read model of one existing target row (table {@code target_rows}). */
@Entity
@Table(name = "target_rows")
public class TargetRowRecord extends PanacheEntityBase {

    @Id
    @Column(name = "row_key")
    public String rowKey;
    @Column(name = "tenant_id")
    public String tenantId;
    public int year;
    @Column(name = "type_id")
    public String typeId;
    @Enumerated(EnumType.STRING)
    public Level level;
    @Column(name = "owner_id")
    public String ownerId;
    public String item;
    @Column(name = "group_id")
    public String groupId;
    @Enumerated(EnumType.STRING)
    @Column(name = "period_interval")
    public Interval interval;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "period_values", columnDefinition = "numeric[]")
    public BigDecimal[] values;
    public String currency;
    public boolean locked;
    public long version;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;

    public RowId row() {
        return new RowId(year, typeId, level, ownerId, item);
    }

    public List<BigDecimal> valueList() {
        return List.of(values);
    }

    private static List<BigDecimal> decimals(String array) {
        String inner = array.substring(1, array.length() - 1);
        return inner.isEmpty() ? List.of() : Arrays.stream(inner.split(",")).map(BigDecimal::new).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp " + value);
    }

    /**
     * The row as the read model holds it after its last event: one indexed statement. A row that does
     * not exist (never set, or removed) has no record; then its version is that of its last event. Whether
     * it was ever unlocked without a reason comes from its events (index {@code events_unlocked_without_reason}).
     */
    public static TargetRow load(String tenantId, RowId id) {
        Object[] stored = (Object[]) getEntityManager().createNativeQuery("""
                        SELECT r.group_id, r.period_interval, r.period_values::text, r.currency, r.locked, r.version,
                               r.updated_at, r.updated_by,
                               CASE WHEN r.row_key IS NULL THEN (SELECT max(e.version) FROM events e WHERE e.stream = k.row_key) END,
                               EXISTS (SELECT 1 FROM events e WHERE e.stream = k.row_key AND e.event_type = 'TargetUnlocked'
                                       AND COALESCE(e.payload ->> 'reason', '') = '')
                        FROM (SELECT CAST(:row AS text) AS row_key) k LEFT JOIN target_rows r ON r.row_key = k.row_key""")
                .setParameter("row", new RowKey(tenantId, id).format())
                .getSingleResult();
        if (stored[1] == null) {
            return TargetRow.restore(tenantId, id, stored[8] == null ? 0 : ((Number) stored[8]).longValue(), null, false, null, null,
                    (Boolean) stored[9]);
        }
        TargetValues values = new TargetValues((String) stored[0], Interval.valueOf((String) stored[1]),
                decimals((String) stored[2]), (String) stored[3]);
        return TargetRow.restore(tenantId, id, ((Number) stored[5]).longValue(), values, (Boolean) stored[4],
                instant(stored[6]), (String) stored[7], (Boolean) stored[9]);
    }

    /** Writes a row's state after an event, one statement: upserted while it exists, deleted once removed. */
    public static void save(TargetRow row) {
        String key = new RowKey(row.tenantId(), row.id()).format();
        if (!row.exists()) {
            getEntityManager().createNativeQuery("DELETE FROM target_rows WHERE row_key = :row")
                    .setParameter("row", key).executeUpdate();
            return;
        }
        TargetValues values = row.current().orElseThrow();
        getEntityManager().createNativeQuery("""
                        INSERT INTO target_rows (row_key, tenant_id, year, type_id, level, owner_id, item, group_id,
                            period_interval, period_values, currency, locked, version, updated_at, updated_by)
                        VALUES (:row, :tenant, :year, :type, :level, :owner, CAST(:item AS text), CAST(:group AS text),
                            :interval, CAST(:values AS numeric[]), CAST(:currency AS text), :locked, :version, :updatedAt, :updatedBy)
                        ON CONFLICT (row_key) DO UPDATE SET group_id = EXCLUDED.group_id,
                            period_interval = EXCLUDED.period_interval, period_values = EXCLUDED.period_values,
                            currency = EXCLUDED.currency, locked = EXCLUDED.locked, version = EXCLUDED.version,
                            updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
                .setParameter("row", key)
                .setParameter("tenant", row.tenantId())
                .setParameter("year", row.id().year())
                .setParameter("type", row.id().typeId())
                .setParameter("level", row.id().level().name())
                .setParameter("owner", row.id().ownerId())
                .setParameter("item", row.id().item())
                .setParameter("group", values.groupId())
                .setParameter("interval", values.interval().name())
                .setParameter("values", values.values().stream().map(BigDecimal::toPlainString)
                        .collect(Collectors.joining(",", "{", "}")))
                .setParameter("currency", values.currency())
                .setParameter("locked", row.locked())
                .setParameter("version", row.version())
                .setParameter("updatedAt", Timestamp.from(row.updatedAt()))
                .setParameter("updatedBy", row.updatedBy())
                .executeUpdate();
    }

    /** The interval of a tenant's rows of a year and target type (all items share it); empty when there are none. */
    public static Optional<Interval> intervalOfPlan(String tenantId, int year, String typeId) {
        return TargetRowRecord.<TargetRowRecord>find("tenantId = ?1 and year = ?2 and typeId = ?3", tenantId, year, typeId)
                .firstResultOptional().map(record -> record.interval);
    }

    /** The rows of a tenant, year, target type and list item (null for types whose dimension is all). */
    public static List<TargetRowRecord> ofDialog(String tenantId, int year, String typeId, String item) {
        return item == null
                ? list("tenantId = ?1 and year = ?2 and typeId = ?3 and item is null", tenantId, year, typeId)
                : list("tenantId = ?1 and year = ?2 and typeId = ?3 and item = ?4", tenantId, year, typeId, item);
    }
}
