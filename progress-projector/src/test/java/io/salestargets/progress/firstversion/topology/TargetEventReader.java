package io.salestargets.progress.firstversion.topology;

import io.salestargets.events.json.EventJson;
import io.salestargets.events.targets.TargetEvent;
import io.salestargets.events.targets.TargetRowEvent;
import io.salestargets.progress.firstversion.actuals.Keys;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads {@code targets.events}: row events go on keyed by their owner, type events by their type key
 * (then to every owner partition). Version 1 skipped a record it could not read with a warning; this twin
 * refuses it, since the differential test sends none.
 */
final class TargetEventReader implements Processor<String, byte[], String, TargetEvent> {

    private ProcessorContext<String, TargetEvent> context;

    @Override
    public void init(ProcessorContext<String, TargetEvent> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        TargetEvent event = EventJson.read(record.value(), TargetEvent.class);
        if (!event.key().equals(record.key())) {
            throw new IllegalArgumentException("its key is not its event's " + event.key() + ": " + record.key());
        }
        String key = event instanceof TargetRowEvent row
                ? Keys.owner(row.tenantId(), row.target().year(), row.target().level(), row.target().ownerId())
                : event.key();
        context.forward(new Record<>(key, event, record.timestamp()));
    }
}
