package io.salestargets.progress.topology;

import io.salestargets.progress.sales.SaleState;
import java.util.List;

/**
 * What the sales reader makes of a record of {@code crm.sales}: the change it brings to its sale (on to
 * the tenant stage), or a dead letter (to {@code crm.sales.dlq}). Each stream takes its own kind with
 * {@link #change} or {@link #deadLetter}, without a type test.
 */
sealed interface SaleRead permits SaleRead.Change, DeadLetter {

    /** The record as the sale's new state: won (with what it counts) or retracted, and its revision. */
    record Change(SaleState state) implements SaleRead {
        @Override
        public List<SaleState> change() {
            return List.of(state);
        }
    }

    default List<SaleState> change() {
        return List.of();
    }

    default List<DeadLetter> deadLetter() {
        return List.of();
    }
}
