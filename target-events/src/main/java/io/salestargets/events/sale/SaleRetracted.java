package io.salestargets.events.sale;

import java.time.Instant;

/** A sale no longer counts (lost, reopened or deleted): removed from all actuals. */
public record SaleRetracted(String tenantId, String saleId, Long revision, Instant occurredAt) implements SaleRecord {

    public SaleRetracted {
        SaleFields.check(tenantId, saleId, revision);
    }
}
