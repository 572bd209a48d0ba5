package io.salestargets.progress.firstversion.actuals;

import java.time.LocalDate;

/** One owner's actuals of one dimension and item in one year: its twelve months. */
public final class YearActuals {

    private final int year;
    private final MonthActuals[] months = new MonthActuals[12];

    public YearActuals(int year) {
        this.year = year;
    }

    /** Sets a month (1-12) as stored. */
    public void month(int month, MonthActuals actuals) {
        months[month - 1] = actuals;
    }

    /** The actual of one month (1-12). */
    public Actual month(int month) {
        MonthActuals actuals = months[month - 1];
        return actuals == null ? Actual.NONE : actuals.total();
    }

    /** The actual of the days up to and including {@code asOf}: all of it when that is after the year, none before. */
    public Actual upTo(LocalDate asOf) {
        if (asOf.getYear() < year) {
            return Actual.NONE;
        }
        Actual total = Actual.NONE;
        for (int month = 1; month <= 12; month++) {
            MonthActuals actuals = months[month - 1];
            if (actuals == null) {
                continue;
            }
            if (asOf.getYear() > year || month < asOf.getMonthValue()) {
                total = total.plus(actuals.total());
            } else if (month == asOf.getMonthValue()) {
                total = total.plus(actuals.upTo(asOf.getDayOfMonth()));
            }
        }
        return total;
    }

    /** True when no sale counts in the year. */
    public boolean isEmpty() {
        for (MonthActuals month : months) {
            if (month != null && !month.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
