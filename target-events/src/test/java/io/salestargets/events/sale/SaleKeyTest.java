package io.salestargets.events.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.events.MalformedKeyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SaleKeyTest {

    @Test
    void formatsAndParses() {
        assertThat(new SaleKey("acme", "s-1001").format()).isEqualTo("acme/s-1001");
        assertThat(SaleKey.parse("acme/s-1001")).isEqualTo(new SaleKey("acme", "s-1001"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "acme", "acme/", "/s-1", "acme/s-1/x", "acme/s 1", "-acme/s-1"})
    void refusesMalformedKeys(String key) {
        assertThatThrownBy(() -> SaleKey.parse(key)).isInstanceOf(MalformedKeyException.class);
    }
}
