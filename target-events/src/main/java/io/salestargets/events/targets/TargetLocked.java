package io.salestargets.events.targets;

import java.time.Instant;
import java.util.UUID;

/** A row was locked: it refuses changes and removal until unlocked. {@code reason}: why, or null. */
public record TargetLocked(UUID eventId, String tenantId, RowId target, long version, Instant occurredAt, String actor,
        String reason)
        implements TargetRowEvent {

    public TargetLocked {
        RowEventFields.check(eventId, tenantId, target, version, occurredAt, actor);
    }
}
