package io.salestargets.events.target;

import java.time.Instant;
import java.util.UUID;

/** A locked row was unlocked. */
public record TargetUnlocked(UUID eventId, String tenantId, RowId target, long version, Instant occurredAt, String actor)
        implements TargetRowEvent {

    public TargetUnlocked {
        RowEventFields.check(eventId, tenantId, target, version, occurredAt, actor);
    }
}
