package io.salestargets.progress.firstversion.actuals;

import io.salestargets.events.targets.Level;
import io.salestargets.progress.firstversion.binary.BinaryReader;
import io.salestargets.progress.firstversion.binary.BinaryWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary forms of the owner stage's hottest data: the {@link ActualsChange}s on the
 * repartition topic and the {@link MonthActuals} in the {@code actuals} store (and its changelog).
 * Only the projector reads them (they are not part of the contract); each starts with a format
 * byte, so that a later format can read what an earlier one wrote.
 */
public final class ActualsSerdes {

    private static final byte FORMAT_1 = 1;

    private ActualsSerdes() {
    }

    public static Serde<ActualsChange> changes() {
        return Serdes.serdeFrom((Serializer<ActualsChange>) (topic, change) -> change == null ? null : write(change),
                (Deserializer<ActualsChange>) (topic, bytes) -> bytes == null ? null : readChange(bytes));
    }

    public static Serde<MonthActuals> months() {
        return Serdes.serdeFrom((Serializer<MonthActuals>) (topic, month) -> month == null ? null : write(month),
                (Deserializer<MonthActuals>) (topic, bytes) -> bytes == null ? null : readMonth(bytes));
    }

    static byte[] write(ActualsChange change) {
        BinaryWriter out = new BinaryWriter(FORMAT_1, 64 + 48 * change.entries().size())
                .writeUtf(change.tenantId())
                .writeShort(change.year())
                .writeByte(change.level().ordinal())
                .writeUtf(change.ownerId())
                .writeNullableUtf(change.groupId())
                .writeNullableDay(change.groupDay())
                .writeShort(change.entries().size());
        for (ActualsChange.Entry entry : change.entries()) {
            out.writeUtf(entry.dimension()).writeNullableUtf(entry.item()).writeNullableDay(entry.day()).writeActual(entry.actual());
        }
        return out.toBytes();
    }

    static ActualsChange readChange(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes, FORMAT_1, "an actuals change");
        String tenantId = in.readUtf();
        int year = in.readShort();
        int levelIndex = in.readByte();
        if (levelIndex < 0 || levelIndex >= Level.values().length) {
            throw new SerializationException("level " + levelIndex + " in an actuals change");
        }
        Level level = Level.values()[levelIndex];
        String ownerId = in.readUtf();
        String groupId = in.readNullableUtf();
        LocalDate groupDay = in.readNullableDay();
        int size = in.readShort();
        List<ActualsChange.Entry> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            entries.add(new ActualsChange.Entry(in.readUtf(), in.readNullableUtf(), in.readNullableDay(), in.readActual()));
        }
        return new ActualsChange(tenantId, year, level, ownerId, groupId, groupDay, entries);
    }

    static byte[] write(MonthActuals month) {
        // room for every day at once (a day is 1 + 31 bytes when its decimals fit in longs): no regrowth, which
        // showed in the catch-up's profile
        BinaryWriter out = new BinaryWriter(FORMAT_1, 2 + 32 * 31);
        month.forEachDay((actual, day) -> out.writeByte(day).writeActual(actual));
        return out.writeByte(0).toBytes();
    }

    static MonthActuals readMonth(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes, FORMAT_1, "monthly actuals");
        Actual[] days = new Actual[31];
        for (int day = in.readByte(); day != 0; day = in.readByte()) {
            if (day < 1 || day > 31) {
                throw new SerializationException("day " + day + " in monthly actuals");
            }
            days[day - 1] = in.readActual();
        }
        return new MonthActuals(days);
    }
}
