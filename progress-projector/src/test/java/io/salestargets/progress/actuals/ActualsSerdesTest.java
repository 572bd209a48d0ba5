package io.salestargets.progress.actuals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.events.target.Level;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ActualsSerdesTest {

    private static final LocalDate MARCH_14 = LocalDate.of(2026, 3, 14);

    /** Decimals of every shape: zero, negative, negative and zero scale, the long fast path and the big slow path. */
    private static final String[] DECIMALS = {
            "0", "0.00", "0E+5", "1", "-1", "12000.50", "-0.0000000001", "123.4500", "1E+3", "-7E+2", "5E-7",
            "999999999999999999", "-999999999999999999", "0.999999999999999999", // 18 digits: the last of the fast path
            "1000000000000000000", "-1000000000000000000", "9.223372036854775808", // 19 digits: the slow path
            "999999999999999.9999999999", "-999999999999999.9999999999", // the largest a sale may carry
            "1.00000000000000000000", "123456789012345678901234567890123456789012345678901234567890.123456789",
            "-98765432109876543210987654321E+40", "1E+32768", "-1E-32767", "9223372036854775807", "-9223372036854775808"};

    private static Actual actual(String amount, String profit, long count) {
        return new Actual(new BigDecimal(amount), new BigDecimal(profit), count);
    }

    private static ActualsChange roundTrip(ActualsChange change) {
        return ActualsSerdes.readChange(ActualsSerdes.write(change));
    }

    private static MonthActuals roundTrip(MonthActuals month) {
        return ActualsSerdes.readMonth(ActualsSerdes.write(month));
    }

    private static ActualsChange change() {
        return new ActualsChange("acme", 2026, Level.USER, "u-anna", "g-north", MARCH_14, List.of(
                new ActualsChange.Entry("all", null, MARCH_14, actual("12000.50", "3000.25", 1)),
                new ActualsChange.Entry("region", "r-eu", MARCH_14, actual("12000.50", "3000.25", 1)),
                new ActualsChange.Entry("sale-type", "st-3", LocalDate.of(2026, 2, 1), actual("-99.99", "-0.01", -1))));
    }

    private static void assertEveryPrefixEndsEarly(byte[] bytes, String what) {
        for (int length = 0; length < bytes.length; length++) {
            byte[] prefix = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> read(prefix, what))
                    .as("the first %d of %d bytes", length, bytes.length)
                    .isInstanceOf(SerializationException.class);
        }
    }

    private static Object read(byte[] bytes, String what) {
        return what.equals("change") ? ActualsSerdes.readChange(bytes) : ActualsSerdes.readMonth(bytes);
    }

    // changes

    @Test
    void aChangeRoundTrips() {
        ActualsChange change = change();

        assertThat(roundTrip(change)).isEqualTo(change);
    }

    @Test
    void aChangeWithoutGroupNorEntriesRoundTrips() {
        ActualsChange change = new ActualsChange("acme", 2026, Level.COMPANY, "company", null, null, List.of());

        assertThat(roundTrip(change)).isEqualTo(change);
    }

    @Test
    void anEntryWithoutItemOrDayRoundTrips() {
        ActualsChange change = new ActualsChange("acme", 2026, Level.GROUP, "g-north", null, null,
                List.of(new ActualsChange.Entry("all", null, null, Actual.NONE)));

        ActualsChange read = roundTrip(change);

        assertThat(read).isEqualTo(change);
        assertThat(read.entries().get(0).item()).isNull();
        assertThat(read.entries().get(0).day()).isNull();
    }

    @Test
    void anEmptyItemIsNotNull() {
        ActualsChange change = new ActualsChange("acme", 2026, Level.USER, "u-anna", "", null,
                List.of(new ActualsChange.Entry("", "", MARCH_14, Actual.NONE)));

        ActualsChange read = roundTrip(change);

        assertThat(read).isEqualTo(change);
        assertThat(read.groupId()).isEmpty();
        assertThat(read.entries().get(0).item()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Level.class)
    void everyLevelRoundTrips(Level level) {
        ActualsChange change = new ActualsChange("acme", 2026, level, "o-1", null, null, List.of());

        assertThat(roundTrip(change).level()).isEqualTo(level);
    }

    @Test
    void decimalsRoundTripExactlyWithTheirScale() {
        List<ActualsChange.Entry> entries = new ArrayList<>();
        for (String amount : DECIMALS) {
            for (String profit : new String[] {"0", "-0.5", amount}) {
                entries.add(new ActualsChange.Entry("all", null, MARCH_14, actual(amount, profit, 1)));
            }
        }
        ActualsChange change = new ActualsChange("acme", 2026, Level.USER, "u-anna", null, null, entries);

        List<ActualsChange.Entry> read = roundTrip(change).entries();

        assertThat(read).hasSize(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            BigDecimal expected = entries.get(i).actual().amount();
            BigDecimal amount = read.get(i).actual().amount();
            assertThat(amount).as(expected.toString()).isEqualTo(expected);
            assertThat(amount.scale()).as(expected.toString()).isEqualTo(expected.scale());
            assertThat(read.get(i).actual().profit()).as(expected.toString()).isEqualTo(entries.get(i).actual().profit());
        }
    }

    @Test
    void theLargestUnscaledValueOfTheSlowPathRoundTrips() {
        // 255 bytes of two's complement: the most that the length byte of a big decimal can say
        BigDecimal big = new BigDecimal(java.math.BigInteger.ONE.shiftLeft(255 * 8 - 1).subtract(java.math.BigInteger.ONE), 12);
        ActualsChange change = new ActualsChange("acme", 2026, Level.USER, "u-anna", null, null,
                List.of(new ActualsChange.Entry("all", null, MARCH_14, new Actual(big, big.negate(), 1))));

        assertThat(roundTrip(change)).isEqualTo(change);
    }

    @Test
    void countsRoundTripWhateverTheirSign() {
        List<ActualsChange.Entry> entries = new ArrayList<>();
        for (long count : new long[] {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE}) {
            entries.add(new ActualsChange.Entry("all", null, MARCH_14, actual("1", "1", count)));
        }
        ActualsChange change = new ActualsChange("acme", 2026, Level.USER, "u-anna", null, null, entries);

        assertThat(roundTrip(change)).isEqualTo(change);
    }

    @Test
    void unicodeStringsRoundTrip() {
        ActualsChange change = new ActualsChange("zürich-東京", 2026, Level.USER, "ü-ånna-🚀", "grüppe-ñ", MARCH_14,
                List.of(new ActualsChange.Entry("größe", "été-🎉-日本", MARCH_14, actual("1", "1", 1))));

        assertThat(roundTrip(change)).isEqualTo(change);
    }

    @Test
    void daysRoundTripFarFromNow() {
        List<ActualsChange.Entry> entries = new ArrayList<>();
        for (LocalDate day : List.of(LocalDate.of(1970, 1, 1), LocalDate.of(1969, 12, 31), LocalDate.of(2028, 2, 29),
                LocalDate.of(9999, 12, 31), LocalDate.of(-4000, 1, 1))) {
            entries.add(new ActualsChange.Entry("all", null, day, Actual.NONE));
        }
        ActualsChange change = new ActualsChange("acme", 2026, Level.USER, "u-anna", "g-north", LocalDate.of(1900, 1, 1), entries);

        assertThat(roundTrip(change)).isEqualTo(change);
    }

    @Test
    void theSerdeRoundTripsAndPassesNullThrough() {
        Serde<ActualsChange> serde = ActualsSerdes.changes();
        ActualsChange change = change();

        assertThat(serde.deserializer().deserialize("actuals-changes", serde.serializer().serialize("actuals-changes", change)))
                .isEqualTo(change);
        assertThat(serde.serializer().serialize("actuals-changes", null)).isNull();
        assertThat(serde.deserializer().deserialize("actuals-changes", null)).isNull();
    }

    @Test
    void aChangeStartsWithFormatOne() {
        assertThat(ActualsSerdes.write(change())[0]).isEqualTo((byte) 1);
    }

    @ParameterizedTest
    @ValueSource(bytes = {0, 2, 127, -1})
    void anUnknownFormatOfAChangeIsRejected(byte format) {
        byte[] bytes = ActualsSerdes.write(change());
        bytes[0] = format;

        assertThatThrownBy(() -> ActualsSerdes.readChange(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessage("unknown format " + format + " of an actuals change");
    }

    @Test
    void noBytesAreAnUnknownFormat() {
        assertThatThrownBy(() -> ActualsSerdes.readChange(new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessage("unknown format 0 of an actuals change");
    }

    @Test
    void aTruncatedChangeIsRejected() {
        assertEveryPrefixEndsEarly(ActualsSerdes.write(change()), "change");
        assertThatThrownBy(() -> ActualsSerdes.readChange(new byte[] {1}))
                .isInstanceOf(SerializationException.class)
                .hasMessage("the record ends early");
    }

    @ParameterizedTest
    @ValueSource(bytes = {3, 100, -1})
    void anUnknownLevelIsRejected(byte level) {
        byte[] bytes = ActualsSerdes.write(new ActualsChange("t", 2026, Level.USER, "u", null, null, List.of()));
        // format, tenant (length 2 + 1 byte), year (2)
        assertThat(bytes[6]).isEqualTo((byte) Level.USER.ordinal());
        bytes[6] = level;

        assertThatThrownBy(() -> ActualsSerdes.readChange(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessage("level " + level + " in an actuals change");
    }

    // months

    @Test
    void anEmptyMonthRoundTripsInTwoBytes() {
        byte[] bytes = ActualsSerdes.write(MonthActuals.EMPTY);

        assertThat(bytes).containsExactly(1, 0);
        MonthActuals read = ActualsSerdes.readMonth(bytes);
        assertThat(read).isEqualTo(MonthActuals.EMPTY);
        assertThat(read.isEmpty()).isTrue();
        assertThat(read.total()).isEqualTo(Actual.NONE);
    }

    @Test
    void aMonthRoundTripsWithItsTotal() {
        MonthActuals month = MonthActuals.EMPTY
                .plus(1, actual("100.50", "20", 1))
                .plus(15, actual("-0.0000000001", "-3.25", -1))
                .plus(31, actual("999999999999999.9999999999", "1E+3", 2));

        MonthActuals read = roundTrip(month);

        assertThat(read).isEqualTo(month);
        assertThat(read.day(1)).isEqualTo(actual("100.50", "20", 1));
        assertThat(read.day(15)).isEqualTo(actual("-0.0000000001", "-3.25", -1));
        assertThat(read.day(31)).isEqualTo(actual("999999999999999.9999999999", "1E+3", 2));
        assertThat(read.day(2)).isEqualTo(Actual.NONE);
        assertThat(read.total()).isEqualTo(month.total());
    }

    @Test
    void everyDayOfAMonthRoundTrips() {
        MonthActuals month = MonthActuals.EMPTY;
        for (int day = 1; day <= 31; day++) {
            month = month.plus(day, actual(DECIMALS[day % DECIMALS.length], DECIMALS[(day * 7) % DECIMALS.length], day));
        }

        MonthActuals read = roundTrip(month);

        assertThat(read).isEqualTo(month);
        for (int day = 1; day <= 31; day++) {
            assertThat(read.day(day)).as("day %d", day).isEqualTo(month.day(day));
        }
        assertThat(read.total().amount()).isEqualByComparingTo(month.total().amount());
        assertThat(read.total().profit()).isEqualByComparingTo(month.total().profit());
        assertThat(read.total().count()).isEqualTo(month.total().count());
    }

    @Test
    void theMonthSerdeRoundTripsAndPassesNullThrough() {
        Serde<MonthActuals> serde = ActualsSerdes.months();
        MonthActuals month = MonthActuals.EMPTY.plus(14, actual("12000.50", "3000", 1));

        assertThat(serde.deserializer().deserialize("actuals", serde.serializer().serialize("actuals", month))).isEqualTo(month);
        assertThat(serde.serializer().serialize("actuals", null)).isNull();
        assertThat(serde.deserializer().deserialize("actuals", null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(bytes = {0, 2, -1})
    void anUnknownFormatOfAMonthIsRejected(byte format) {
        byte[] bytes = ActualsSerdes.write(MonthActuals.EMPTY.plus(3, actual("1", "1", 1)));
        bytes[0] = format;

        assertThatThrownBy(() -> ActualsSerdes.readMonth(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessage("unknown format " + format + " of monthly actuals");
    }

    @Test
    void aTruncatedMonthIsRejected() {
        MonthActuals month = MonthActuals.EMPTY
                .plus(2, actual("1", "1", 1))
                .plus(30, actual("123456789012345678901234567890.5", "-1", 1));

        assertEveryPrefixEndsEarly(ActualsSerdes.write(month), "month");
    }

    @ParameterizedTest
    @ValueSource(bytes = {32, 100, -1, -128})
    void aDayOutsideTheMonthIsRejected(byte day) {
        byte[] bytes = ActualsSerdes.write(MonthActuals.EMPTY.plus(3, actual("1", "1", 1)));
        assertThat(bytes[1]).isEqualTo((byte) 3);
        bytes[1] = day;

        assertThatThrownBy(() -> ActualsSerdes.readMonth(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessage("day " + day + " in monthly actuals");
    }
}
