package io.salestargets.progress.actuals;

import io.salestargets.events.target.Unit;
import java.math.BigDecimal;

/** What the won sales of one owner, dimension, item and day add up to. Exact decimals. */
public record DayActual(BigDecimal amount, BigDecimal profit, long count) {

    public static final DayActual NONE = new DayActual(BigDecimal.ZERO, BigDecimal.ZERO, 0);

    public DayActual plus(ActualsDelta delta) {
        return new DayActual(amount.add(delta.amount()), profit.add(delta.profit()), count + delta.count());
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
