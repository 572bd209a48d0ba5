package io.salestargets.command.store;

import io.salestargets.events.targets.TargetType;
import io.salestargets.events.targets.TargetTypeAdded;
import io.salestargets.events.targets.Unit;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The read model of the target types the tenants added (table {@code target_types}); the built-in one is not stored. */
@ApplicationScoped
public class TargetTypeStore {

    /** SQLSTATE class 23: an integrity constraint refused the write. */
    private static final String INTEGRITY_CONSTRAINT = "23";

    private static final String SELECT = "SELECT type_id, name, dimension, unit FROM target_types WHERE tenant_id = ?";
    private static final Sql.Row<TargetType> TYPE =
            row -> new TargetType(row.getString(1), row.getString(2), row.getString(3), Unit.valueOf(row.getString(4)));

    private final Sql sql;

    public TargetTypeStore(Sql sql) {
        this.sql = sql;
    }

    /**
     * Stores an added type, in the transaction of its event.
     *
     * @throws ConcurrentAppend when another type with the same id or measure committed meanwhile: the next try of
     *     the command says so
     */
    public void add(TargetTypeAdded added) {
        TargetType type = added.targetType();
        try {
            sql.update("""
                            INSERT INTO target_types (tenant_id, type_id, name, dimension, unit, added_at, added_by)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    added.tenantId(), type.id(), type.name(), type.dimension(), type.unit().name(), added.occurredAt(), added.actor());
        } catch (Sql.DatabaseException e) {
            if (e.sqlState() == null || !e.sqlState().startsWith(INTEGRITY_CONSTRAINT)) {
                // no conflict: trying it again 30 times would end in a 412 that hides the failure
                throw e;
            }
            throw new ConcurrentAppend(added.key(), 1);
        }
    }

    /** The tenant's types: the built-in one first, then the added ones by name. */
    public List<TargetType> typesOf(String tenantId) {
        List<TargetType> types = new ArrayList<>();
        types.add(TargetType.ALL_SALES_AMOUNT);
        types.addAll(sql.list(SELECT + " ORDER BY name, type_id", TYPE, tenantId));
        return types;
    }

    public Optional<TargetType> typeOf(String tenantId, String typeId) {
        if (TargetType.ALL_SALES_AMOUNT.id().equals(typeId)) {
            return Optional.of(TargetType.ALL_SALES_AMOUNT);
        }
        return sql.first(SELECT + " AND type_id = ?", TYPE, tenantId, typeId);
    }
}
