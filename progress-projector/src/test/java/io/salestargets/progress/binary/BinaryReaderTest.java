package io.salestargets.progress.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinaryReaderTest {

    private static final byte FORMAT = 3;

    private static BinaryWriter writer() {
        return new BinaryWriter(FORMAT, 0);
    }

    private static BinaryReader reader(BinaryWriter writer) {
        return reader(writer.toBytes());
    }

    private static BinaryReader reader(byte[] bytes) {
        return new BinaryReader(bytes, FORMAT, "a test record");
    }

    @Test
    void readsWhatTheWriterWroteInOrder() {
        BinaryReader in = reader(writer()
                .writeByte(-5).writeByte(200).writeShort(-300).writeShort(Short.MIN_VALUE).writeInt(Integer.MIN_VALUE)
                .writeLong(Long.MAX_VALUE).writeUtf("aé東🚀").writeNullableUtf(null).writeNullableUtf("")
                .writeNullableDay(LocalDate.of(2028, 2, 29)).writeNullableDay(null));

        assertThat(in.readByte()).isEqualTo(-5);
        assertThat(in.readByte()).as("bytes read back signed").isEqualTo(-56);
        assertThat(in.readShort()).isEqualTo(-300);
        // the writer refuses what a short cannot hold (BinaryWriterTest), so no count reads back as another
        assertThat(in.readShort()).as("shorts read back signed").isEqualTo(-32768);
        assertThat(in.readInt()).isEqualTo(Integer.MIN_VALUE);
        assertThat(in.readLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(in.readUtf()).isEqualTo("aé東🚀");
        assertThat(in.readNullableUtf()).isNull();
        assertThat(in.readNullableUtf()).isEmpty();
        assertThat(in.readNullableDay()).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(in.readNullableDay()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.000", "0E+7", "-1", "12000.50", "-0.0000000001", "1E+3", "-7E-2",
            "999999999999999999", "-999999999999999999", "1000000000000000000", "-1000000000000000000",
            "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
            "999999999999999.9999999999", "-999999999999999.9999999999", "1.00000000000000000000",
            "-31415926535897932384626433832795028841971693993751.058209749445923", "1E+32768", "-1E-32767", "0E-32767"})
    void decimalsRoundTripWithTheirScale(String value) {
        BigDecimal decimal = new BigDecimal(value);

        BigDecimal read = reader(writer().writeDecimal(decimal).writeByte(42)).readDecimal();

        assertThat(read).isEqualTo(decimal);
        assertThat(read.scale()).isEqualTo(decimal.scale());
    }

    @Test
    void aDecimalIsFollowedByWhatCameAfterIt() {
        BinaryReader in = reader(writer().writeDecimal(new BigDecimal("12345678901234567890.5")).writeByte(42)
                .writeDecimal(new BigDecimal("1.5")).writeByte(43));

        assertThat(in.readDecimal()).isEqualTo(new BigDecimal("12345678901234567890.5"));
        assertThat(in.readByte()).isEqualTo(42);
        assertThat(in.readDecimal()).isEqualTo(new BigDecimal("1.5"));
        assertThat(in.readByte()).isEqualTo(43);
    }

    @Test
    void anotherFormatIsRejected() {
        byte[] bytes = new BinaryWriter((byte) 4, 0).writeInt(1).toBytes();

        assertThatThrownBy(() -> reader(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessage("unknown format 4 of a test record");
    }

    @Test
    void noBytesAreFormatZero() {
        assertThatThrownBy(() -> reader(new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessage("unknown format 0 of a test record");
    }

    @Test
    void readingPastTheEndIsASerializationException() {
        byte[] formatOnly = {FORMAT};

        assertThatThrownBy(() -> reader(formatOnly).readByte()).isInstanceOf(SerializationException.class)
                .hasMessage("the record ends early");
        assertThatThrownBy(() -> reader(formatOnly).readShort()).isInstanceOf(SerializationException.class)
                .hasMessage("the record ends early");
        assertThatThrownBy(() -> reader(new byte[] {FORMAT, 0, 0, 0}).readInt()).isInstanceOf(SerializationException.class)
                .hasMessage("the record ends early");
        assertThatThrownBy(() -> reader(new byte[] {FORMAT, 0, 0, 0, 0, 0, 0, 0}).readLong()).isInstanceOf(SerializationException.class)
                .hasMessage("the record ends early");
        assertThatThrownBy(() -> reader(formatOnly).readNullableUtf()).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> reader(formatOnly).readNullableDay()).isInstanceOf(SerializationException.class);
    }

    @Test
    void aStringLongerThanTheRecordIsRejected() {
        byte[] bytes = writer().writeUtf("hello").toBytes();
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 1);

        assertThatThrownBy(() -> reader(cut).readUtf())
                .isInstanceOf(SerializationException.class)
                .hasMessage("a string runs past the end of the record");
    }

    @Test
    void aNegativeStringLengthIsRejected() {
        byte[] bytes = writer().writeShort(-1).writeInt(0).toBytes();

        assertThatThrownBy(() -> reader(bytes).readUtf())
                .isInstanceOf(SerializationException.class)
                .hasMessage("a string runs past the end of the record");
    }

    @Test
    void everyTruncatedDecimalIsRejected() {
        for (String value : new String[] {"12000.50", "-12345678901234567890.123"}) {
            byte[] bytes = writer().writeDecimal(new BigDecimal(value)).toBytes();
            for (int length = 1; length < bytes.length; length++) {
                byte[] prefix = Arrays.copyOf(bytes, length);
                assertThatThrownBy(() -> reader(prefix).readDecimal())
                        .as("%s cut to %d bytes", value, length)
                        .isInstanceOf(SerializationException.class)
                        .hasMessage("the record ends early");
            }
        }
    }
}
