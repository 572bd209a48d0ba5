package io.salestargets.progress.actuals;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A sale's amount or profit, read once per sale for every owner, dimension and item it counts in: its
 * scale (at least 0), and its unscaled value as a long where one holds it ({@code fixed}), else only the
 * exact {@code value}.
 */
record Figure(BigDecimal value, int scale, long units, boolean fixed) {

    static Figure of(BigDecimal value) {
        BigDecimal atScale = value.scale() < 0 ? value.setScale(0) : value;
        BigInteger unscaled = atScale.unscaledValue();
        boolean fixed = unscaled.bitLength() <= 62;
        return new Figure(atScale, atScale.scale(), fixed ? unscaled.longValue() : 0, fixed);
    }
}
