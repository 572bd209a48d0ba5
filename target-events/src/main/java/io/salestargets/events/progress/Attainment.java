package io.salestargets.events.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Attainment = actual / target, half-even to 4 decimals; none when there is no target or it is 0. */
public final class Attainment {

    public static final int SCALE = 4;

    private Attainment() {
    }

    public static BigDecimal of(BigDecimal actual, BigDecimal target) {
        if (target == null || target.signum() == 0) {
            return null;
        }
        return actual.divide(target, SCALE, RoundingMode.HALF_EVEN);
    }
}
