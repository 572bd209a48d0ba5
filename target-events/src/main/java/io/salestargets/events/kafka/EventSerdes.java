package io.salestargets.events.kafka;

import io.salestargets.events.progress.ProgressRecord;
import io.salestargets.events.sale.SaleRecord;
import io.salestargets.events.targets.TargetEvent;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Kafka Streams serdes for the records of each topic. */
public final class EventSerdes {

    private EventSerdes() {
    }

    public static Serde<TargetEvent> targetEvents() {
        return Serdes.serdeFrom(new JsonSerializer<>(), new TargetEventDeserializer());
    }

    public static Serde<SaleRecord> saleRecords() {
        return Serdes.serdeFrom(new JsonSerializer<>(), new SaleRecordDeserializer());
    }

    /** Both kinds of {@code targets.progress}: {@link ProgressRecordDeserializer}. */
    public static Serde<ProgressRecord> progressRecords() {
        return Serdes.serdeFrom(new JsonSerializer<>(), new ProgressRecordDeserializer());
    }
}
