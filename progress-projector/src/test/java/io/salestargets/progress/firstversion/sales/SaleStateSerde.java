package io.salestargets.progress.firstversion.sales;

import io.salestargets.events.sale.SaleWon;
import io.salestargets.progress.firstversion.binary.BinaryReader;
import io.salestargets.progress.firstversion.binary.BinaryWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The binary form of a {@link SaleState} in the {@code sales} store and its changelog: one write per
 * sale record, so it is the sales stage's most frequent serialization. Internal to the projector.
 */
public final class SaleStateSerde {

    private static final byte FORMAT_1 = 1;

    private SaleStateSerde() {
    }

    public static Serde<SaleState> serde() {
        return Serdes.serdeFrom((Serializer<SaleState>) (topic, state) -> state == null ? null : write(state),
                (Deserializer<SaleState>) (topic, bytes) -> bytes == null ? null : read(bytes));
    }

    static byte[] write(SaleState state) {
        BinaryWriter out = new BinaryWriter(FORMAT_1, 192);
        writeNullableLong(out, state.revision());
        SaleWon won = state.won();
        out.writeByte(won == null ? 0 : 1);
        if (won != null) {
            out.writeUtf(won.tenantId()).writeUtf(won.saleId());
            writeNullableLong(out, won.revision());
            out.writeNullableDay(won.wonDate()).writeUtf(won.userId()).writeUtf(won.groupId())
                    .writeDecimal(won.amount()).writeDecimal(won.profit()).writeNullableUtf(won.currency())
                    .writeShort(won.dimensions().size());
            won.dimensions().forEach((dimension, item) -> out.writeUtf(dimension).writeUtf(item));
            out.writeByte(won.occurredAt() == null ? 0 : 1);
            if (won.occurredAt() != null) {
                out.writeLong(won.occurredAt().getEpochSecond()).writeInt(won.occurredAt().getNano());
            }
        }
        return out.toBytes();
    }

    static SaleState read(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes, FORMAT_1, "a sale's state");
        Long revision = readNullableLong(in);
        if (in.readByte() == 0) {
            return new SaleState(null, revision);
        }
        String tenantId = in.readUtf();
        String saleId = in.readUtf();
        Long saleRevision = readNullableLong(in);
        LocalDate wonDate = in.readNullableDay();
        String userId = in.readUtf();
        String groupId = in.readUtf();
        BigDecimal amount = in.readDecimal();
        BigDecimal profit = in.readDecimal();
        String currency = in.readNullableUtf();
        int size = in.readShort();
        Map<String, String> dimensions = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            dimensions.put(in.readUtf(), in.readUtf());
        }
        Instant occurredAt = in.readByte() == 0 ? null : Instant.ofEpochSecond(in.readLong(), in.readInt());
        return new SaleState(new SaleWon(tenantId, saleId, saleRevision, wonDate, userId, groupId, amount, profit, currency,
                dimensions, occurredAt), revision);
    }

    private static void writeNullableLong(BinaryWriter out, Long value) {
        out.writeByte(value == null ? 0 : 1);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long readNullableLong(BinaryReader in) {
        return in.readByte() == 0 ? null : in.readLong();
    }
}
