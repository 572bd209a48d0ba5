package io.salestargets.progress.topology;

import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.json.MalformedRecordException;
import io.salestargets.events.kafka.JsonDeserializer;
import io.salestargets.events.kafka.JsonSerializer;
import io.salestargets.events.target.TargetEvent;
import io.salestargets.events.target.TargetRowEvent;
import io.salestargets.progress.targets.TargetRowState;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.jboss.logging.Logger;

/**
 * The projector's topology, built by a plain class so that {@code TopologyTestDriver} tests it
 * without Quarkus.
 *
 * <pre>
 * targets.events --(parse)--> apply by version --> store target-rows (row key -> TargetRowState)
 * </pre>
 */
public final class ProgressTopology {

    /** The current state of every target row, by row key. */
    public static final String TARGET_ROWS_STORE = "target-rows";

    private static final Logger LOG = Logger.getLogger(ProgressTopology.class);

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TARGET_ROWS_STORE),
                Serdes.String(), targetRowStateSerde()));
        builder.stream(Topics.TARGET_EVENTS, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("target-events"))
                .process(TargetRowsProcessor::new, TARGET_ROWS_STORE);
        return builder.build();
    }

    static Serde<TargetRowState> targetRowStateSerde() {
        return Serdes.serdeFrom(new JsonSerializer<>(), new JsonDeserializer<>(TargetRowState.class));
    }

    /** Keeps the newest state of each row; ignores duplicates and events it cannot read. */
    static final class TargetRowsProcessor implements Processor<String, byte[], Void, Void> {

        private KeyValueStore<String, TargetRowState> rows;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            rows = context.getStateStore(TARGET_ROWS_STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.value() == null) {
                return;
            }
            TargetEvent event;
            try {
                event = EventJson.read(record.value(), TargetEvent.class);
            } catch (MalformedRecordException e) {
                LOG.warnf("Skipping an unreadable record on %s with key %s: %s", Topics.TARGET_EVENTS, record.key(), e.getMessage());
                return;
            }
            if (!(event instanceof TargetRowEvent rowEvent)) {
                return; // type events: every row event carries its type's measure
            }
            String key = rowEvent.key();
            if (!key.equals(record.key())) {
                LOG.warnf("Skipping a %s whose key %s is not its row %s", rowEvent.typeName(), record.key(), key);
                return;
            }
            TargetRowState held = rows.get(key);
            TargetRowState next = TargetRowState.apply(held, rowEvent);
            if (next == null) {
                rows.delete(key);
            } else if (next != held) {
                rows.put(key, next);
            }
        }
    }
}
