package io.salestargets.progress.targets;

import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.Measure;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.TargetLocked;
import io.salestargets.events.targets.TargetRemoved;
import io.salestargets.events.targets.TargetRowEvent;
import io.salestargets.events.targets.TargetSet;
import io.salestargets.events.targets.TargetUnlocked;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the projector holds of a target row: its values, measure and lock, as of the newest event
 * it has applied ({@code version}).
 */
public record TargetRowState(
        String tenantId,
        RowId row,
        Measure measure,
        String groupId,
        Interval interval,
        List<BigDecimal> values,
        String currency,
        boolean locked,
        long version,
        Instant updatedAt,
        String updatedBy) {

    /** The row's targets as its newest event left them. */
    public TargetRevision revision() {
        return new TargetRevision(version, updatedAt, interval, values, locked);
    }

    /**
     * The state after an event, given the state held before it (null when none). Events whose version
     * is not newer than the held one are duplicates after a crash: the held state stays. Returns null
     * when the row is gone (removed, or never set).
     */
    public static TargetRowState apply(TargetRowState held, TargetRowEvent event) {
        if (held != null && event.version() <= held.version()) {
            return held;
        }
        if (event instanceof TargetSet set) {
            return new TargetRowState(set.tenantId(), set.target(), set.targetType(), set.groupId(), set.interval(),
                    set.values(), set.currency(), held != null && held.locked(), set.version(), set.occurredAt(), set.actor());
        }
        if (event instanceof TargetRemoved) {
            return null;
        }
        if (held == null) {
            // a lock or unlock of a row this projector never saw set: nothing to show
            return null;
        }
        boolean locked = event instanceof TargetLocked || (held.locked() && !(event instanceof TargetUnlocked));
        return new TargetRowState(held.tenantId(), held.row(), held.measure(), held.groupId(), held.interval(),
                held.values(), held.currency(), locked, event.version(), event.occurredAt(), event.actor());
    }
}
