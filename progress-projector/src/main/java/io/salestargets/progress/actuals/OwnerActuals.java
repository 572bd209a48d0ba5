package io.salestargets.progress.actuals;

import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.Unit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * One owner's actuals of one dimension and item in one year, day by day: what the won sales it counts
 * now add up to. Only the days with sales take room: sorted slots (day, number of sales, amount,
 * profit), growing from one; a month or a day range is summed from its slots when a view asks. About
 * 130 bytes for an owner with sales on one day, 36 more per further day.
 *
 * <p>Exact: each figure (amount, profit) is kept as fixed-point longs of one scale, the largest scale
 * added so far, and as {@link BigDecimal}s from the first value or sum that a long does not hold (beyond
 * 18 digits).
 *
 * <p>Decimal places: every figure shows the largest scale among the sales it counts now, as the BigDecimal
 * sum of those sales alone would ({@code 10.5} and {@code 2.25} show {@code 12.75}; once the {@code 2.25}
 * is retracted, {@code 10.5}); a figure that counts no sale is {@code 0}. A pure function of the sales
 * counted, so that actuals rebuilt from the sale states equal the ones kept up to date (docs/decisions.md).
 * Each slot keeps the scale of its sales in a byte when they share one, and a count per scale when they
 * do not.
 *
 * <p>Not thread-safe: its partition's lock guards it ({@link PartitionActuals}).
 */
public final class OwnerActuals {

    private static final int AMOUNT = 0;
    private static final int PROFIT = 1;
    /** Per slot, two entries in {@link #figures}, {@link #shown}, {@link #exact} and {@link #mixed}: amount, profit. */
    private static final int FIGURES = 2;
    /** The most slots: a year's days, keyed {@code month * 32 + day}. */
    private static final int MOST_SLOTS = 12 * 32;
    private static final byte MIXED = -1;
    /** SaleWon's most decimals, 10: scales 0-10. */
    private static final int SCALES = 11;
    private static final long[] POWERS = new long[19];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private final String tenantId;
    private final int year;
    private final Level level;
    private final String ownerId;
    private final String dimension;
    private final String item;
    private int size;
    /** Per slot: its day ({@code month * 32 + day of month}, ascending), then how many sales it counts. */
    private int[] slots = new int[2];
    /** Per slot and figure: the sum as a long of the figure's scale ({@link #amountScale}, {@link #profitScale}) (unless the figure is {@link #exact}). */
    private long[] figures = new long[FIGURES];
    /** Per slot and figure: the largest scale among its sales, or {@link #MIXED} (then in {@link #mixed}). */
    private byte[] shown = new byte[FIGURES];
    /** The scale of the amount's longs, and of the profit's. */
    private byte amountScale;
    private byte profitScale;
    /** Per figure (a bit each), from its first overflow on: the figure is held in {@link #exact}. */
    private byte overflowed;
    /** Per slot and figure of an overflowed figure: the sum; null until a figure overflows. */
    private BigDecimal[] exact;
    /** Per slot and figure of mixed scales: sales per scale; null until one has mixed scales. */
    private int[][] mixed;

    /** The actuals of an owner of a tenant's year, of a dimension and item ({@code null} for dimension {@code all}). */
    public OwnerActuals(String tenantId, int year, Level level, String ownerId, String dimension, String item) {
        this.tenantId = tenantId;
        this.year = year;
        this.level = level;
        this.ownerId = ownerId;
        this.dimension = dimension;
        this.item = item;
    }

    public String tenantId() {
        return tenantId;
    }

    public int year() {
        return year;
    }

    public Level level() {
        return level;
    }

    public String ownerId() {
        return ownerId;
    }

    public String dimension() {
        return dimension;
    }

    public String item() {
        return item;
    }

    /** Counts a won sale of this year ({@code sign} 1), or stops counting it ({@code sign} -1). */
    void add(LocalDate day, Figure amount, Figure profit, int sign) {
        int key = DaySlots.key(day);
        int slot = DaySlots.find(slots, size, key);
        if (slot < 0) {
            slot = open(-slot - 1, key);
        }
        int before = slots[2 * slot + 1];
        add(slot, AMOUNT, amount, sign, before);
        add(slot, PROFIT, profit, sign, before);
        slots[2 * slot + 1] = before + sign;
        if (before + sign == 0) {
            close(slot);
        }
    }


    private int open(int slot, int key) {
        if (2 * size == slots.length) {
            grow(Math.min(MOST_SLOTS, Math.max(1, size * 2)));
        }
        shift(slot, slot + 1, size - slot);
        slots[2 * slot] = key;
        slots[2 * slot + 1] = 0;
        for (int f = 0; f < FIGURES; f++) {
            int entry = FIGURES * slot + f;
            figures[entry] = 0;
            shown[entry] = 0;
            if (exact != null) {
                exact[entry] = overflowed(f) ? BigDecimal.ZERO : null;
            }
            if (mixed != null) {
                mixed[entry] = null;
            }
        }
        size++;
        return slot;
    }

    /** A day that counts no sale any more: its figures are 0 (what was added was taken back). */
    private void close(int slot) {
        shift(slot + 1, slot, size - slot - 1);
        size--;
        int last = FIGURES * size;
        if (exact != null) {
            Arrays.fill(exact, last, last + FIGURES, null);
        }
        if (mixed != null) {
            Arrays.fill(mixed, last, last + FIGURES, null);
        }
    }

    private void grow(int capacity) {
        slots = Arrays.copyOf(slots, 2 * capacity);
        figures = Arrays.copyOf(figures, FIGURES * capacity);
        shown = Arrays.copyOf(shown, FIGURES * capacity);
        if (exact != null) {
            exact = Arrays.copyOf(exact, FIGURES * capacity);
        }
        if (mixed != null) {
            mixed = Arrays.copyOf(mixed, FIGURES * capacity);
        }
    }

    /** Moves {@code count} slots from {@code from} to {@code to}. */
    private void shift(int from, int to, int count) {
        System.arraycopy(slots, 2 * from, slots, 2 * to, 2 * count);
        System.arraycopy(figures, FIGURES * from, figures, FIGURES * to, FIGURES * count);
        System.arraycopy(shown, FIGURES * from, shown, FIGURES * to, FIGURES * count);
        if (exact != null) {
            System.arraycopy(exact, FIGURES * from, exact, FIGURES * to, FIGURES * count);
        }
        if (mixed != null) {
            System.arraycopy(mixed, FIGURES * from, mixed, FIGURES * to, FIGURES * count);
        }
    }

    private void add(int slot, int figure, Figure value, int sign, int before) {
        int entry = FIGURES * slot + figure;
        countScale(entry, value.scale(), sign, before);
        if (!overflowed(figure) && !addFixed(entry, figure, value, sign)) {
            overflow(figure);
        }
        if (overflowed(figure)) {
            exact[entry] = exact[entry].add(sign < 0 ? value.value().negate() : value.value());
        }
    }

    /** False when the value or the sum would not fit in a long (nothing changed then). */
    private boolean addFixed(int entry, int figure, Figure value, int sign) {
        if (!value.fixed()) {
            return false;
        }
        if (value.units() == 0) {
            return true;
        }
        if (value.scale() > fixedScale(figure) && !rescale(figure, value.scale())) {
            return false;
        }
        int shift = fixedScale(figure) - value.scale();
        if (shift >= POWERS.length) {
            return false;
        }
        try {
            long units = Math.multiplyExact(value.units(), POWERS[shift]);
            figures[entry] = Math.addExact(figures[entry], sign < 0 ? -units : units);
            return true;
        } catch (ArithmeticException overflow) {
            return false;
        }
    }

    /** Moves a figure's longs to a larger scale; false (nothing changed) when one would not fit. */
    private boolean rescale(int figure, int scale) {
        int shift = scale - fixedScale(figure);
        if (shift >= POWERS.length) {
            return false;
        }
        long factor = POWERS[shift];
        long limit = Long.MAX_VALUE / factor;
        for (int slot = 0; slot < size; slot++) {
            long units = figures[FIGURES * slot + figure];
            if (units > limit || units < -limit) {
                return false;
            }
        }
        for (int slot = 0; slot < size; slot++) {
            figures[FIGURES * slot + figure] *= factor;
        }
        if (figure == AMOUNT) {
            amountScale = (byte) scale;
        } else {
            profitScale = (byte) scale;
        }
        return true;
    }

    /** From now on the figure is held as BigDecimals. */
    private void overflow(int figure) {
        if (exact == null) {
            exact = new BigDecimal[figures.length];
        }
        for (int slot = 0; slot < size; slot++) {
            int entry = FIGURES * slot + figure;
            exact[entry] = BigDecimal.valueOf(figures[entry], fixedScale(figure));
        }
        overflowed |= (byte) (1 << figure);
    }

    /** Counts one sale of {@code scale} in an entry ({@code sign} 1) or stops counting it (-1); {@code before}: its sales before. */
    private void countScale(int entry, int scale, int sign, int before) {
        if (sign > 0) {
            if (before == 0) {
                shown[entry] = (byte) scale;
                if (mixed != null) {
                    mixed[entry] = null;
                }
            } else if (shown[entry] != MIXED && shown[entry] != scale) {
                int[] counts = new int[SCALES];
                counts[shown[entry]] = before;
                counts[scale] = 1;
                if (mixed == null) {
                    mixed = new int[figures.length][];
                }
                mixed[entry] = counts;
                shown[entry] = MIXED;
            } else if (shown[entry] == MIXED) {
                mixed[entry][scale]++;
            }
            return;
        }
        if (shown[entry] == MIXED) {
            int[] counts = mixed[entry];
            counts[scale]--;
            int only = -1;
            for (int s = 0; s < SCALES; s++) {
                if (counts[s] > 0) {
                    only = only == -1 ? s : -2;
                }
            }
            if (only >= 0) {
                shown[entry] = (byte) only; // one scale left: compact again
                mixed[entry] = null;
            }
        }
    }

    /** The largest scale among an entry's sales. */
    private int scaleOf(int entry) {
        if (shown[entry] != MIXED) {
            return shown[entry];
        }
        int[] counts = mixed[entry];
        for (int s = SCALES - 1; s > 0; s--) {
            if (counts[s] > 0) {
                return s;
            }
        }
        return 0;
    }

    private boolean overflowed(int figure) {
        return (overflowed & (1 << figure)) != 0;
    }

    private int fixedScale(int figure) {
        return figure == AMOUNT ? amountScale : profitScale;
    }

    /** True when it counts no sale. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** What the sales of a month (1-12) add up to, in a target type's unit. */
    public BigDecimal month(int month, Unit unit) {
        return sum(DaySlots.upTo(slots, size, month * 32), DaySlots.upTo(slots, size, month * 32 + 31), unit);
    }

    /** What the sales of each month add up to, in a target type's unit: January first; one pass over the days. */
    public BigDecimal[] months(Unit unit) {
        BigDecimal[] months = new BigDecimal[12];
        int slot = 0;
        for (int month = 1; month <= 12; month++) {
            int from = slot;
            while (slot < size && slots[2 * slot] <= month * 32 + 31) {
                slot++;
            }
            months[month - 1] = sum(from, slot, unit);
        }
        return months;
    }

    /**
     * What the sales of the days up to and including {@code asOf} add up to: all of them when that is after
     * the year, none before.
     */
    public BigDecimal upTo(LocalDate asOf, Unit unit) {
        if (asOf.getYear() < year) {
            return BigDecimal.ZERO;
        }
        if (asOf.getYear() > year) {
            return sum(0, size, unit);
        }
        return sum(0, DaySlots.upTo(slots, size, DaySlots.key(asOf)), unit);
    }

    /** The sum of slots {@code from} (inclusive) to {@code to} (exclusive). */
    private BigDecimal sum(int from, int to, Unit unit) {
        if (from >= to) {
            return BigDecimal.ZERO;
        }
        if (unit == Unit.COUNT) {
            long count = 0;
            for (int slot = from; slot < to; slot++) {
                count += slots[2 * slot + 1];
            }
            return BigDecimal.valueOf(count);
        }
        int figure = unit == Unit.AMOUNT ? AMOUNT : PROFIT;
        int scale = 0;
        for (int slot = from; slot < to; slot++) {
            scale = Math.max(scale, scaleOf(FIGURES * slot + figure));
        }
        BigDecimal sum;
        if (overflowed(figure)) {
            sum = BigDecimal.ZERO;
            for (int slot = from; slot < to; slot++) {
                sum = sum.add(exact[FIGURES * slot + figure]);
            }
        } else {
            sum = fixedSum(from, to, figure);
        }
        // exact: every sale counted has a scale of at most `scale`, and so has their sum
        return sum.setScale(scale, RoundingMode.UNNECESSARY);
    }

    private BigDecimal fixedSum(int from, int to, int figure) {
        long units = 0;
        for (int slot = from; slot < to; slot++) {
            long day = figures[FIGURES * slot + figure];
            long total = units + day;
            if (((units ^ total) & (day ^ total)) < 0) { // beyond a long: the rest as BigDecimals
                BigDecimal sum = BigDecimal.valueOf(units, fixedScale(figure));
                for (int rest = slot; rest < to; rest++) {
                    sum = sum.add(BigDecimal.valueOf(figures[FIGURES * rest + figure], fixedScale(figure)));
                }
                return sum;
            }
            units = total;
        }
        return BigDecimal.valueOf(units, fixedScale(figure));
    }
}
