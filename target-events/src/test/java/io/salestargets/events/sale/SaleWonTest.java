package io.salestargets.events.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.events.InvalidInputException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SaleWonTest {

    @ParameterizedTest
    @CsvSource({
            "12000.50, 12000.50",
            "1.5000000000, 1.5000000000",
            "1.500000000000, 1.5",
            "0E-40000, 0",
            "12E+3, 12000",
            "0E+40000, 0",
            "-7.25000000000000000000, -7.25"})
    void amountsAreKeptOrNormalizedToAtMostTenDecimalsAndNoExponent(String given, String stored) {
        BigDecimal amount = sale(new BigDecimal(given)).amount();
        assertThat(amount).isEqualByComparingTo(stored);
        assertThat(amount.toPlainString()).isEqualTo(stored);
        assertThat(amount.scale()).isBetween(0, SaleWon.MAX_DECIMALS);
    }

    @Test
    void trailingZerosCannotInflateAnAmount() {
        BigDecimal padded = new BigDecimal("1." + "0".repeat(700));
        assertThat(sale(padded).amount()).isEqualTo(BigDecimal.ONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.12345678901", "1E+16", "-1000000000000001"})
    void refusesTooManyDecimalsOrTooLargeAnAmount(String given) {
        assertThatThrownBy(() -> sale(new BigDecimal(given)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("amount");
    }

    @Test
    void aSaleHasAtMostAHundredDimensions() {
        Map<String, String> dimensions = new HashMap<>();
        for (int i = 0; i < SaleWon.MAX_DIMENSIONS; i++) {
            dimensions.put("list-" + i, "item-" + i);
        }
        assertThat(sale(dimensions).dimensions()).hasSize(100);

        dimensions.put("one-more", "item");
        assertThatThrownBy(() -> sale(dimensions)).isInstanceOf(InvalidInputException.class)
                .hasMessage("dimensions: must have at most 100 entries");
    }

    private static SaleWon sale(Map<String, String> dimensions) {
        return new SaleWon("acme", "s-1", 1L, LocalDate.of(2026, 3, 14), "u-anna", "g-north", BigDecimal.TEN, BigDecimal.ONE, "NOK",
                dimensions, Instant.parse("2026-03-14T09:12:00Z"));
    }

    private static SaleWon sale(BigDecimal amount) {
        return new SaleWon("acme", "s-1", 1L, LocalDate.of(2026, 3, 14), "u-anna", "g-north", amount, BigDecimal.ONE, "NOK",
                Map.of("sale-type", "st-3"), Instant.parse("2026-03-14T09:12:00Z"));
    }
}
