package io.salestargets.command.store;

import io.salestargets.command.domain.TargetPlan;
import io.salestargets.command.store.TargetPlans.PlanKey;
import io.salestargets.events.targets.Interval;

/**
 * The lock one command takes on its plan (tenant, year, target type), and the whole protocol of it: the
 * plan's rows share one interval, and a caller without Sales Targets Unlimited gives targets to one group.
 *
 * <ul>
 *   <li>A row that exists and keeps its interval and group takes no lock: the rows it agrees with cannot
 *   change their interval while it exists, and its removal conflicts with its own next version.</li>
 *   <li>A row joining the plan (created, or changing its interval) with the plan's interval takes a
 *   <em>shared</em> lock, so that the interval stays while it joins; such commands run side by side.</li>
 *   <li>A row that must fix the plan's interval (the first row, or the only row changing it) takes an
 *   <em>exclusive</em> lock, so that two commands never both see "no other row". A shared lock that finds
 *   another interval is escalated here, in the same transaction ({@link #join}). Two commands that escalate
 *   at once deadlock; PostgreSQL ends one (40P01), which {@code Writes} tries again, and this lock, kept
 *   across the tries, then takes the exclusive lock from the start.</li>
 *   <li>A limited caller creating or moving a row that gives targets to a group takes the exclusive lock
 *   at once ({@link #join} with {@code addsGroup}), so that two commands never both see "no other group".</li>
 *   <li>Bulk planning, which sets many rows of one plan, takes the exclusive lock before its first row.</li>
 * </ul>
 *
 * Not thread-safe: one command's, for all the tries of its transaction.
 */
public final class PlanLock {

    private final TargetPlans plans;
    private final PlanKey plan;
    private boolean exclusive;

    PlanLock(TargetPlans plans, PlanKey plan, boolean exclusive) {
        this.plans = plans;
        this.plan = plan;
        this.exclusive = exclusive;
    }

    public PlanKey plan() {
        return plan;
    }

    /**
     * Locks the plan for a row that joins it with {@code interval} (or, {@code addsGroup}, gives targets to a
     * group the limited caller may not yet): shared, or exclusive where the row must fix the plan's interval or
     * adds a group. Creates the plan with {@code interval} when it has none.
     *
     * @return whether the row fixes the plan's interval: then the caller holds the exclusive lock, checks the
     *     other rows ({@link #others}) and {@link #fixInterval}s
     */
    public boolean join(Interval interval, boolean addsGroup) {
        exclusive |= addsGroup;
        boolean shared = !exclusive;
        Interval current = plans.lock(plan, interval, exclusive);
        if (current != interval && shared) {
            // escalated, and exclusive from the start of any further try
            exclusive = true;
            current = plans.lock(plan, interval, true);
        }
        return current != interval;
    }

    /** What the plan's rows other than {@code rowKey} say: their interval, their groups. */
    public TargetPlan others(String rowKey) {
        return plans.othersThan(plan, rowKey);
    }

    /** Fixes the plan's interval, under the exclusive lock {@link #join} took, once no other row disagrees. */
    public void fixInterval(Interval interval) {
        if (!exclusive) {
            throw new IllegalStateException("the interval of " + plan + " is fixed under the exclusive lock only");
        }
        plans.fixInterval(plan, interval);
    }
}
