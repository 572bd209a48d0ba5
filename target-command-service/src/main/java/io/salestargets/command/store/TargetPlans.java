package io.salestargets.command.store;

import io.salestargets.command.domain.TargetPlan;
import io.salestargets.events.targets.Interval;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The plans: one {@code target_plans} row per tenant, year and target type that has targets, holding
 * the interval all the plan's rows share. Every method is one or two indexed statements, however many
 * rows the plan has.
 *
 * <p>How a command locks its plan is {@link PlanLock}'s to say.
 */
@ApplicationScoped
public class TargetPlans {

    /** A plan: tenant, year and target type. */
    public record PlanKey(String tenantId, int year, String typeId) {
    }

    private final EntityManager entityManager;

    public TargetPlans(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The lock of one command on {@code plan}; {@code exclusive}: from its first statement on. */
    public PlanLock lockOf(PlanKey plan, boolean exclusive) {
        return new PlanLock(this, plan, exclusive);
    }

    /**
     * Locks the plan, shared or {@code exclusive}, creating it (with {@code interval}) when it has none, and
     * returns the plan's interval under the lock: {@link PlanLock} says when each is taken.
     */
    Interval lock(PlanKey plan, Interval interval, boolean exclusive) {
        for (int attempt = 0; ; attempt++) {
            @SuppressWarnings("unchecked")
            List<String> locked = entityManager.createNativeQuery("""
                            SELECT coalesce(period_interval, '') FROM target_plans
                            WHERE tenant_id = :tenant AND year = :year AND type_id = :type"""
                            + (exclusive ? " FOR NO KEY UPDATE" : " FOR SHARE"))
                    .setParameter("tenant", plan.tenantId()).setParameter("year", plan.year()).setParameter("type", plan.typeId())
                    .getResultList();
            if (!locked.isEmpty()) {
                return locked.get(0).isEmpty() ? null : Interval.valueOf(locked.get(0));
            }
            if (attempt > 0) {
                throw new IllegalStateException("the plan " + plan + " was created but cannot be read");
            }
            // a new plan: the row that creates it fixes its interval; a concurrent creator waits for this one's commit
            int created = entityManager.createNativeQuery("""
                            INSERT INTO target_plans (tenant_id, year, type_id, period_interval)
                            VALUES (:tenant, :year, :type, :interval) ON CONFLICT DO NOTHING""")
                    .setParameter("tenant", plan.tenantId()).setParameter("year", plan.year()).setParameter("type", plan.typeId())
                    .setParameter("interval", interval.name())
                    .executeUpdate();
            if (created == 1) {
                return interval;
            }
        }
    }

    /** Fixes the plan's interval; the caller holds the exclusive lock and checked that no other row disagrees. */
    void fixInterval(PlanKey plan, Interval interval) {
        entityManager.createNativeQuery("""
                        UPDATE target_plans SET period_interval = :interval
                        WHERE tenant_id = :tenant AND year = :year AND type_id = :type""")
                .setParameter("tenant", plan.tenantId()).setParameter("year", plan.year()).setParameter("type", plan.typeId())
                .setParameter("interval", interval.name())
                .executeUpdate();
    }

    /**
     * What the plan's rows other than {@code rowKey} say (all items): the interval of one of them
     * (they share it), and the least and the greatest group they give targets to: one group when the
     * two are equal.
     */
    public TargetPlan othersThan(PlanKey plan, String rowKey) {
        Object[] others = (Object[]) entityManager.createNativeQuery("""
                        SELECT (SELECT period_interval FROM target_rows
                                WHERE tenant_id = :tenant AND year = :year AND type_id = :type AND row_key <> :row LIMIT 1),
                               (SELECT target_group FROM target_rows
                                WHERE tenant_id = :tenant AND year = :year AND type_id = :type AND row_key <> :row
                                  AND target_group IS NOT NULL ORDER BY target_group LIMIT 1),
                               (SELECT target_group FROM target_rows
                                WHERE tenant_id = :tenant AND year = :year AND type_id = :type AND row_key <> :row
                                  AND target_group IS NOT NULL ORDER BY target_group DESC LIMIT 1)""")
                .setParameter("tenant", plan.tenantId()).setParameter("year", plan.year()).setParameter("type", plan.typeId())
                .setParameter("row", rowKey)
                .getSingleResult();
        Set<String> groups = new HashSet<>();
        for (int i = 1; i <= 2; i++) {
            if (others[i] != null) {
                groups.add((String) others[i]);
            }
        }
        return new TargetPlan(others[0] == null ? null : Interval.valueOf((String) others[0]), groups);
    }
}
