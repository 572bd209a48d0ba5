package io.salestargets.progress.differential;

import io.salestargets.events.sale.SaleRecord;
import io.salestargets.events.sale.SaleRetracted;
import io.salestargets.events.sale.SaleWon;
import io.salestargets.events.targets.TargetEvent;
import io.salestargets.events.targets.TargetRowEvent;
import io.salestargets.events.targets.TargetSet;
import io.salestargets.events.targets.TargetTypeAdded;

/**
 * One step of a generated stream, in the order the projector receives it: a record of {@code crm.sales}, an
 * event of {@code targets.events}, or a publication (the publish interval passes, the views that changed go
 * out). Printed short, so that a shrunk counterexample reads as a story.
 */
public sealed interface Input {

    /** A record of {@code crm.sales} under {@code <tenant>/<saleId>}: a SaleWon, a SaleRetracted, or null (a tombstone). */
    record Sale(String tenantId, String saleId, SaleRecord record) implements Input {

        public String key() {
            return tenantId + "/" + saleId;
        }

        @Override
        public String toString() {
            if (record == null) {
                return "tombstone " + key();
            }
            String revision = record.revision() == null ? "" : " r" + record.revision();
            if (record instanceof SaleRetracted) {
                return "retracted " + key() + revision;
            }
            SaleWon won = (SaleWon) record;
            return "won " + key() + revision + " " + won.wonDate() + " " + won.userId() + "/" + won.groupId() + " amount "
                    + won.amount().toPlainString() + " profit " + won.profit().toPlainString()
                    + (won.dimensions().isEmpty() ? "" : " " + won.dimensions());
        }
    }

    /** An event of {@code targets.events} under its own key. */
    record Target(TargetEvent event) implements Input {

        @Override
        public String toString() {
            if (event instanceof TargetTypeAdded added) {
                return "type added " + added.key() + " (" + added.targetType().dimension() + ", " + added.targetType().unit() + ")";
            }
            TargetRowEvent row = (TargetRowEvent) event;
            String what = row instanceof TargetSet set ? "set " + set.interval() + " " + set.values().stream()
                    .map(value -> value.toPlainString()).toList() : row.typeName().replace("Target", "").toLowerCase();
            return "target " + row.key() + " v" + row.version() + " " + what;
        }
    }

    /** The publish interval passes: the projector publishes the views that changed since the last time. */
    record Publication() implements Input {

        @Override
        public String toString() {
            return "publish";
        }
    }
}
