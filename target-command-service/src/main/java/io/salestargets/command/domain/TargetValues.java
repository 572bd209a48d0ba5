package io.salestargets.command.domain;

import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.TargetSet;
import java.math.BigDecimal;
import java.util.List;

/**
 * What an existing row holds, as its last {@code TargetSet} left it: the user's group (user rows),
 * the interval, one value per period and the currency (company and group rows).
 */
public record TargetValues(String groupId, Interval interval, List<BigDecimal> values, String currency) {

    public TargetValues {
        values = List.copyOf(values);
    }

    public static TargetValues of(TargetSet set) {
        return new TargetValues(set.groupId(), set.interval(), set.values(), set.currency());
    }

    /** Sum of the values. */
    public BigDecimal total() {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
