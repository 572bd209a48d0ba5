package io.salestargets.progress.actuals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonthActualsTest {

    private static Actual actual(String amount, String profit, long count) {
        return new Actual(new BigDecimal(amount), new BigDecimal(profit), count);
    }

    /** Compares numerically: a sum's scale is the largest of what was added, which is not what these tests are about. */
    private static void assertActual(Actual actual, String amount, String profit, long count) {
        assertThat(actual.amount()).as("amount").isEqualByComparingTo(amount);
        assertThat(actual.profit()).as("profit").isEqualByComparingTo(profit);
        assertThat(actual.count()).as("count").isEqualTo(count);
    }

    /** 1st: 100/10/1, 2nd: 20.50/-5/1, 15th: 300/30/2, 30th: 1000/100/1, 31st: 7/0.70/1. */
    private static MonthActuals month() {
        return MonthActuals.EMPTY
                .plus(1, actual("100", "10", 1))
                .plus(2, actual("20.50", "-5", 1))
                .plus(15, actual("300", "30", 2))
                .plus(30, actual("1000", "100", 1))
                .plus(31, actual("7", "0.70", 1));
    }

    @Test
    void theEmptyMonthHasNothing() {
        assertThat(MonthActuals.EMPTY.isEmpty()).isTrue();
        assertThat(MonthActuals.EMPTY.total()).isEqualTo(Actual.NONE);
        assertThat(MonthActuals.EMPTY.upTo(31)).isEqualTo(Actual.NONE);
        for (int day = 1; day <= 31; day++) {
            assertThat(MonthActuals.EMPTY.day(day)).isEqualTo(Actual.NONE);
        }
    }

    @Test
    void plusAddsOnItsDayOnly() {
        MonthActuals month = MonthActuals.EMPTY.plus(14, actual("12000.50", "3000", 1));

        assertThat(month.isEmpty()).isFalse();
        assertThat(month.day(14)).isEqualTo(actual("12000.50", "3000", 1));
        assertThat(month.day(13)).isEqualTo(Actual.NONE);
        assertThat(month.day(15)).isEqualTo(Actual.NONE);
        assertThat(month.total()).isEqualTo(actual("12000.50", "3000", 1));
    }

    @Test
    void plusOnTheSameDayAccumulates() {
        MonthActuals month = MonthActuals.EMPTY
                .plus(5, actual("100.25", "10", 1))
                .plus(5, actual("50.75", "-2.5", 1))
                .plus(5, actual("-20", "-1", -1));

        assertActual(month.day(5), "131.00", "6.5", 1);
        assertActual(month.total(), "131", "6.5", 1);
    }

    @Test
    void plusLeavesTheMonthItIsCalledOnAlone() {
        MonthActuals before = MonthActuals.EMPTY.plus(3, actual("1", "1", 1));

        MonthActuals after = before.plus(3, actual("2", "2", 1)).plus(4, actual("5", "5", 1));

        assertThat(before.day(3)).isEqualTo(actual("1", "1", 1));
        assertThat(before.day(4)).isEqualTo(Actual.NONE);
        assertThat(before.total()).isEqualTo(actual("1", "1", 1));
        assertThat(MonthActuals.EMPTY.isEmpty()).isTrue();
        assertActual(after.day(3), "3", "3", 2);
    }

    @Test
    void theTotalIsTheSumOfTheDays() {
        MonthActuals month = month();

        // by hand: 100 + 20.50 + 300 + 1000 + 7; 10 - 5 + 30 + 100 + 0.70; 1 + 1 + 2 + 1 + 1
        assertActual(month.total(), "1427.50", "135.70", 6);
        Actual sum = Actual.NONE;
        for (int day = 1; day <= 31; day++) {
            sum = sum.plus(month.day(day));
        }
        assertActual(month.total(), sum.amount().toPlainString(), sum.profit().toPlainString(), sum.count());
    }

    @Test
    void theTotalKeepsUpWithTakingSalesBack() {
        MonthActuals month = month()
                .plus(15, actual("-100", "-10", -1))
                .plus(1, actual("-100", "-10", -1));

        assertActual(month.total(), "1227.50", "115.70", 4);
        assertActual(new MonthActuals(daysOf(month)).total(), "1227.50", "115.70", 4);
    }

    @Test
    void forEachDayVisitsTheDaysWithSalesInOrder() {
        List<Integer> days = new ArrayList<>();
        List<Actual> actuals = new ArrayList<>();

        month().forEachDay((actual, day) -> {
            days.add(day);
            actuals.add(actual);
        });

        assertThat(days).containsExactly(1, 2, 15, 30, 31);
        assertThat(actuals.get(1)).isEqualTo(actual("20.50", "-5", 1));
    }

    @Test
    void upToIncludesExactlyTheDaysUpToAndIncludingTheDay() {
        MonthActuals month = month();

        assertActual(month.upTo(0), "0", "0", 0);
        assertActual(month.upTo(1), "100", "10", 1);
        assertActual(month.upTo(2), "120.50", "5", 2);
        assertActual(month.upTo(14), "120.50", "5", 2);
        assertActual(month.upTo(15), "420.50", "35", 4);
        assertActual(month.upTo(29), "420.50", "35", 4);
        assertActual(month.upTo(30), "1420.50", "135", 5);
        assertActual(month.upTo(31), "1427.50", "135.70", 6);
        assertActual(month.upTo(45), "1427.50", "135.70", 6);
    }

    @Test
    void upToOfEveryDayMatchesTheDaysAddedUpByHand() {
        MonthActuals month = MonthActuals.EMPTY;
        for (int day = 1; day <= 31; day++) {
            month = month.plus(day, actual(Integer.toString(day), "0.01", 1));
        }

        for (int day = 0; day <= 31; day++) {
            assertActual(month.upTo(day), Integer.toString(day * (day + 1) / 2), new BigDecimal("0.01").multiply(BigDecimal.valueOf(day)).toPlainString(), day);
        }
    }

    @Test
    void aDayThatComesToNothingIsDropped() {
        MonthActuals month = MonthActuals.EMPTY
                .plus(14, actual("12000.50", "3000", 1))
                .plus(20, actual("5", "1", 1))
                .plus(14, actual("-12000.50", "-3000", -1));

        assertThat(month.day(14)).isEqualTo(Actual.NONE);
        List<Integer> days = new ArrayList<>();
        month.forEachDay((actual, day) -> days.add(day));
        assertThat(days).containsExactly(20);
        assertThat(month).isEqualTo(MonthActuals.EMPTY.plus(20, actual("5", "1", 1)));
    }

    @Test
    void addingAndThenNegatingLeavesAnEmptyMonth() {
        Actual sale = actual("999999999999999.9999999999", "-0.0000000001", 1);

        MonthActuals month = MonthActuals.EMPTY.plus(31, sale).plus(31, sale.negate());

        assertThat(month.isEmpty()).isTrue();
        assertThat(month).isEqualTo(MonthActuals.EMPTY);
        assertThat(month.total().isNone()).isTrue();
        assertThat(month.upTo(31).isNone()).isTrue();
    }

    @Test
    void negatingEveryDayOfAFullMonthLeavesItEmpty() {
        MonthActuals month = month();
        for (int day = 1; day <= 31; day++) {
            month = month.plus(day, month.day(day).negate());
        }

        assertThat(month.isEmpty()).isTrue();
        assertThat(month.total().isNone()).isTrue();
    }

    @Test
    void aDayWithAnAmountButNoCountIsKept() {
        // a correction that changes the amount only: the day still has something
        MonthActuals month = MonthActuals.EMPTY
                .plus(9, actual("100", "10", 1))
                .plus(9, actual("-100", "-10", -1))
                .plus(9, actual("0.01", "0", 0));

        assertThat(month.isEmpty()).isFalse();
        assertThat(month.day(9)).isEqualTo(actual("0.01", "0", 0));
    }

    @Test
    void monthsAreEqualByTheirDays() {
        MonthActuals one = MonthActuals.EMPTY.plus(1, actual("1", "1", 1)).plus(2, actual("2", "2", 1));
        MonthActuals other = MonthActuals.EMPTY.plus(2, actual("2", "2", 1)).plus(1, actual("1", "1", 1));

        assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
        assertThat(one).isNotEqualTo(MonthActuals.EMPTY.plus(1, actual("1", "1", 1)));
    }

    @Test
    void aMonthHasThirtyOneDaySlots() {
        assertThatThrownBy(() -> new MonthActuals(new Actual[30])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MonthActuals(new Actual[32])).isInstanceOf(IllegalArgumentException.class);
    }

    private static Actual[] daysOf(MonthActuals month) {
        Actual[] days = new Actual[31];
        month.forEachDay((actual, day) -> days[day - 1] = actual);
        return days;
    }
}
