package io.salestargets.progress.targets;

import io.salestargets.events.targets.Interval;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A row's targets as one event left them: the values per period and the lock, or none when the event
 * removed the row ({@link #removed}).
 *
 * @param version    the event's version
 * @param occurredAt when the event occurred
 */
public record TargetRevision(long version, Instant occurredAt, Interval interval, List<BigDecimal> values, boolean locked) {

    public TargetRevision {
        values = values == null ? null : List.copyOf(values);
    }

    /** The revision of an event that removed the row. */
    public static TargetRevision removed(long version, Instant occurredAt) {
        return new TargetRevision(version, occurredAt, null, null, false);
    }

    public boolean removed() {
        return values == null;
    }

    /** The year's target: the sum of the periods' values. */
    public BigDecimal total() {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Whether both leave the same targets: removed alike, or the same interval, values (however written) and lock. */
    public boolean sameTargets(TargetRevision other) {
        if (removed() || other.removed()) {
            return removed() == other.removed();
        }
        if (interval != other.interval || locked != other.locked || values.size() != other.values.size()) {
            return false;
        }
        for (int period = 0; period < values.size(); period++) {
            if (values.get(period).compareTo(other.values.get(period)) != 0) {
                return false;
            }
        }
        return true;
    }
}
