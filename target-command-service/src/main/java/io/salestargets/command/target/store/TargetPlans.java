package io.salestargets.command.target.store;

import io.salestargets.command.target.domain.TargetPlan;
import io.salestargets.events.target.Interval;
import io.salestargets.events.target.Level;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.HashSet;
import java.util.Set;

/**
 * The rows of one tenant, year and target type, read under a lock on their {@code target_plans}
 * row, so that two commands never both see "no other row" and choose different intervals or groups.
 * A command that only changes values takes a shared lock (such commands run side by side); one
 * that creates a row, or moves it to another interval or group, takes an exclusive one.
 */
@ApplicationScoped
public class TargetPlans {

    private final EntityManager entityManager;

    public TargetPlans(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Locks the plan and returns what its rows other than {@code rowKey} say. */
    public TargetPlan lockExcept(String tenantId, int year, String typeId, String rowKey, boolean exclusive) {
        entityManager.createNativeQuery("""
                        INSERT INTO target_plans (tenant_id, year, type_id) VALUES (:tenant, :year, :type)
                        ON CONFLICT DO NOTHING""")
                .setParameter("tenant", tenantId).setParameter("year", year).setParameter("type", typeId)
                .executeUpdate();
        entityManager.createNativeQuery("SELECT 1 FROM target_plans WHERE tenant_id = :tenant AND year = :year AND type_id = :type"
                        + (exclusive ? " FOR UPDATE" : " FOR SHARE"))
                .setParameter("tenant", tenantId).setParameter("year", year).setParameter("type", typeId)
                .getSingleResult();
        Interval interval = null;
        Set<String> groups = new HashSet<>();
        for (TargetRowRecord other : TargetRowRecord.ofPlan(tenantId, year, typeId)) {
            if (other.rowKey.equals(rowKey)) {
                continue;
            }
            interval = other.interval;
            if (other.level == Level.GROUP) {
                groups.add(other.ownerId);
            } else if (other.level == Level.USER) {
                groups.add(other.groupId);
            }
        }
        return new TargetPlan(interval, groups);
    }
}
