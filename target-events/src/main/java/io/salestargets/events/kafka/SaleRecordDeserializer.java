package io.salestargets.events.kafka;

import io.salestargets.events.sale.SaleRecord;

/** Reads the records of {@code crm.sales}; has the no-argument constructor that configuration by class name needs. */
public class SaleRecordDeserializer extends JsonDeserializer<SaleRecord> {

    public SaleRecordDeserializer() {
        super(SaleRecord.class);
    }
}
