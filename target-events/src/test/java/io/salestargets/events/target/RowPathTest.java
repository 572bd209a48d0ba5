package io.salestargets.events.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.events.InvalidFieldException;
import io.salestargets.events.InvalidFieldsException;
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
                .isInstanceOfSatisfying(InvalidFieldsException.class, e ->
                        assertThat(e.errors()).extracting(InvalidFieldException::field).containsExactly("year"));
    }
}
