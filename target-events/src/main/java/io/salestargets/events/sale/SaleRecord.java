package io.salestargets.events.sale;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A record the CRM publishes on {@code crm.sales}, keyed {@code <tenant>/<saleId>}. A tombstone
 * (null value) for a key removes that sale, like {@link SaleRetracted}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SaleWon.class, name = "SaleWon"),
        @JsonSubTypes.Type(value = SaleRetracted.class, name = "SaleRetracted")
})
public sealed interface SaleRecord permits SaleWon, SaleRetracted {

    String tenantId();

    String saleId();

    /**
     * Optional. When present, a record whose revision is not newer than the last one applied for
     * the sale is ignored.
     */
    Long revision();

    default SaleKey saleKey() {
        return new SaleKey(tenantId(), saleId());
    }

    default String key() {
        return saleKey().format();
    }
}
