package io.salestargets.events.sale;

import static io.salestargets.events.Fields.requireEntityId;

import io.salestargets.events.InvalidInputException;

/** The checks that every sale record shares. */
final class SaleFields {

    private SaleFields() {
    }

    static void check(String tenantId, String saleId, Long revision) {
        requireEntityId("tenantId", tenantId);
        requireEntityId("saleId", saleId);
        if (revision != null && revision < 0) {
            throw new InvalidInputException("revision", "must not be negative");
        }
    }
}
