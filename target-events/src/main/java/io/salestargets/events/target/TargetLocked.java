package io.salestargets.events.target;

import java.time.Instant;
import java.util.UUID;

/** A row was locked: it refuses changes and removal until unlocked. */
public record TargetLocked(UUID eventId, String tenantId, RowId target, long version, Instant occurredAt, String actor)
        implements TargetRowEvent {

    public TargetLocked {
        RowEventFields.check(eventId, tenantId, target, version, occurredAt, actor);
    }
}
