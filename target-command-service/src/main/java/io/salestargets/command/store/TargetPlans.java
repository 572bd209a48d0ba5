package io.salestargets.command.store;

import io.salestargets.command.domain.TargetPlan;
import io.salestargets.events.targets.Interval;
import jakarta.enterprise.context.ApplicationScoped;
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

    private final Sql sql;

    public TargetPlans(Sql sql) {
        this.sql = sql;
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
            List<String> locked = sql.list("""
                            SELECT coalesce(period_interval, '') FROM target_plans
                            WHERE tenant_id = ? AND year = ? AND type_id = ?"""
                            + (exclusive ? " FOR NO KEY UPDATE" : " FOR SHARE"),
                    row -> row.getString(1), plan.tenantId(), plan.year(), plan.typeId());
            if (!locked.isEmpty()) {
                return locked.get(0).isEmpty() ? null : Interval.valueOf(locked.get(0));
            }
            if (attempt > 0) {
                throw new IllegalStateException("the plan " + plan + " was created but cannot be read");
            }
            // a new plan: the row that creates it fixes its interval; a concurrent creator waits for this one's commit
            int created = sql.update("""
                            INSERT INTO target_plans (tenant_id, year, type_id, period_interval)
                            VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                    plan.tenantId(), plan.year(), plan.typeId(), interval.name());
            if (created == 1) {
                return interval;
            }
        }
    }

    /** Fixes the plan's interval; the caller holds the exclusive lock and checked that no other row disagrees. */
    void fixInterval(PlanKey plan, Interval interval) {
        sql.update("UPDATE target_plans SET period_interval = ? WHERE tenant_id = ? AND year = ? AND type_id = ?",
                interval.name(), plan.tenantId(), plan.year(), plan.typeId());
    }

    /**
     * What the plan's rows other than {@code rowKey} say (all items): the interval of one of them
     * (they share it), and the least and the greatest group they give targets to: one group when the
     * two are equal.
     */
    public TargetPlan othersThan(PlanKey plan, String rowKey) {
        return sql.one("""
                        SELECT (SELECT period_interval FROM target_rows
                                WHERE tenant_id = ? AND year = ? AND type_id = ? AND row_key <> ? LIMIT 1),
                               (SELECT target_group FROM target_rows
                                WHERE tenant_id = ? AND year = ? AND type_id = ? AND row_key <> ?
                                  AND target_group IS NOT NULL ORDER BY target_group LIMIT 1),
                               (SELECT target_group FROM target_rows
                                WHERE tenant_id = ? AND year = ? AND type_id = ? AND row_key <> ?
                                  AND target_group IS NOT NULL ORDER BY target_group DESC LIMIT 1)""",
                row -> {
                    Set<String> groups = new HashSet<>();
                    for (int column = 2; column <= 3; column++) {
                        if (row.getString(column) != null) {
                            groups.add(row.getString(column));
                        }
                    }
                    return new TargetPlan(row.getString(1) == null ? null : Interval.valueOf(row.getString(1)), groups);
                }, plan.tenantId(), plan.year(), plan.typeId(), rowKey, plan.tenantId(), plan.year(), plan.typeId(), rowKey,
                plan.tenantId(), plan.year(), plan.typeId(), rowKey);
    }
}
