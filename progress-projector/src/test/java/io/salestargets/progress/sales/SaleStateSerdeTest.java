package io.salestargets.progress.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.events.sale.SaleWon;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SaleStateSerdeTest {

    private static SaleWon won(String amount, String profit) {
        return new SaleWon("acme", "s-1", 7L, LocalDate.of(2026, 3, 14), "u-anna", "g-north",
                new BigDecimal(amount), new BigDecimal(profit), "EUR", Map.of("region", "r-eu", "sale-type", "st-3"),
                Instant.parse("2026-03-14T09:30:15.123456789Z"));
    }

    private static SaleState roundTrip(SaleState state) {
        return SaleStateSerde.read(SaleStateSerde.write(state));
    }

    @Test
    void aWonSaleRoundTrips() {
        SaleState state = new SaleState(won("12000.50", "3000.25"), 7L);

        SaleState read = roundTrip(state);

        assertThat(read).isEqualTo(state);
        assertThat(read.won().dimensions()).containsExactly(Map.entry("region", "r-eu"), Map.entry("sale-type", "st-3"));
        assertThat(read.won().occurredAt().getNano()).isEqualTo(123456789);
    }

    @Test
    void aSaleWithoutTheOptionalFieldsRoundTrips() {
        SaleWon won = new SaleWon("acme", "s-1", null, LocalDate.of(2026, 3, 14), "u-anna", "g-north",
                null, null, null, null, null);
        SaleState state = new SaleState(won, null);

        SaleState read = roundTrip(state);

        assertThat(read).isEqualTo(state);
        assertThat(read.revision()).isNull();
        assertThat(read.won().revision()).isNull();
        assertThat(read.won().currency()).isNull();
        assertThat(read.won().dimensions()).isEmpty();
        assertThat(read.won().occurredAt()).isNull();
        assertThat(read.won().amount()).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void aRetractedSaleRoundTripsWithItsRevision() {
        assertThat(roundTrip(new SaleState(null, 12L))).isEqualTo(new SaleState(null, 12L));
        assertThat(roundTrip(new SaleState(null, 0L))).isEqualTo(new SaleState(null, 0L));
        assertThat(roundTrip(new SaleState(null, Long.MAX_VALUE))).isEqualTo(new SaleState(null, Long.MAX_VALUE));
    }

    @Test
    void aRetractedSaleWithoutRevisionRoundTrips() {
        assertThat(roundTrip(new SaleState(null, null))).isEqualTo(new SaleState(null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "0E+3", "-0.0000000001", "-12000.50", "1E+15", "-1E+15", "7E+2",
            "999999999999999.999", "-12345678.9012345678", // 18 digits: the fast path
            "123456789.0123456789", // 19 digits
            "999999999999999.9999999999", "-999999999999999.9999999999", "100000000000000.0000000001", // the slow path
            "1.00000000000000000000", "-5.000000000000000000000000000000"})
    void amountsAndProfitsRoundTripExactly(String value) {
        SaleState state = new SaleState(won(value, "-" + value.replace("-", "")), 3L);
        // as SaleWon holds it: exponents and trailing zeros beyond 10 decimals normalized away
        BigDecimal held = state.won().amount();

        SaleState read = roundTrip(state);

        assertThat(read).isEqualTo(state);
        assertThat(held).isEqualByComparingTo(value);
        assertThat(read.won().amount()).isEqualTo(held);
        assertThat(read.won().amount().scale()).isEqualTo(held.scale());
    }

    @Test
    void instantsAndDaysRoundTripFarFromNow() {
        for (String instant : new String[] {"1969-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z", "-1000000-01-01T00:00:00Z",
                "+1000000-12-31T23:59:59.000000001Z"}) {
            for (LocalDate day : new LocalDate[] {LocalDate.of(1969, 12, 31), LocalDate.of(2028, 2, 29), LocalDate.of(9999, 12, 31)}) {
                SaleWon won = new SaleWon("acme", "s-1", 1L, day, "u-anna", "g-north", BigDecimal.ONE, BigDecimal.ONE, "EUR",
                        Map.of(), Instant.parse(instant));
                SaleState state = new SaleState(won, 1L);

                assertThat(roundTrip(state)).as("%s on %s", instant, day).isEqualTo(state);
            }
        }
    }

    @Test
    void idsOfTheLongestAllowedLengthRoundTrip() {
        String id = "A" + "b.:-9".repeat(12) + "xyz";
        SaleWon won = new SaleWon(id, id, Long.MAX_VALUE, LocalDate.of(2026, 1, 1), id, id, BigDecimal.TEN, BigDecimal.ONE, "USD",
                Map.of("a" + "-".repeat(63), id, "b", "c"), Instant.EPOCH);
        SaleState state = new SaleState(won, 0L);

        assertThat(roundTrip(state)).isEqualTo(state);
    }

    @Test
    void theSerdeRoundTripsAndPassesNullThrough() {
        Serde<SaleState> serde = SaleStateSerde.serde();
        SaleState state = new SaleState(won("1", "1"), 1L);

        assertThat(serde.deserializer().deserialize("sales", serde.serializer().serialize("sales", state))).isEqualTo(state);
        assertThat(serde.serializer().serialize("sales", null)).isNull();
        assertThat(serde.deserializer().deserialize("sales", null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(bytes = {0, 2, -1})
    void anUnknownFormatIsRejected(byte format) {
        byte[] bytes = SaleStateSerde.write(new SaleState(won("1", "1"), 1L));
        assertThat(bytes[0]).isEqualTo((byte) 1);
        bytes[0] = format;

        assertThatThrownBy(() -> SaleStateSerde.read(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessage("unknown format " + format + " of a sale's state");
    }

    @Test
    void noBytesAreAnUnknownFormat() {
        assertThatThrownBy(() -> SaleStateSerde.read(new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessage("unknown format 0 of a sale's state");
    }

    @Test
    void aTruncatedStateIsRejected() {
        for (SaleState state : new SaleState[] {
                new SaleState(won("999999999999999.9999999999", "-12.5"), 7L),
                new SaleState(null, 7L)}) {
            byte[] bytes = SaleStateSerde.write(state);
            for (int length = 0; length < bytes.length; length++) {
                byte[] prefix = Arrays.copyOf(bytes, length);
                assertThatThrownBy(() -> SaleStateSerde.read(prefix))
                        .as("the first %d of %d bytes", length, bytes.length)
                        .isInstanceOf(SerializationException.class);
            }
        }
    }
}
