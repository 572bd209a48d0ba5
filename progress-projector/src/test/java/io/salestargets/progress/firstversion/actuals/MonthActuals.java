package io.salestargets.progress.firstversion.actuals;

import java.util.Arrays;
import java.util.function.ObjIntConsumer;

/**
 * One owner's actuals of one dimension and item in one month, day by day: the unit the owner stage
 * stores ({@link Keys#actualsMonth}). A view reads at most twelve of them, whatever the number of
 * sales; a sale rewrites one. Immutable.
 */
public final class MonthActuals {

    public static final MonthActuals EMPTY = new MonthActuals(new Actual[31]);

    /** Index 0 is the 1st; null where nothing was won. */
    private final Actual[] days;
    /** The days added up: every view reads it, so it is kept rather than summed again. */
    private final Actual total;

    MonthActuals(Actual[] days) {
        this(days, sum(days));
    }

    private MonthActuals(Actual[] days, Actual total) {
        if (days.length != 31) {
            throw new IllegalArgumentException("a month has 31 day slots");
        }
        this.days = days;
        this.total = total;
    }

    private static Actual sum(Actual[] days) {
        Actual total = Actual.NONE;
        for (Actual day : days) {
            if (day != null) {
                total = total.plus(day);
            }
        }
        return total;
    }

    /** This month with {@code change} added on a day (1-31); a day that comes to nothing is dropped. */
    public MonthActuals plus(int dayOfMonth, Actual change) {
        Actual[] next = days.clone();
        Actual before = next[dayOfMonth - 1];
        Actual after = before == null ? change : before.plus(change);
        next[dayOfMonth - 1] = after.isNone() ? null : after;
        return new MonthActuals(next, total.plus(change));
    }

    /** The actual of one day (1-31). */
    public Actual day(int dayOfMonth) {
        Actual day = days[dayOfMonth - 1];
        return day == null ? Actual.NONE : day;
    }

    /** Calls {@code action} with each day (1-31) that has sales, in order. */
    public void forEachDay(ObjIntConsumer<Actual> action) {
        for (int i = 0; i < days.length; i++) {
            if (days[i] != null) {
                action.accept(days[i], i + 1);
            }
        }
    }

    /** The days up to and including {@code dayOfMonth}, added up. */
    public Actual upTo(int dayOfMonth) {
        if (dayOfMonth >= 31) {
            return total;
        }
        Actual sum = Actual.NONE;
        for (int i = 0; i < dayOfMonth; i++) {
            if (days[i] != null) {
                sum = sum.plus(days[i]);
            }
        }
        return sum;
    }

    public Actual total() {
        return total;
    }

    public boolean isEmpty() {
        for (Actual day : days) {
            if (day != null) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MonthActuals month && Arrays.equals(days, month.days);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(days);
    }

    @Override
    public String toString() {
        return "MonthActuals" + Arrays.toString(days);
    }
}
