package io.salestargets.events.targets;

import java.time.LocalDate;

/** The period type shared by all rows of one tenant, year and target type. */
public enum Interval {
    MONTH(12),
    QUARTER(4);

    private final int periods;

    Interval(int periods) {
        this.periods = periods;
    }

    /** Number of periods in a year: 12 months or 4 quarters. */
    public int periods() {
        return periods;
    }

    /** Months in one period. */
    public int months() {
        return 12 / periods;
    }

    /** The period (1-based) that a date falls in. */
    public int periodOf(LocalDate date) {
        return (date.getMonthValue() - 1) / months() + 1;
    }

    /** First day of a period of a year. */
    public LocalDate firstDay(int year, int period) {
        checkPeriod(period);
        return LocalDate.of(year, (period - 1) * months() + 1, 1);
    }

    /** Last day of a period of a year. */
    public LocalDate lastDay(int year, int period) {
        return firstDay(year, period).plusMonths(months()).minusDays(1);
    }

    /** {@code 2026-01} for months, {@code 2026-Q1} for quarters. */
    public String label(int year, int period) {
        checkPeriod(period);
        return this == MONTH ? year + (period < 10 ? "-0" : "-") + period : year + "-Q" + period;
    }

    private void checkPeriod(int period) {
        if (period < 1 || period > periods) {
            throw new IllegalArgumentException("period " + period + " is not in 1.." + periods);
        }
    }
}
