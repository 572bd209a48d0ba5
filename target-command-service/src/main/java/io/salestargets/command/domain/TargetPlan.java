package io.salestargets.command.domain;

import static io.salestargets.command.domain.CommandRefused.Reason.INTERVAL_MISMATCH;
import static io.salestargets.command.domain.CommandRefused.Reason.LICENSE_REQUIRED;

import io.salestargets.events.access.Caller;
import io.salestargets.events.targets.Interval;
import java.util.Set;
import java.util.TreeSet;

/**
 * The other rows of one tenant, year and target type (all items), as far as a row being set must
 * agree with them: they share one interval, and without Sales Targets Unlimited they give targets to
 * one group only.
 *
 * @param interval the interval of the other rows, null when there are none
 * @param groups   groups the other rows give targets to (group rows' owners, user rows' groups): none when
 *                 they give targets to none, one when they all give targets to that one, else at least two
 */
public record TargetPlan(Interval interval, Set<String> groups) {

    public TargetPlan {
        groups = Set.copyOf(groups);
    }

    public static TargetPlan empty() {
        return new TargetPlan(null, Set.of());
    }

    public void checkInterval(Interval requested) {
        if (interval != null && interval != requested) {
            throw new CommandRefused(INTERVAL_MISMATCH, "The targets of this year and type are set per " + interval
                    + "; this row cannot be set per " + requested);
        }
    }

    /** {@code group}: the group the row gives targets to, null for the company row. */
    public void checkGroupLimit(Caller caller, String group) {
        if (group == null || caller.hasLicense(Caller.SALES_TARGETS_UNLIMITED)) {
            return;
        }
        if (!groups.isEmpty() && !groups.equals(Set.of(group))) {
            throw new CommandRefused(LICENSE_REQUIRED, "Targets for more than one group per year and type need the "
                    + Caller.SALES_TARGETS_UNLIMITED + " licence; this year and type already has targets for "
                    + (groups.size() == 1 ? "group " : "several groups, e.g. ") + String.join(" and ", new TreeSet<>(groups)));
        }
    }
}
