package io.salestargets.events.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.events.InvalidInputException;
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
        assertThatThrownBy(() -> SaleKey.parse(key)).isInstanceOf(InvalidInputException.class);
    }

    /** The reason goes into a dead letter's header, beside the key: it never repeats the key (issue 14). */
    @Test
    void theReasonNeverRepeatsTheKey() {
        String huge = "x".repeat(100_000);
        for (String key : new String[] {huge, "acme/" + huge, huge + "/s-1", "acme/s-1/" + huge}) {
            assertThatThrownBy(() -> SaleKey.parse(key)).isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120).doesNotContain("xxx"));
        }
    }
}
