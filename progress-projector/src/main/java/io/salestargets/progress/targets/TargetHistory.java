package io.salestargets.progress.targets;

import io.salestargets.events.targets.Interval;
import io.salestargets.progress.binary.BinaryReader;
import io.salestargets.progress.binary.BinaryWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Every row's target history, for views with the targets as they stood at an instant: one
 * {@link TargetRevision} per event that changed the row's values, interval or lock, or removed it, under
 * {@code <row key>#<version, 19 digits>} (so that a row's revisions are adjacent and in version order).
 * Kept apart from the row's state, which every view reads: a row may have hundreds of revisions. Binary,
 * with a format byte (internal, not part of the contract).
 */
public final class TargetHistory {

    private static final byte FORMAT_1 = 1;
    private static final int REMOVED = 1;
    private static final int LOCKED = 2;
    private static final StringSerializer STRINGS = new StringSerializer();

    private TargetHistory() {
    }

    /** The store key of a row's revision. */
    public static String key(String rowKey, long version) {
        return prefix(rowKey) + String.format("%019d", version);
    }

    private static String prefix(String rowKey) {
        return rowKey + "#";
    }

    /**
     * The row's targets as known at an instant: the revision of its last event that occurred at or before
     * it; null when there was none, or when that event removed the row.
     */
    public static TargetRevision asOf(ReadOnlyKeyValueStore<String, TargetRevision> history, String rowKey, Instant at) {
        TargetRevision known = null;
        try (KeyValueIterator<String, TargetRevision> revisions = history.prefixScan(prefix(rowKey), STRINGS)) {
            while (revisions.hasNext()) {
                TargetRevision revision = revisions.next().value;
                if (!revision.occurredAt().isAfter(at)) {
                    known = revision;
                }
            }
        }
        return known == null || known.removed() ? null : known;
    }

    public static Serde<TargetRevision> serde() {
        return Serdes.serdeFrom((Serializer<TargetRevision>) (topic, revision) -> revision == null ? null : write(revision),
                (Deserializer<TargetRevision>) (topic, bytes) -> bytes == null ? null : read(bytes));
    }

    static byte[] write(TargetRevision revision) {
        BinaryWriter out = new BinaryWriter(FORMAT_1, 32 + 11 * (revision.removed() ? 0 : revision.values().size()))
                .writeLong(revision.version())
                .writeLong(revision.occurredAt().getEpochSecond())
                .writeInt(revision.occurredAt().getNano())
                .writeByte((revision.removed() ? REMOVED : 0) | (revision.locked() ? LOCKED : 0));
        if (!revision.removed()) {
            out.writeByte(revision.interval().ordinal()).writeShort(revision.values().size());
            revision.values().forEach(out::writeDecimal);
        }
        return out.toBytes();
    }

    static TargetRevision read(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes, FORMAT_1, "a target revision");
        long version = in.readLong();
        Instant occurredAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
        int flags = in.readByte();
        if ((flags & REMOVED) != 0) {
            return TargetRevision.removed(version, occurredAt);
        }
        int intervalIndex = in.readByte();
        if (intervalIndex < 0 || intervalIndex >= Interval.values().length) {
            throw new SerializationException("interval " + intervalIndex + " in a target revision");
        }
        int size = in.readShort();
        List<BigDecimal> values = new ArrayList<>(size);
        for (int period = 0; period < size; period++) {
            values.add(in.readDecimal());
        }
        return new TargetRevision(version, occurredAt, Interval.values()[intervalIndex], values, (flags & LOCKED) != 0);
    }
}
