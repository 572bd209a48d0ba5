package io.salestargets.progress.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.progress.PaceStatus;
import io.salestargets.events.progress.ProgressPace;
import io.salestargets.events.progress.ProgressToDate;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ProgressPaceTest {

    @Test
    void projectsTheYearEndActualAtTheRunRateToDate() {
        // 2026 has 365 days; 2026-03-31 is its 90th
        ProgressPace pace = pace("2026-03-31", "120000", "30000", "25000");

        assertThat(pace.projectedActual()).isEqualByComparingTo("101388.89"); // 25000 x 365 / 90
    }

    @Test
    void needsWhatIsLeftOfTheTargetPerWorkingDayLeftRoundedUp() {
        // after Tuesday 2026-12-29: Wednesday 30 and Thursday 31
        ProgressPace pace = pace("2026-12-29", "1000", "990", "999.99");

        assertThat(pace.workingDaysLeft()).isEqualTo(2);
        assertThat(pace.neededPerWorkingDay()).isEqualByComparingTo("0.01"); // 0.005 rounded up
    }

    @Test
    void needsNothingOnceTheTargetIsReached() {
        assertThat(pace("2026-06-30", "1000", "500", "1500").neededPerWorkingDay()).isEqualByComparingTo("0");
    }

    @Test
    void isAheadFromFivePercentOverTheTargetToDateAndBehindFromFivePercentUnderAsTheAttainmentShows() {
        assertThat(pace("2026-06-30", "2000", "1000", "1050").status()).isEqualTo(PaceStatus.AHEAD);
        // the attainment to date as published, to 4 decimals: 1.0499 and 1.0500 (half-even)
        assertThat(pace("2026-06-30", "2000", "1000", "1049.94").status()).isEqualTo(PaceStatus.ON_TRACK);
        assertThat(pace("2026-06-30", "2000", "1000", "1049.95").status()).isEqualTo(PaceStatus.AHEAD);
        assertThat(pace("2026-06-30", "2000", "1000", "950").status()).isEqualTo(PaceStatus.ON_TRACK);
        assertThat(pace("2026-06-30", "2000", "1000", "949.94").status()).isEqualTo(PaceStatus.BEHIND);
    }

    @Test
    void withoutATargetThereIsAProjectionButNoNeedAndNoStatus() {
        ProgressPace pace = ProgressCalculator.pace(2026, null, ProgressToDate.of(LocalDate.parse("2026-06-30"), null,
                new BigDecimal("181")), new BigDecimal("181"));

        assertThat(pace.projectedActual()).isEqualByComparingTo("365.00");
        assertThat(pace.neededPerWorkingDay()).isNull();
        assertThat(pace.status()).isNull();
    }

    @Test
    void aYearThatIsOverProjectsItsActualAndNeedsNothingMoreOfAnyDay() {
        ProgressPace pace = ProgressCalculator.pace(2025, new BigDecimal("1000"),
                ProgressToDate.of(LocalDate.parse("2026-02-01"), new BigDecimal("1000"), new BigDecimal("800")), new BigDecimal("800"));

        assertThat(pace.projectedActual()).isEqualByComparingTo("800");
        assertThat(pace.workingDaysLeft()).isZero();
        assertThat(pace.neededPerWorkingDay()).isNull();
        assertThat(pace.status()).isEqualTo(PaceStatus.BEHIND);
    }

    @Test
    void aYearNotStartedHasNoProjectionAndAllItsWorkingDaysLeft() {
        ProgressPace pace = ProgressCalculator.pace(2027, new BigDecimal("261"),
                ProgressToDate.of(LocalDate.parse("2026-11-30"), BigDecimal.ZERO, BigDecimal.ZERO), BigDecimal.ZERO);

        assertThat(pace.projectedActual()).isNull();
        assertThat(pace.workingDaysLeft()).isEqualTo(261); // 2027: 365 days from a Friday
        assertThat(pace.neededPerWorkingDay()).isEqualByComparingTo("1.00");
        assertThat(pace.status()).as("nothing due yet").isNull();
    }

    @Test
    void workingDaysAreMondayToFriday() {
        assertThat(ProgressCalculator.workingDaysAfter(LocalDate.parse("2025-12-31"), 2026)).isEqualTo(261);
        assertThat(ProgressCalculator.workingDaysAfter(LocalDate.parse("2026-12-25"), 2026)).isEqualTo(4); // 28-31
        assertThat(ProgressCalculator.workingDaysAfter(LocalDate.parse("2026-12-31"), 2026)).isZero();
    }

    private static ProgressPace pace(String asOf, String targetTotal, String targetToDate, String actualToDate) {
        return ProgressCalculator.pace(LocalDate.parse(asOf).getYear(), new BigDecimal(targetTotal),
                ProgressToDate.of(LocalDate.parse(asOf), new BigDecimal(targetToDate), new BigDecimal(actualToDate)),
                new BigDecimal(actualToDate));
    }
}
