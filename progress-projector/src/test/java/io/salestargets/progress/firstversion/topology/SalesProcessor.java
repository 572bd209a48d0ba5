package io.salestargets.progress.firstversion.topology;

import io.salestargets.events.json.EventJson;
import io.salestargets.events.sale.SaleKey;
import io.salestargets.events.sale.SaleRecord;
import io.salestargets.events.sale.SaleRetracted;
import io.salestargets.events.sale.SaleWon;
import io.salestargets.events.targets.RowId;
import io.salestargets.progress.firstversion.actuals.ActualsChange;
import io.salestargets.progress.firstversion.sales.SaleContributions;
import io.salestargets.progress.firstversion.sales.SaleState;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The sales stage, partitioned like {@code crm.sales} (by sale): keeps what each sale counts ({@code sales}
 * store), and sends on, per change and owner, one {@link ActualsChange} that takes the old contribution back
 * and adds the new one. Version 1 sent a record it could not read to the dead-letter topic; this twin refuses
 * it, since the differential test sends none.
 */
final class SalesProcessor implements Processor<byte[], byte[], String, ActualsChange> {

    private ProcessorContext<String, ActualsChange> context;
    private KeyValueStore<String, SaleState> sales;

    @Override
    public void init(ProcessorContext<String, ActualsChange> context) {
        this.context = context;
        this.sales = context.getStateStore(ProgressTopology.SALES_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        SaleKey saleKey = SaleKey.parse(key);
        if (record.value() == null) {
            retract(record, saleKey.format(), null);
            return;
        }
        SaleRecord sale = EventJson.read(record.value(), SaleRecord.class);
        if (!sale.saleKey().equals(saleKey)) {
            throw new IllegalArgumentException("key: is not the record's <tenantId>/<saleId>: " + key);
        }
        if (sale instanceof SaleWon won && (won.wonDate().getYear() < RowId.FIRST_YEAR || won.wonDate().getYear() > RowId.LAST_YEAR)) {
            throw new IllegalArgumentException("wonDate: the year must be between " + RowId.FIRST_YEAR + " and " + RowId.LAST_YEAR);
        }
        SaleState held = sales.get(key);
        if (sale.revision() != null && held != null && held.revision() != null && sale.revision() <= held.revision()) {
            return; // stale
        }
        Long revision = sale.revision() != null ? sale.revision() : held == null ? null : held.revision();
        if (sale instanceof SaleRetracted) {
            retract(record, key, revision);
            return;
        }
        SaleWon won = (SaleWon) sale;
        send(record, held == null ? null : held.won(), won);
        sales.put(key, new SaleState(won, revision));
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
    }

    /** What changes for each owner when the sale stops counting as {@code removed} and counts as {@code added}. */
    private void send(Record<byte[], byte[]> record, SaleWon removed, SaleWon added) {
        for (ActualsChange change : SaleContributions.of(removed, added)) {
            context.forward(new Record<>(change.ownerKey(), change, record.timestamp()));
        }
    }
}
