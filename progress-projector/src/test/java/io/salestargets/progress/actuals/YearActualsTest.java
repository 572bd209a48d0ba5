package io.salestargets.progress.actuals;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class YearActualsTest {

    private static Actual sale(long amount) {
        return new Actual(BigDecimal.valueOf(amount), BigDecimal.valueOf(amount).movePointLeft(1), 1);
    }

    private static void assertActual(Actual actual, long amount, long count) {
        assertThat(actual.amount()).as("amount").isEqualByComparingTo(BigDecimal.valueOf(amount));
        assertThat(actual.profit()).as("profit").isEqualByComparingTo(BigDecimal.valueOf(amount).movePointLeft(1));
        assertThat(actual.count()).as("count").isEqualTo(count);
    }

    /**
     * 2026 (not a leap year): Jan 1: 1, Jan 31: 2, Feb 1: 4, Feb 28: 8, Mar 1: 16, Apr 30: 32, May 1: 64,
     * Dec 1: 128, Dec 31: 256. Powers of two, so that every sum says which days are in it.
     */
    private static YearActuals year2026() {
        YearActuals year = new YearActuals(2026);
        year.month(1, MonthActuals.EMPTY.plus(1, sale(1)).plus(31, sale(2)));
        year.month(2, MonthActuals.EMPTY.plus(1, sale(4)).plus(28, sale(8)));
        year.month(3, MonthActuals.EMPTY.plus(1, sale(16)));
        year.month(4, MonthActuals.EMPTY.plus(30, sale(32)));
        year.month(5, MonthActuals.EMPTY.plus(1, sale(64)));
        year.month(12, MonthActuals.EMPTY.plus(1, sale(128)).plus(31, sale(256)));
        return year;
    }

    private static void assertUpTo(YearActuals year, String asOf, long amount, long count) {
        assertActual(year.upTo(LocalDate.parse(asOf)), amount, count);
    }

    @Test
    void aMonthIsItsTotalOrNothing() {
        YearActuals year = year2026();

        assertActual(year.month(1), 3, 2);
        assertActual(year.month(2), 12, 2);
        assertActual(year.month(12), 384, 2);
        assertThat(year.month(6)).isEqualTo(Actual.NONE);
    }

    @Test
    void beforeTheYearNothingCounts() {
        YearActuals year = year2026();

        assertThat(year.upTo(LocalDate.of(2025, 12, 31))).isEqualTo(Actual.NONE);
        assertThat(year.upTo(LocalDate.of(2000, 6, 15))).isEqualTo(Actual.NONE);
    }

    @Test
    void afterTheYearEverythingCounts() {
        YearActuals year = year2026();

        // a day of a later year counts everything, although its month and day come before the year's last sales
        assertUpTo(year, "2027-01-01", 511, 9);
        assertUpTo(year, "2030-02-01", 511, 9);
    }

    @Test
    void theLastDayOfTheYearIncludesEverything() {
        assertUpTo(year2026(), "2026-12-31", 511, 9);
        assertUpTo(year2026(), "2026-12-30", 255, 8);
    }

    @Test
    void theFirstDayOfTheYearIncludesOnlyItself() {
        assertUpTo(year2026(), "2026-01-01", 1, 1);
    }

    @Test
    void monthBoundariesSplitExactly() {
        YearActuals year = year2026();

        assertUpTo(year, "2026-01-30", 1, 1);
        assertUpTo(year, "2026-01-31", 3, 2);
        assertUpTo(year, "2026-02-01", 7, 3);
        assertUpTo(year, "2026-02-27", 7, 3);
        assertUpTo(year, "2026-02-28", 15, 4);
        assertUpTo(year, "2026-03-01", 31, 5);
        assertUpTo(year, "2026-03-31", 31, 5);
        assertUpTo(year, "2026-04-29", 31, 5);
        assertUpTo(year, "2026-04-30", 63, 6);
        assertUpTo(year, "2026-05-01", 127, 7);
        assertUpTo(year, "2026-11-30", 127, 7);
        assertUpTo(year, "2026-12-01", 255, 8);
    }

    @Test
    void aLeapDayCountsFromItselfOn() {
        YearActuals year = new YearActuals(2028);
        year.month(2, MonthActuals.EMPTY.plus(28, sale(1)).plus(29, sale(2)));
        year.month(3, MonthActuals.EMPTY.plus(1, sale(4)));

        assertUpTo(year, "2028-02-27", 0, 0);
        assertUpTo(year, "2028-02-28", 1, 1);
        assertUpTo(year, "2028-02-29", 3, 2);
        assertUpTo(year, "2028-03-01", 7, 3);
        assertActual(year.month(2), 3, 2);
    }

    @Test
    void monthsThatWereNeverSetCountAsNothing() {
        YearActuals year = new YearActuals(2026);
        year.month(7, MonthActuals.EMPTY.plus(14, sale(10)));

        assertUpTo(year, "2026-06-30", 0, 0);
        assertUpTo(year, "2026-07-13", 0, 0);
        assertUpTo(year, "2026-07-14", 10, 1);
        assertUpTo(year, "2026-12-31", 10, 1);
        assertThat(year.month(1)).isEqualTo(Actual.NONE);
    }

    @Test
    void aYearWithoutMonthsIsEmpty() {
        YearActuals year = new YearActuals(2026);

        assertThat(year.isEmpty()).isTrue();
        assertThat(year.upTo(LocalDate.of(2026, 12, 31))).isEqualTo(Actual.NONE);
    }

    @Test
    void aYearOfEmptyMonthsIsEmpty() {
        YearActuals year = new YearActuals(2026);
        year.month(1, MonthActuals.EMPTY);
        year.month(12, MonthActuals.EMPTY);

        assertThat(year.isEmpty()).isTrue();
    }

    @Test
    void aYearWithASaleIsNotEmpty() {
        YearActuals year = new YearActuals(2026);
        year.month(12, MonthActuals.EMPTY.plus(31, sale(1)));

        assertThat(year.isEmpty()).isFalse();
    }

    @Test
    void aYearIsEmptyAgainOnceItsSalesAreTakenBack() {
        YearActuals year = new YearActuals(2026);
        year.month(3, MonthActuals.EMPTY.plus(14, sale(100)).plus(14, sale(100).negate()));
        year.month(4, MonthActuals.EMPTY.plus(1, sale(5)).plus(2, sale(6)).plus(1, sale(5).negate()).plus(2, sale(6).negate()));

        assertThat(year.isEmpty()).isTrue();
        assertThat(year.upTo(LocalDate.of(2027, 1, 1)).isNone()).isTrue();
    }

    @Test
    void settingAMonthReplacesIt() {
        YearActuals year = year2026();
        year.month(12, MonthActuals.EMPTY.plus(2, sale(1000)));

        assertActual(year.month(12), 1000, 1);
        assertUpTo(year, "2026-12-31", 1127, 8);
    }
}
