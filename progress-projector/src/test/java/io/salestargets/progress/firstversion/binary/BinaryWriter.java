package io.salestargets.progress.firstversion.binary;

import io.salestargets.progress.firstversion.actuals.Actual;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Writes the projector's internal binary records (not part of the contract): a format byte, then
 * fixed-size numbers, length-prefixed UTF-8 strings and exact decimals. Not thread-safe; one per record.
 */
public final class BinaryWriter {

    private ByteBuffer buffer;

    public BinaryWriter(byte format, int capacity) {
        buffer = ByteBuffer.allocate(Math.max(capacity, 16));
        buffer.put(format);
    }

    public BinaryWriter writeByte(int value) {
        ensure(1);
        buffer.put((byte) value);
        return this;
    }

    /**
     * A signed 16-bit number (counts, lengths, years). Refuses what does not fit, rather than writing a
     * number that reads back as another one (a negative count).
     */
    public BinaryWriter writeShort(int value) {
        if (value != (short) value) {
            throw new IllegalArgumentException("a short cannot hold " + value);
        }
        ensure(2);
        buffer.putShort((short) value);
        return this;
    }

    public BinaryWriter writeInt(int value) {
        ensure(4);
        buffer.putInt(value);
        return this;
    }

    public BinaryWriter writeLong(long value) {
        ensure(8);
        buffer.putLong(value);
        return this;
    }

    public BinaryWriter writeUtf(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ensure(2 + bytes.length);
        writeShort(bytes.length);
        buffer.put(bytes);
        return this;
    }

    public BinaryWriter writeNullableUtf(String value) {
        writeByte(value == null ? 0 : 1);
        return value == null ? this : writeUtf(value);
    }

    /** A day, or none, as its epoch day. */
    public BinaryWriter writeNullableDay(LocalDate day) {
        return writeInt(day == null ? Integer.MIN_VALUE : (int) day.toEpochDay());
    }

    /**
     * Scale, then the unscaled value: a long when it fits (nearly always), else its two's-complement
     * bytes. Refuses what the format cannot hold (a scale beyond a short, more than 255 bytes), which
     * the events' own bounds keep out ({@code SaleWon} normalizes amounts to at most 10 decimals).
     */
    public BinaryWriter writeDecimal(BigDecimal value) {
        if (value.scale() != (short) value.scale()) {
            throw new IllegalArgumentException("a decimal's scale must fit in a short: " + value.scale());
        }
        ensure(11);
        buffer.putShort((short) value.scale());
        if (value.precision() <= 18) {
            // without BigDecimal#unscaledValue, which makes a BigInteger of every value
            buffer.put((byte) 0);
            buffer.putLong(value.scaleByPowerOfTen(value.scale()).longValue());
        } else {
            byte[] big = value.unscaledValue().toByteArray();
            if (big.length > 255) {
                throw new IllegalArgumentException("a decimal's unscaled value must fit in 255 bytes: " + big.length);
            }
            ensure(1 + big.length);
            buffer.put((byte) big.length);
            buffer.put(big);
        }
        return this;
    }

    public BinaryWriter writeActual(Actual actual) {
        return writeDecimal(actual.amount()).writeDecimal(actual.profit()).writeLong(actual.count());
    }

    public byte[] toBytes() {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private void ensure(int bytes) {
        if (buffer.remaining() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
    }
}
