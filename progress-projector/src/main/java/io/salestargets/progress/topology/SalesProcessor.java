package io.salestargets.progress.topology;

import io.salestargets.events.MalformedKeyException;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.json.MalformedRecordException;
import io.salestargets.events.sale.SaleKey;
import io.salestargets.events.sale.SaleRecord;
import io.salestargets.events.sale.SaleRetracted;
import io.salestargets.events.sale.SaleWon;
import io.salestargets.events.target.RowId;
import io.salestargets.progress.actuals.ActualsChange;
import io.salestargets.progress.sales.SaleContributions;
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
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * The sales stage, partitioned like {@code crm.sales} (by sale). Reads each record from its raw bytes,
 * so that one that cannot be read goes to the dead-letter topic instead of stopping the stream (a dead
 * letter too large for the projector's producer is dropped, counted and logged instead: a send that fails
 * would abort the exactly-once transaction and bring the same record back, for ever); keeps
 * what each sale counts ({@code sales} store); and sends on, per change and owner, one
 * {@link ActualsChange} that takes the old contribution back and adds the new one.
 */
final class SalesProcessor implements Processor<byte[], byte[], String, SalesOutput> {

    private static final Logger LOG = Logger.getLogger(SalesProcessor.class);

    private final ProjectorMetrics metrics;
    private final int deadLetterMaxBytes;
    private ProcessorContext<String, SalesOutput> context;
    private KeyValueStore<String, SaleState> sales;

    /** @param deadLetterMaxBytes the largest record the producer sends ({@code max.request.size}) */
    SalesProcessor(ProjectorMetrics metrics, int deadLetterMaxBytes) {
        this.metrics = metrics;
        this.deadLetterMaxBytes = deadLetterMaxBytes;
    }

    @Override
    public void init(ProcessorContext<String, SalesOutput> context) {
        this.context = context;
        this.sales = context.getStateStore(ProgressTopology.SALES_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        SaleKey saleKey;
        try {
            saleKey = SaleKey.parse(key);
        } catch (MalformedKeyException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        if (record.value() == null) {
            retract(record, saleKey.format(), null);
            return;
        }
        SaleRecord sale;
        try {
            sale = EventJson.read(record.value(), SaleRecord.class);
        } catch (MalformedRecordException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        if (!sale.saleKey().equals(saleKey)) {
            deadLetter(record, "key: is not the record's <tenantId>/<saleId>");
            return;
        }
        if (sale instanceof SaleWon won && (won.wonDate().getYear() < RowId.FIRST_YEAR || won.wonDate().getYear() > RowId.LAST_YEAR)) {
            deadLetter(record, "wonDate: the year must be between " + RowId.FIRST_YEAR + " and " + RowId.LAST_YEAR);
            return;
        }
        SaleState held = sales.get(key);
        if (sale.revision() != null && held != null && held.revision() != null && sale.revision() <= held.revision()) {
            metrics.staleSaleIgnored();
            return;
        }
        Long revision = sale.revision() != null ? sale.revision() : held == null ? null : held.revision();
        if (sale instanceof SaleRetracted) {
            retract(record, key, revision);
            return;
        }
        SaleWon won = (SaleWon) sale;
        send(record, held == null ? null : held.won(), won);
        sales.put(key, new SaleState(won, revision));
        metrics.saleApplied();
    }

    /** A retraction, or a tombstone (no revision): the sale no longer counts anywhere. */
    private void retract(Record<byte[], byte[]> record, String key, Long revision) {
        SaleState held = sales.get(key);
        if (held == null) {
            return;
        }
        if (held.won() != null) {
            send(record, held.won(), null);
        }
        sales.put(key, new SaleState(null, revision != null ? revision : held.revision()));
        metrics.saleApplied();
    }

    /** What changes for each owner when the sale stops counting as {@code removed} and counts as {@code added}. */
    private void send(Record<byte[], byte[]> record, SaleWon removed, SaleWon added) {
        for (ActualsChange change : SaleContributions.of(removed, added)) {
            context.forward(new Record<>(change.ownerKey(), (SalesOutput) change, record.timestamp()));
        }
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
        context.forward(new Record<>("dead-letter", (SalesOutput) new DeadLetter(record.key(), record.value(), reason),
                record.timestamp(), headers));
        metrics.deadLetter();
    }

    private static void addSource(Headers headers, RecordMetadata source) {
        headers.add(Topics.DeadLetterHeaders.SOURCE_TOPIC, source.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(source.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DeadLetterHeaders.SOURCE_OFFSET, Long.toString(source.offset()).getBytes(StandardCharsets.UTF_8));
    }
}
