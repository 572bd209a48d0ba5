package io.salestargets.events.sale;

import static io.salestargets.events.Fields.requireEntityId;

import io.salestargets.events.InvalidInputException;

/** The Kafka key of a sale on {@code crm.sales}: {@code <tenant>/<saleId>}. */
public record SaleKey(String tenantId, String saleId) {

    public SaleKey {
        requireEntityId("tenantId", tenantId);
        requireEntityId("saleId", saleId);
    }

    public String format() {
        return tenantId + "/" + saleId;
    }

    public static SaleKey parse(String key) {
        if (key == null) {
            throw InvalidInputException.malformedKey("no key");
        }
        String[] parts = key.split("/", -1);
        if (parts.length != 2) {
            throw InvalidInputException.malformedKey("expected <tenant>/<saleId>");
        }
        try {
            return new SaleKey(parts[0], parts[1]);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.malformedKey(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return format();
    }
}
