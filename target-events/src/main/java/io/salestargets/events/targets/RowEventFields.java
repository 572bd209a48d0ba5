package io.salestargets.events.targets;

import static io.salestargets.events.Fields.requireEntityId;
import static io.salestargets.events.Fields.required;

import io.salestargets.events.InvalidInputException;
import java.time.Instant;
import java.util.UUID;

/** The checks that every row event shares. */
final class RowEventFields {

    private RowEventFields() {
    }

    static void check(UUID eventId, String tenantId, RowId target, long version, Instant occurredAt, String actor) {
        required("eventId", eventId);
        requireEntityId("tenantId", tenantId);
        required("target", target);
        if (version < 1) {
            throw new InvalidInputException("version", "must be at least 1");
        }
        required("occurredAt", occurredAt);
        requireEntityId("actor", actor);
    }
}
