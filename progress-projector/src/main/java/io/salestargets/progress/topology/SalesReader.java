package io.salestargets.progress.topology;

import io.salestargets.events.InvalidInputException;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.sale.SaleKey;
import io.salestargets.events.sale.SaleRecord;
import io.salestargets.events.sale.SaleWon;
import io.salestargets.events.targets.RowId;
import io.salestargets.progress.sales.SaleState;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Reads each record of {@code crm.sales} from its raw bytes, without state: a readable one goes on as its
 * sale's new state ({@link SaleRead.Change}, keyed by its sale key, on to the tenant's partition), one
 * that cannot be read as a dead letter instead of stopping the stream. A dead letter too large for the
 * projector's producer is dropped, counted and logged instead: a send that fails would abort the
 * exactly-once transaction and bring the same record back, for ever.
 */
final class SalesReader implements Processor<byte[], byte[], String, SaleRead> {

    private static final Logger LOG = Logger.getLogger(SalesReader.class);

    private final ProjectorMetrics metrics;
    private final int deadLetterMaxBytes;
    private ProcessorContext<String, SaleRead> context;

    /** @param deadLetterMaxBytes the largest record the producer sends ({@code max.request.size}) */
    SalesReader(ProjectorMetrics metrics, int deadLetterMaxBytes) {
        this.metrics = metrics;
        this.deadLetterMaxBytes = deadLetterMaxBytes;
    }

    @Override
    public void init(ProcessorContext<String, SaleRead> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        SaleKey saleKey;
        try {
            saleKey = SaleKey.parse(key);
        } catch (InvalidInputException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        if (record.value() == null) {
            // a tombstone: the sale no longer counts, whatever its revision
            forward(record, saleKey, new SaleState(null, null));
            return;
        }
        SaleRecord sale;
        try {
            sale = EventJson.readSale(record.value());
        } catch (InvalidInputException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        if (!sale.saleKey().equals(saleKey)) {
            deadLetter(record, "key: is not the record's <tenantId>/<saleId>");
            return;
        }
        if (sale instanceof SaleWon won) {
            if (won.wonDate().getYear() < RowId.FIRST_YEAR || won.wonDate().getYear() > RowId.LAST_YEAR) {
                deadLetter(record, "wonDate: the year must be between " + RowId.FIRST_YEAR + " and " + RowId.LAST_YEAR);
                return;
            }
            forward(record, saleKey, new SaleState(won, won.revision()));
        } else {
            forward(record, saleKey, new SaleState(null, sale.revision()));
        }
    }

    private void forward(Record<byte[], byte[]> record, SaleKey key, SaleState state) {
        context.forward(new Record<>(key.format(), new SaleRead.Change(state), record.timestamp()));
    }

    private void deadLetter(Record<byte[], byte[]> record, String error) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        String reason = DeadLetter.reason(error);
        headers.add(Topics.DeadLetterHeaders.ERROR, reason.getBytes(StandardCharsets.UTF_8));
        Optional<RecordMetadata> source = context.recordMetadata();
        source.ifPresent(at -> addSource(headers, at));
        int size = AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                record.key(), record.value(), headers.toArray());
        if (size > deadLetterMaxBytes) {
            LOG.errorf("Dropped the dead letter of %s: %d bytes, over the producer's max.request.size of %d (%s)",
                    source.map(at -> at.topic() + "/" + at.partition() + "/" + at.offset()).orElse("a record"), size,
                    deadLetterMaxBytes, reason);
            metrics.deadLetterDropped();
            return;
        }
        context.forward(new Record<>("dead-letter", new DeadLetter(record.key(), record.value(), reason), record.timestamp(), headers));
        metrics.deadLetter();
    }

    private static void addSource(Headers headers, RecordMetadata source) {
        headers.add(Topics.DeadLetterHeaders.SOURCE_TOPIC, source.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(source.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DeadLetterHeaders.SOURCE_OFFSET, Long.toString(source.offset()).getBytes(StandardCharsets.UTF_8));
    }
}
