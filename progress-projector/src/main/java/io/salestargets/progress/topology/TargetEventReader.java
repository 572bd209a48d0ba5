package io.salestargets.progress.topology;

import io.salestargets.events.InvalidInputException;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.targets.TargetEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.jboss.logging.Logger;

/**
 * Reads {@code targets.events}: every event goes on under its key (a row key or a type key, both
 * beginning with the tenant id), to its tenant's partition ({@link TenantPartitioner}). A record that cannot be read, or whose key is not its event's,
 * is skipped with a warning: the command service wrote it, so it is a bug to look at, not data.
 */
final class TargetEventReader implements Processor<String, byte[], String, TargetEvent> {

    private static final Logger LOG = Logger.getLogger(TargetEventReader.class);

    private final ProjectorMetrics metrics;
    private ProcessorContext<String, TargetEvent> context;

    TargetEventReader(ProjectorMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, TargetEvent> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        TargetEvent event;
        try {
            event = EventJson.read(record.value(), TargetEvent.class);
        } catch (InvalidInputException e) {
            skip(record, e.getMessage());
            return;
        }
        if (!event.key().equals(record.key())) {
            skip(record, "its key is not its event's " + event.key());
            return;
        }
        context.forward(new Record<>(event.key(), event, record.timestamp()));
    }

    private void skip(Record<String, byte[]> record, String reason) {
        metrics.unreadableTargetEvent();
        String where = context.recordMetadata().map(m -> m.partition() + "@" + m.offset()).orElse("?");
        LOG.warnf("Skipping the record of %s %s with key %s: %s", Topics.TARGET_EVENTS, where, record.key(), reason);
    }
}
