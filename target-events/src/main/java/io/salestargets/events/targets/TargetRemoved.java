package io.salestargets.events.targets;

import java.time.Instant;
import java.util.UUID;

/** A row was removed. Its history stays in the event log. {@code reason}: why, or null. */
public record TargetRemoved(UUID eventId, String tenantId, RowId target, long version, Instant occurredAt, String actor,
        String reason)
        implements TargetRowEvent {

    public TargetRemoved {
        RowEventFields.check(eventId, tenantId, target, version, occurredAt, actor);
    }
}
