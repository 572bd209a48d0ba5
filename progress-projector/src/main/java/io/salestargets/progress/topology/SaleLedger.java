package io.salestargets.progress.topology;

import io.salestargets.events.sale.SaleWon;
import io.salestargets.progress.sales.SaleState;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The tenant stage's sale states ({@code sale-states}, the only durable state per sale): what each sale
 * counts now and its newest revision, so that an older record arriving late is ignored.
 */
final class SaleLedger {

    /** What a sale record changed: the sale stops counting as {@code removed} and counts as {@code added} (either may be null). */
    record Change(SaleWon removed, SaleWon added) {
    }

    private final KeyValueStore<String, SaleState> sales;
    private final ProjectorMetrics metrics;

    SaleLedger(KeyValueStore<String, SaleState> sales, ProjectorMetrics metrics) {
        this.sales = sales;
        this.metrics = metrics;
    }

    /**
     * Applies a sale's new state (won, or retracted: {@code won} null; a tombstone has no revision) and
     * returns what it changed; null when it changed nothing (a stale revision; a tombstone of a sale never
     * seen; the retraction of a sale never seen, whose revision is kept all the same, so that an older
     * record of the sale arriving later is ignored).
     */
    Change apply(String saleKey, SaleState next) {
        SaleState held = sales.get(saleKey);
        if (next.revision() != null && held != null && held.revision() != null && next.revision() <= held.revision()) {
            metrics.staleSaleIgnored();
            return null;
        }
        Long revision = next.revision() != null ? next.revision() : held == null ? null : held.revision();
        if (next.won() == null && held == null) {
            if (revision != null) {
                sales.put(saleKey, new SaleState(null, revision));
                metrics.saleApplied();
            }
            return null;
        }
        sales.put(saleKey, new SaleState(next.won(), revision));
        metrics.saleApplied();
        return new Change(held == null ? null : held.won(), next.won());
    }
}
