package io.salestargets.command.target.store;

import io.salestargets.command.target.domain.TargetPlan;
import io.salestargets.events.target.Interval;
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
 * <p>A command locks the plan only when the row changes the plan's shape: a row joining the plan
 * (created, or changing its interval) takes a shared lock, so that the plan's interval stays while it
 * joins (such commands run side by side); fixing the plan's interval (the first row, or the only row
 * changing it) and, for a caller without Sales Targets Unlimited, creating or moving a row that gives
 * targets to a group take an exclusive one, so that two commands never both see "no other row" or
 * "no other group". A row that exists and keeps its interval needs no lock: the rows it agrees with
 * cannot change their interval while it exists, and its removal conflicts with its own next version.
 */
@ApplicationScoped
public class TargetPlans {

    /** A plan: tenant, year and target type. */
    public record PlanKey(String tenantId, int year, String typeId) {
    }

    /**
     * The plan's interval is not the row's, found under a shared lock: the command is tried again
     * with an exclusive one (to fix the interval, or to refuse the row when other rows hold theirs).
     */
    public static class IntervalToFix extends RuntimeException {
        IntervalToFix() {
            super("the plan's interval is to be fixed under an exclusive lock", null, false, false);
        }
    }

    private final EntityManager entityManager;

    public TargetPlans(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Locks the plan, creating it (with {@code interval}) when it has none, and returns the plan's interval.
     *
     * @throws IntervalToFix when the lock is shared and the plan's interval is not {@code interval}
     */
    public Interval lock(PlanKey plan, Interval interval, boolean exclusive) {
        for (int attempt = 0; ; attempt++) {
            @SuppressWarnings("unchecked")
            List<String> locked = entityManager.createNativeQuery("""
                            SELECT coalesce(period_interval, '') FROM target_plans
                            WHERE tenant_id = :tenant AND year = :year AND type_id = :type"""
                            + (exclusive ? " FOR NO KEY UPDATE" : " FOR SHARE"))
                    .setParameter("tenant", plan.tenantId()).setParameter("year", plan.year()).setParameter("type", plan.typeId())
                    .getResultList();
            if (!locked.isEmpty()) {
                Interval current = locked.get(0).isEmpty() ? null : Interval.valueOf(locked.get(0));
                if (!exclusive && current != interval) {
                    throw new IntervalToFix();
                }
                return current;
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
    public void fixInterval(PlanKey plan, Interval interval) {
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
