package io.salestargets.progress.actuals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * One figure (amount or profit) of an {@link OwnerActuals}, per day slot and per month: exact decimals
 * kept as fixed-point longs of one scale (the largest scale added so far), and as {@link BigDecimal}s
 * from the first value or sum that a long does not hold (beyond 18 digits). Each day slot's and month's
 * figure shows the largest scale among the sales it counts now ({@link Scales}), whatever was added and
 * taken back before: as BigDecimal sums of those sales alone.
 *
 * <p>Not thread-safe: its owner's lock guards it ({@link PartitionActuals}).
 */
final class Decimals {

    private static final long[] POWERS = new long[19];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    /** The scale of {@link #days} and {@link #months}. */
    private int scale;
    private long[] days;
    private final long[] months = new long[12];
    /** From the first overflow on: the figures as BigDecimals, {@link #days} and {@link #months} unused. */
    private BigDecimal[] exactDays;
    private BigDecimal[] exactMonths;
    private final Scales dayScales;
    private final Scales monthScales = new Scales(12);

    Decimals(int capacity) {
        days = new long[capacity];
        dayScales = new Scales(capacity);
    }

    /** Room for {@code capacity} day slots. */
    void grow(int capacity) {
        dayScales.grow(capacity);
        if (exactDays != null) {
            exactDays = Arrays.copyOf(exactDays, capacity);
        } else {
            days = Arrays.copyOf(days, capacity);
        }
    }

    /** Opens a slot at {@code index}, moving the {@code size - index} slots after it up by one; the new slot is 0. */
    void insert(int index, int size) {
        dayScales.insert(index, size);
        if (exactDays != null) {
            System.arraycopy(exactDays, index, exactDays, index + 1, size - index);
            exactDays[index] = BigDecimal.ZERO;
        } else {
            System.arraycopy(days, index, days, index + 1, size - index);
            days[index] = 0;
        }
    }

    /** Closes the slot at {@code index} of {@code size}. */
    void remove(int index, int size) {
        dayScales.remove(index, size);
        if (exactDays != null) {
            System.arraycopy(exactDays, index + 1, exactDays, index, size - index - 1);
            exactDays[size - 1] = null;
        } else {
            System.arraycopy(days, index + 1, days, index, size - index - 1);
        }
    }

    /**
     * Adds {@code value} (taken back when {@code sign} is negative) to a day slot and its month, and counts
     * (or stops counting) one sale of its scale in both.
     *
     * @param slotSales  how many sales the slot counted before
     * @param monthSales how many sales the month counted before
     */
    void add(int slot, int month, BigDecimal value, int sign, long slotSales, long monthSales) {
        int valueScale = Math.max(0, value.scale());
        dayScales.count(slot, valueScale, sign, slotSales);
        monthScales.count(month - 1, valueScale, sign, monthSales);
        BigDecimal signed = sign < 0 ? value.negate() : value;
        if (exactDays == null && !addFixed(slot, month, signed, valueScale)) {
            toExact();
        }
        if (exactDays != null) {
            exactDays[slot] = exactDays[slot].add(signed);
            exactMonths[month - 1] = exactMonths[month - 1].add(signed);
        }
    }

    /** False when the value or a sum would not fit in a long (nothing changed then). */
    private boolean addFixed(int slot, int month, BigDecimal value, int valueScale) {
        if (value.signum() == 0) {
            return true;
        }
        if (valueScale > scale && !rescale(valueScale)) {
            return false;
        }
        BigInteger unscaled = value.setScale(scale).unscaledValue();
        if (unscaled.bitLength() > 62) {
            return false;
        }
        long units = unscaled.longValue();
        long day;
        long monthTotal;
        try {
            day = Math.addExact(days[slot], units);
            monthTotal = Math.addExact(months[month - 1], units);
        } catch (ArithmeticException overflow) {
            return false;
        }
        days[slot] = day;
        months[month - 1] = monthTotal;
        return true;
    }

    /** Moves every figure to a larger scale; false (nothing changed) when one would not fit. */
    private boolean rescale(int newScale) {
        int shift = newScale - scale;
        if (shift >= POWERS.length) {
            return false;
        }
        long factor = POWERS[shift];
        long[] newDays = new long[days.length];
        long[] newMonths = new long[12];
        try {
            for (int i = 0; i < days.length; i++) {
                newDays[i] = Math.multiplyExact(days[i], factor);
            }
            for (int i = 0; i < 12; i++) {
                newMonths[i] = Math.multiplyExact(months[i], factor);
            }
        } catch (ArithmeticException overflow) {
            return false;
        }
        days = newDays;
        System.arraycopy(newMonths, 0, months, 0, 12);
        scale = newScale;
        return true;
    }

    private void toExact() {
        exactDays = new BigDecimal[days.length];
        exactMonths = new BigDecimal[12];
        for (int i = 0; i < days.length; i++) {
            exactDays[i] = BigDecimal.valueOf(days[i], scale);
        }
        for (int i = 0; i < 12; i++) {
            exactMonths[i] = BigDecimal.valueOf(months[i], scale);
        }
        days = null;
    }

    /** A day slot's figure, at the largest scale among its sales. */
    BigDecimal day(int slot) {
        return show(exactDays != null ? exactDays[slot] : null, exactDays == null ? days[slot] : 0, dayScales.of(slot));
    }

    /** A month's (1-12) figure, at the largest scale among its sales. */
    BigDecimal month(int month) {
        return show(exactMonths != null ? exactMonths[month - 1] : null, exactMonths == null ? months[month - 1] : 0,
                monthScales.of(month - 1));
    }

    private BigDecimal show(BigDecimal exact, long units, int displayScale) {
        // exact: every value counted has a scale of at most displayScale, and so has their sum
        BigDecimal value = exact != null ? exact : BigDecimal.valueOf(units, scale);
        return value.setScale(displayScale, java.math.RoundingMode.UNNECESSARY);
    }
}
