package io.salestargets.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.events.ContractExamples;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.Topics;
import io.salestargets.events.progress.ProgressRecord;
import io.salestargets.events.sale.SaleRecord;
import io.salestargets.events.targets.TargetEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class SerdesTest {

    @Test
    void eachTopicsSerdeRoundTripsItsRecords() {
        roundTrip(EventSerdes.targetEvents(), Topics.TARGET_EVENTS, "TargetSet.json");
        roundTrip(EventSerdes.targetEvents(), Topics.TARGET_EVENTS, "TargetTypeAdded.json");
        roundTrip(EventSerdes.saleRecords(), Topics.SALES, "SaleWon.json");
        roundTrip(EventSerdes.saleRecords(), Topics.SALES, "SaleRetracted.json");
        roundTrip(EventSerdes.progressRecords(), Topics.PROGRESS, "ProgressView.json");
        roundTrip(EventSerdes.progressRecords(), Topics.PROGRESS, "TargetAttained.json");
    }

    @Test
    void tombstonesStayNull() {
        try (Serde<SaleRecord> serde = EventSerdes.saleRecords()) {
            assertThat(serde.serializer().serialize(Topics.SALES, null)).isNull();
            assertThat(serde.deserializer().deserialize(Topics.SALES, null)).isNull();
        }
    }

    @Test
    void anUnreadableRecordRaisesASerializationExceptionThatNamesTheField() {
        byte[] broken = ContractExamples.text("SaleWon.json").replace("\"wonDate\":\"2026-03-14\",", "")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new SaleRecordDeserializer().deserialize(Topics.SALES, broken))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("crm.sales")
                .hasMessageContaining("wonDate: is required")
                .cause().isInstanceOf(InvalidInputException.class);
    }

    @Test
    void deserializersHaveTheConstructorThatConfigurationByClassNameNeeds() throws Exception {
        for (Class<?> type : new Class<?>[] {TargetEventDeserializer.class, SaleRecordDeserializer.class,
                ProgressRecordDeserializer.class, JsonSerializer.class}) {
            assertThat(type.getConstructor().newInstance()).isNotNull();
        }
    }

    private static <T> void roundTrip(Serde<T> serde, String topic, String example) {
        byte[] bytes = ContractExamples.text(example).getBytes(StandardCharsets.UTF_8);
        T record = serde.deserializer().deserialize(topic, bytes);
        T again = serde.deserializer().deserialize(topic, serde.serializer().serialize(topic, record));

        assertThat(again).isEqualTo(record);
        assertThat(record).isInstanceOfAny(TargetEvent.class, SaleRecord.class, ProgressRecord.class);
    }
}
