package io.salestargets.progress.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BinaryWriterTest {

    @Test
    void aRecordStartsWithItsFormatByte() {
        assertThat(new BinaryWriter((byte) 7, 64).toBytes()).containsExactly(7);
    }

    @Test
    void numbersAreBigEndianAndFixedSize() {
        byte[] bytes = new BinaryWriter((byte) 1, 0)
                .writeByte(0xAB)
                .writeShort(0x1234)
                .writeInt(0x01020304)
                .writeLong(-2L)
                .toBytes();

        assertThat(bytes).containsExactly(1, 0xAB, 0x12, 0x34, 1, 2, 3, 4, -1, -1, -1, -1, -1, -1, -1, -2);
    }

    /**
     * A count over a short's range was written wrapped, and read back negative (SaleRecordPropertiesTest: a sale
     * with 40000 dimensions stopped the owner stage): it is refused where it is written.
     */
    @Test
    void aShortHoldsOnlyWhatReadsBackTheSame() {
        assertThat(new BinaryWriter((byte) 1, 0).writeShort(Short.MAX_VALUE).writeShort(Short.MIN_VALUE).toBytes())
                .containsExactly(1, 0x7f, 0xff, 0x80, 0);
        assertThatThrownBy(() -> new BinaryWriter((byte) 1, 0).writeShort(40_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BinaryWriter((byte) 1, 0).writeShort(-32_769)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BinaryWriter((byte) 1, 0).writeUtf("x".repeat(32_768))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStringIsItsUtf8LengthThenItsBytes() {
        assertThat(new BinaryWriter((byte) 1, 0).writeUtf("aé").toBytes()).containsExactly(1, 0, 3, 'a', 0xC3, 0xA9);
        assertThat(new BinaryWriter((byte) 1, 0).writeUtf("").toBytes()).containsExactly(1, 0, 0);
    }

    @Test
    void aNullableStringHasAPresenceByte() {
        assertThat(new BinaryWriter((byte) 1, 0).writeNullableUtf(null).toBytes()).containsExactly(1, 0);
        assertThat(new BinaryWriter((byte) 1, 0).writeNullableUtf("x").toBytes()).containsExactly(1, 1, 0, 1, 'x');
    }

    @Test
    void aDayIsItsEpochDayAndNoneIsTheSmallestInt() {
        assertThat(new BinaryWriter((byte) 1, 0).writeNullableDay(LocalDate.of(1970, 1, 2)).toBytes()).containsExactly(1, 0, 0, 0, 1);
        assertThat(new BinaryWriter((byte) 1, 0).writeNullableDay(LocalDate.of(1969, 12, 31)).toBytes())
                .containsExactly(1, -1, -1, -1, -1);
        assertThat(new BinaryWriter((byte) 1, 0).writeNullableDay(null).toBytes()).containsExactly(1, 0x80, 0, 0, 0);
    }

    @Test
    void aDecimalOfUpTo18DigitsIsItsScaleAZeroAndItsUnscaledLong() {
        byte[] bytes = new BinaryWriter((byte) 1, 0).writeDecimal(new BigDecimal("-123.45")).toBytes();

        ByteBuffer read = ByteBuffer.wrap(bytes);
        assertThat(read.get()).isEqualTo((byte) 1);
        assertThat(read.getShort()).isEqualTo((short) 2);
        assertThat(read.get()).isZero();
        assertThat(read.getLong()).isEqualTo(-12345L);
        assertThat(read.hasRemaining()).isFalse();
    }

    @Test
    void aDecimalWithANegativeScaleKeepsItsUnscaledValue() {
        byte[] bytes = new BinaryWriter((byte) 1, 0).writeDecimal(new BigDecimal("7E+3")).toBytes();

        ByteBuffer read = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        assertThat(read.getShort()).isEqualTo((short) -3);
        assertThat(read.get()).isZero();
        assertThat(read.getLong()).isEqualTo(7L);
    }

    @Test
    void aDecimalOfMoreThan18DigitsIsItsScaleThenItsTwosComplementBytes() {
        BigDecimal value = new BigDecimal("-12345678901234567890.123");
        byte[] unscaled = value.unscaledValue().toByteArray();

        byte[] bytes = new BinaryWriter((byte) 1, 0).writeDecimal(value).toBytes();

        ByteBuffer read = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        assertThat(read.getShort()).isEqualTo((short) 3);
        assertThat(read.get()).isEqualTo((byte) unscaled.length);
        byte[] rest = new byte[read.remaining()];
        read.get(rest);
        assertThat(rest).isEqualTo(unscaled);
        assertThat(new BigInteger(rest)).isEqualTo(new BigInteger("-12345678901234567890123"));
    }

    @Test
    void theBufferGrowsBeyondItsCapacity() {
        BinaryWriter out = new BinaryWriter((byte) 1, 0);
        for (int i = 0; i < 1000; i++) {
            out.writeLong(i).writeUtf("x".repeat(i % 50)).writeDecimal(new BigDecimal(BigInteger.TEN.pow(i % 60), i % 7));
        }

        BinaryReader in = new BinaryReader(out.toBytes(), (byte) 1, "a test record");
        for (int i = 0; i < 1000; i++) {
            assertThat(in.readLong()).isEqualTo(i);
            assertThat(in.readUtf()).isEqualTo("x".repeat(i % 50));
            assertThat(in.readDecimal()).isEqualTo(new BigDecimal(BigInteger.TEN.pow(i % 60), i % 7));
        }
    }

    @Test
    void aLargeStringGrowsTheBufferAtOnce() {
        String large = "ü".repeat(5000);

        byte[] bytes = new BinaryWriter((byte) 1, 16).writeUtf(large).toBytes();

        assertThat(bytes).hasSize(1 + 2 + 10_000);
        assertThat(new BinaryReader(bytes, (byte) 1, "a test record").readUtf()).isEqualTo(large);
    }

    @Test
    void toBytesHasExactlyWhatWasWritten() {
        BinaryWriter out = new BinaryWriter((byte) 1, 1024).writeInt(5);

        assertThat(out.toBytes()).hasSize(5);
        assertThat(out.writeByte(1).toBytes()).hasSize(6);
    }

    @Test
    void aDecimalTheFormatCannotHoldIsRefusedNotTruncated() {
        assertThatThrownBy(() -> new BinaryWriter((byte) 1, 0).writeDecimal(new BigDecimal("0E-40000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale");
        BigDecimal wide = new BigDecimal(BigInteger.ONE.shiftLeft(8 * 256), 2);
        assertThatThrownBy(() -> new BinaryWriter((byte) 1, 0).writeDecimal(wide))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("255 bytes");
    }
}
