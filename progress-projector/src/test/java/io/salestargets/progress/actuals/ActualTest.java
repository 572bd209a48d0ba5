package io.salestargets.progress.actuals;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.target.Unit;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ActualTest {

    private static Actual actual(String amount, String profit, long count) {
        return new Actual(new BigDecimal(amount), new BigDecimal(profit), count);
    }

    @Test
    void plusAddsAmountProfitAndCountExactly() {
        Actual sum = actual("0.10", "-3.5", 1).plus(actual("0.20", "1.25", 2));

        assertThat(sum).isEqualTo(actual("0.30", "-2.25", 3));
    }

    @Test
    void negateFlipsEverySign() {
        assertThat(actual("12.50", "-4", 3).negate()).isEqualTo(actual("-12.50", "4", -3));
    }

    @Test
    void anActualPlusItsNegationIsNone() {
        Actual actual = actual("999999999999999.9999999999", "-0.0000000001", 7);

        assertThat(actual.plus(actual.negate()).isNone()).isTrue();
    }

    @Test
    void noneIsZeroWhateverTheScaleButNotWithACountOrAnAmountLeft() {
        assertThat(Actual.NONE.isNone()).isTrue();
        assertThat(actual("0.00", "0E+3", 0).isNone()).isTrue();
        assertThat(actual("0", "0", 1).isNone()).isFalse();
        assertThat(actual("0.01", "0", 0).isNone()).isFalse();
        assertThat(actual("0", "-0.01", 0).isNone()).isFalse();
    }

    @Test
    void inAUnitIsTheAmountTheProfitOrTheCount() {
        Actual actual = actual("120.50", "30.25", 4);

        assertThat(actual.in(Unit.AMOUNT)).isEqualTo(new BigDecimal("120.50"));
        assertThat(actual.in(Unit.PROFIT)).isEqualTo(new BigDecimal("30.25"));
        assertThat(actual.in(Unit.COUNT)).isEqualTo(BigDecimal.valueOf(4));
    }
}
