package io.salestargets.command.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.Unit;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PeriodSplitTest {

    @Test
    void anEvenSplitGivesTheCentsLeftToTheFirstPeriods() {
        List<BigDecimal> values = PeriodSplit.split(new BigDecimal("1000"), PeriodSplit.evenMonths(), Unit.AMOUNT);

        assertThat(values).map(BigDecimal::toPlainString)
                .containsExactly("83.34", "83.34", "83.34", "83.34", "83.33", "83.33", "83.33", "83.33", "83.33", "83.33", "83.33", "83.33");
        assertThat(sum(values)).isEqualByComparingTo("1000");
    }

    @Test
    void countsAreWholeNumbersThatSumToTheYear() {
        List<BigDecimal> values = PeriodSplit.split(new BigDecimal("100"), PeriodSplit.evenMonths(), Unit.COUNT);

        assertThat(values).allSatisfy(value -> assertThat(value.scale()).isZero());
        assertThat(values).map(BigDecimal::intValueExact).containsExactly(9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8);
    }

    @Test
    void theLargestRemaindersGetTheCentsLeft() {
        // 10 by 1 : 1 : 1 is 3.33 each and a cent left; by 2 : 1 : 1 it is 5, 2.5, 2.5: exact
        assertThat(PeriodSplit.split(new BigDecimal("0.10"), List.of(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE), Unit.AMOUNT))
                .map(BigDecimal::toPlainString).containsExactly("0.04", "0.03", "0.03");
        assertThat(PeriodSplit.split(new BigDecimal("10"), List.of(new BigDecimal("0.2"), new BigDecimal("0.7"), new BigDecimal("0.1")),
                Unit.AMOUNT)).map(BigDecimal::toPlainString).containsExactly("2", "7", "1");
        List<BigDecimal> skewed = PeriodSplit.split(new BigDecimal("1"), List.of(new BigDecimal("1"), new BigDecimal("1"),
                new BigDecimal("1.1")), Unit.AMOUNT);
        assertThat(skewed).map(BigDecimal::toPlainString).containsExactly("0.32", "0.32", "0.36");
        assertThat(sum(skewed)).isEqualByComparingTo("1");
    }

    @Test
    void aPatternThatDividesEvenlyIsKept() {
        List<BigDecimal> pattern = Stream.of("10.01", "0", "7.5", "1000000").map(BigDecimal::new).toList();

        assertThat(PeriodSplit.split(sum(pattern), pattern, Unit.AMOUNT)).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(pattern);
    }

    @Test
    void workingDaysAreMondayToFridayOfEachMonth() {
        List<BigDecimal> days = PeriodSplit.workingDaysPerMonth(2026);

        assertThat(days).map(BigDecimal::intValueExact).containsExactly(22, 20, 22, 22, 21, 22, 23, 21, 22, 22, 21, 23);
        long february = LocalDate.of(2026, 2, 1).datesUntil(LocalDate.of(2026, 3, 1))
                .filter(day -> day.getDayOfWeek().compareTo(DayOfWeek.FRIDAY) <= 0).count();
        assertThat(days.get(1).longValue()).isEqualTo(february);
    }

    @Test
    void aQuarterWeighsItsThreeMonths() {
        assertThat(PeriodSplit.perPeriod(PeriodSplit.workingDaysPerMonth(2026), Interval.QUARTER))
                .map(BigDecimal::intValueExact).containsExactly(64, 65, 66, 66);
    }

    @Test
    void aChangeIsRoundedHalfUpToTheUnit() {
        assertThat(PeriodSplit.changed(new BigDecimal("100.10"), new BigDecimal("5"), Unit.AMOUNT)).isEqualByComparingTo("105.11");
        assertThat(PeriodSplit.changed(new BigDecimal("10"), new BigDecimal("5"), Unit.COUNT)).isEqualByComparingTo("11");
        assertThat(PeriodSplit.changed(new BigDecimal("10"), new BigDecimal("-100"), Unit.AMOUNT)).isEqualByComparingTo("0");
    }

    private static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
