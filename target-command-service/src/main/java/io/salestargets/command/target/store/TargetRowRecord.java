package io.salestargets.command.target.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.salestargets.command.target.domain.TargetRow;
import io.salestargets.events.target.Interval;
import io.salestargets.events.target.Level;
import io.salestargets.events.target.RowId;
import io.salestargets.events.target.RowKey;
import io.salestargets.events.target.TargetSet;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
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

    /** Writes a row's state after an event: updated while it exists, deleted once removed. */
    public static void save(TargetRow row) {
        String key = new RowKey(row.tenantId(), row.id()).format();
        TargetRowRecord record = findById(key);
        if (!row.exists()) {
            if (record != null) {
                record.delete();
            }
            return;
        }
        if (record == null) {
            record = new TargetRowRecord();
            record.rowKey = key;
        }
        TargetSet set = row.current().orElseThrow();
        record.tenantId = row.tenantId();
        record.year = row.id().year();
        record.typeId = row.id().typeId();
        record.level = row.id().level();
        record.ownerId = row.id().ownerId();
        record.item = row.id().item();
        record.groupId = set.groupId();
        record.interval = set.interval();
        record.values = set.values().toArray(BigDecimal[]::new);
        record.currency = set.currency();
        record.locked = row.locked();
        record.version = row.version();
        record.updatedAt = row.updatedAt();
        record.updatedBy = row.updatedBy();
        record.persist();
    }

    /** Every row of a tenant, year and target type, of every list item. */
    public static List<TargetRowRecord> ofPlan(String tenantId, int year, String typeId) {
        return list("tenantId = ?1 and year = ?2 and typeId = ?3", tenantId, year, typeId);
    }

    /** The rows of a tenant, year, target type and list item (null for types whose dimension is all). */
    public static List<TargetRowRecord> ofDialog(String tenantId, int year, String typeId, String item) {
        return item == null
                ? list("tenantId = ?1 and year = ?2 and typeId = ?3 and item is null", tenantId, year, typeId)
                : list("tenantId = ?1 and year = ?2 and typeId = ?3 and item = ?4", tenantId, year, typeId, item);
    }
}
