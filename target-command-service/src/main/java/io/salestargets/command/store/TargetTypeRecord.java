package io.salestargets.command.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.salestargets.events.targets.TargetType;
import io.salestargets.events.targets.TargetTypeAdded;
import io.salestargets.events.targets.Unit;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The read model of a target type a tenant added (table {@code target_types}). */
@Entity
@Table(name = "target_types")
@IdClass(TargetTypeRecord.Key.class)
public class TargetTypeRecord extends PanacheEntityBase {

    /** The primary key: tenant and type id. */
    public record Key(String tenantId, String typeId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "tenant_id")
    public String tenantId;
    @Id
    @Column(name = "type_id")
    public String typeId;
    public String name;
    public String dimension;
    @Enumerated(EnumType.STRING)
    public Unit unit;
    @Column(name = "added_at")
    public Instant addedAt;
    @Column(name = "added_by")
    public String addedBy;

    public TargetType type() {
        return new TargetType(typeId, name, dimension, unit);
    }

    public static void save(TargetTypeAdded added) {
        TargetTypeRecord record = new TargetTypeRecord();
        record.tenantId = added.tenantId();
        record.typeId = added.targetType().id();
        record.name = added.targetType().name();
        record.dimension = added.targetType().dimension();
        record.unit = added.targetType().unit();
        record.addedAt = added.occurredAt();
        record.addedBy = added.actor();
        record.persist();
    }

    /** The tenant's types: the built-in one first, then the added ones by name. */
    public static List<TargetType> typesOf(String tenantId) {
        List<TargetType> types = new ArrayList<>();
        types.add(TargetType.ALL_SALES_AMOUNT);
        TargetTypeRecord.<TargetTypeRecord>list("tenantId = ?1 order by name, typeId", tenantId)
                .forEach(record -> types.add(record.type()));
        return types;
    }

    public static Optional<TargetType> typeOf(String tenantId, String typeId) {
        if (TargetType.ALL_SALES_AMOUNT.id().equals(typeId)) {
            return Optional.of(TargetType.ALL_SALES_AMOUNT);
        }
        return TargetTypeRecord.<TargetTypeRecord>findByIdOptional(new Key(tenantId, typeId)).map(TargetTypeRecord::type);
    }
}
