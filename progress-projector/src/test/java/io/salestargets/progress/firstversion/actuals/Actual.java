package io.salestargets.progress.firstversion.actuals;

import io.salestargets.events.targets.Unit;
import java.math.BigDecimal;

/** What some won sales add up to: their amount, their profit and how many they are. Exact decimals. */
public record Actual(BigDecimal amount, BigDecimal profit, long count) {

    public static final Actual NONE = new Actual(BigDecimal.ZERO, BigDecimal.ZERO, 0);

    public Actual plus(Actual other) {
        return new Actual(amount.add(other.amount), profit.add(other.profit), count + other.count);
    }

    public Actual negate() {
        return new Actual(amount.negate(), profit.negate(), -count);
    }

    public boolean isNone() {
        return count == 0 && amount.signum() == 0 && profit.signum() == 0;
    }

    /** The actual in a target type's unit: the amount, the profit, or the number of won sales. */
    public BigDecimal in(Unit unit) {
        return switch (unit) {
            case AMOUNT -> amount;
            case PROFIT -> profit;
            case COUNT -> BigDecimal.valueOf(count);
        };
    }
}
