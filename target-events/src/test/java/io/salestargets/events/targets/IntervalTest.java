package io.salestargets.events.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IntervalTest {

    @Test
    void labelsMonthsAndQuarters() {
        assertThat(Interval.MONTH.label(2026, 1)).isEqualTo("2026-01");
        assertThat(Interval.MONTH.label(2026, 12)).isEqualTo("2026-12");
        assertThat(Interval.QUARTER.label(2026, 1)).isEqualTo("2026-Q1");
        assertThatThrownBy(() -> Interval.QUARTER.label(2026, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findsThePeriodOfADate() {
        assertThat(Interval.MONTH.periodOf(LocalDate.of(2026, 3, 31))).isEqualTo(3);
        assertThat(Interval.QUARTER.periodOf(LocalDate.of(2026, 3, 31))).isEqualTo(1);
        assertThat(Interval.QUARTER.periodOf(LocalDate.of(2026, 4, 1))).isEqualTo(2);
        assertThat(Interval.QUARTER.periodOf(LocalDate.of(2026, 12, 31))).isEqualTo(4);
    }

    @Test
    void knowsThePeriodsBounds() {
        assertThat(Interval.MONTH.firstDay(2028, 2)).isEqualTo(LocalDate.of(2028, 2, 1));
        assertThat(Interval.MONTH.lastDay(2028, 2)).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(Interval.QUARTER.firstDay(2026, 4)).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(Interval.QUARTER.lastDay(2026, 4)).isEqualTo(LocalDate.of(2026, 12, 31));
    }
}
