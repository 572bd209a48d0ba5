package io.salestargets.progress.firstversion.binary;

import io.salestargets.progress.firstversion.actuals.Actual;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.kafka.common.errors.SerializationException;

/** Reads what {@link BinaryWriter} wrote; a record that ends early is a {@link SerializationException}. */
public final class BinaryReader {

    private final ByteBuffer buffer;

    /** Checks the format byte. */
    public BinaryReader(byte[] bytes, byte format, String what) {
        buffer = ByteBuffer.wrap(bytes);
        byte found = bytes.length == 0 ? 0 : buffer.get();
        if (found != format) {
            throw new SerializationException("unknown format " + found + " of " + what);
        }
    }

    public int readByte() {
        return checked(buffer::get);
    }

    public int readShort() {
        return checked(buffer::getShort);
    }

    public int readInt() {
        return checked(buffer::getInt);
    }

    public long readLong() {
        return checked(buffer::getLong);
    }

    public String readUtf() {
        int length = readShort();
        if (length < 0 || length > buffer.remaining()) {
            throw new SerializationException("a string runs past the end of the record");
        }
        String value = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return value;
    }

    public String readNullableUtf() {
        return readByte() == 0 ? null : readUtf();
    }

    public LocalDate readNullableDay() {
        int day = readInt();
        return day == Integer.MIN_VALUE ? null : LocalDate.ofEpochDay(day);
    }

    public BigDecimal readDecimal() {
        int scale = readShort();
        int length = Byte.toUnsignedInt((byte) readByte());
        if (length == 0) {
            return BigDecimal.valueOf(readLong(), scale);
        }
        byte[] bytes = new byte[length];
        checked(() -> buffer.get(bytes));
        return new BigDecimal(new BigInteger(bytes), scale);
    }

    public Actual readActual() {
        return new Actual(readDecimal(), readDecimal(), readLong());
    }

    private static <T> T checked(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (BufferUnderflowException e) {
            throw new SerializationException("the record ends early", e);
        }
    }
}
