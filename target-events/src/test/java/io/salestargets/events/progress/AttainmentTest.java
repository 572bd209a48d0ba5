package io.salestargets.events.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AttainmentTest {

    @Test
    void isActualOverTargetHalfEvenToFourDecimals() {
        assertThat(Attainment.of(new BigDecimal("8500.50"), new BigDecimal("120000"))).isEqualTo(new BigDecimal("0.0708"));
        assertThat(Attainment.of(new BigDecimal("8500.50"), new BigDecimal("109000"))).isEqualTo(new BigDecimal("0.0780"));
        // 0.85005 is a tie: half-even keeps the even digit
        assertThat(Attainment.of(new BigDecimal("8500.50"), new BigDecimal("10000"))).isEqualTo(new BigDecimal("0.8500"));
        assertThat(Attainment.of(new BigDecimal("8501.50"), new BigDecimal("10000"))).isEqualTo(new BigDecimal("0.8502"));
        assertThat(Attainment.of(new BigDecimal("150"), new BigDecimal("100"))).isEqualTo(new BigDecimal("1.5000"));
    }

    @Test
    void isNoneWithoutATargetOrWithATargetOfZero() {
        assertThat(Attainment.of(BigDecimal.TEN, null)).isNull();
        assertThat(Attainment.of(BigDecimal.TEN, new BigDecimal("0.00"))).isNull();
    }
}
