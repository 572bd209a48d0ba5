package io.salestargets.progress.actuals;

import io.salestargets.events.target.Unit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * One owner's actuals of one dimension and item in one year, day by day: what the won sales it counts
 * now add up to. Only the days with sales take room (sorted slots, months summed as they change), so
 * that a sale costs a few array writes and a view reads twelve month totals and one month's days.
 * Exact: {@link Decimals}.
 *
 * <p>Decimal places: every figure shows the largest scale among the sales it counts now, as the BigDecimal
 * sum of those sales alone would ({@code 10.5} and {@code 2.25} show {@code 12.75}; once the {@code 2.25}
 * is retracted, {@code 10.5}); a figure that counts no sale is {@code 0}. A pure function of the sales
 * counted, so that actuals rebuilt from the sale states equal the ones kept up to date (docs/decisions.md).
 *
 * <p>Not thread-safe: its partition's lock guards it ({@link PartitionActuals}).
 */
public final class OwnerActuals {

    private static final int INITIAL_SLOTS = 4;

    private final int year;
    /** Per slot, its day: {@code month * 32 + day of month}, ascending. */
    private int[] days = new int[INITIAL_SLOTS];
    private long[] counts = new long[INITIAL_SLOTS];
    private int size;
    private final long[] monthCounts = new long[12];
    private final Decimals amounts = new Decimals(INITIAL_SLOTS);
    private final Decimals profits = new Decimals(INITIAL_SLOTS);

    public OwnerActuals(int year) {
        this.year = year;
    }

    public int year() {
        return year;
    }

    /** Counts a won sale of this year ({@code sign} 1), or stops counting it ({@code sign} -1). */
    public void add(LocalDate day, BigDecimal amount, BigDecimal profit, int sign) {
        int month = day.getMonthValue();
        int key = month * 32 + day.getDayOfMonth();
        int slot = Arrays.binarySearch(days, 0, size, key);
        if (slot < 0) {
            slot = open(-slot - 1, key);
        }
        amounts.add(slot, month, amount, sign, counts[slot], monthCounts[month - 1]);
        profits.add(slot, month, profit, sign, counts[slot], monthCounts[month - 1]);
        counts[slot] += sign;
        monthCounts[month - 1] += sign;
        if (counts[slot] == 0) {
            close(slot);
        }
    }

    private int open(int slot, int key) {
        if (size == days.length) {
            int capacity = Math.min(372, size * 2);
            days = Arrays.copyOf(days, capacity);
            counts = Arrays.copyOf(counts, capacity);
            amounts.grow(capacity);
            profits.grow(capacity);
        }
        System.arraycopy(days, slot, days, slot + 1, size - slot);
        System.arraycopy(counts, slot, counts, slot + 1, size - slot);
        amounts.insert(slot, size);
        profits.insert(slot, size);
        days[slot] = key;
        counts[slot] = 0;
        size++;
        return slot;
    }

    /** A day that counts no sale any more: its figures are 0 (what was added was taken back). */
    private void close(int slot) {
        System.arraycopy(days, slot + 1, days, slot, size - slot - 1);
        System.arraycopy(counts, slot + 1, counts, slot, size - slot - 1);
        amounts.remove(slot, size);
        profits.remove(slot, size);
        size--;
    }

    /** True when it counts no sale. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** How many sales it counts. */
    public long count() {
        long count = 0;
        for (long month : monthCounts) {
            count += month;
        }
        return count;
    }

    /** What the sales of a month (1-12) add up to, in a target type's unit. */
    public BigDecimal month(int month, Unit unit) {
        long count = monthCounts[month - 1];
        return switch (unit) {
            case COUNT -> BigDecimal.valueOf(count);
            case AMOUNT -> count == 0 ? BigDecimal.ZERO : amounts.month(month);
            case PROFIT -> count == 0 ? BigDecimal.ZERO : profits.month(month);
        };
    }

    /**
     * What the sales of the days up to and including {@code asOf} add up to: all of them when that is after
     * the year, none before.
     */
    public BigDecimal upTo(LocalDate asOf, Unit unit) {
        if (asOf.getYear() < year || size == 0) {
            return BigDecimal.ZERO;
        }
        int lastMonth = asOf.getYear() > year ? 12 : asOf.getMonthValue() - 1;
        long count = 0;
        for (int month = 0; month < lastMonth; month++) {
            count += monthCounts[month];
        }
        int from = -1;
        int to = -1;
        if (asOf.getYear() == year) {
            int month = asOf.getMonthValue();
            int end = month * 32 + asOf.getDayOfMonth();
            for (int slot = 0; slot < size && days[slot] <= end; slot++) {
                if (days[slot] > month * 32) {
                    from = from < 0 ? slot : from;
                    to = slot;
                    count += counts[slot];
                }
            }
        }
        if (unit == Unit.COUNT) {
            return BigDecimal.valueOf(count);
        }
        if (count == 0) {
            return BigDecimal.ZERO;
        }
        Decimals figures = unit == Unit.AMOUNT ? amounts : profits;
        BigDecimal sum = BigDecimal.ZERO;
        for (int month = 1; month <= lastMonth; month++) {
            if (monthCounts[month - 1] != 0) {
                sum = sum.add(figures.month(month));
            }
        }
        for (int slot = from; slot >= 0 && slot <= to; slot++) {
            sum = sum.add(figures.day(slot));
        }
        return sum;
    }
}
