package io.salestargets.events.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.events.FieldError;
import io.salestargets.events.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RowPathTest {

    @Test
    void readsTheYearOfAPath() {
        assertThat(RowPath.parse("2026", "all-sales-amount", "users/u-anna", null))
                .isEqualTo(new RowPath(2026, "all-sales-amount", Level.USER, "u-anna", null));
        assertThat(RowPath.plan("2100", "all-sales-amount", null).year()).isEqualTo(2100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "26", "1999", "2101", "2o26", "+026", "-026", "20260", "２０２６"})
    void refusesAYearThatIsNotFourDigitsInRange(String year) {
        assertThatThrownBy(() -> RowPath.parse(year, "all-sales-amount", "company", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e ->
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("year"));
    }
}
