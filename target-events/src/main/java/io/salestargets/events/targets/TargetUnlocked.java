package io.salestargets.events.targets;

import java.time.Instant;
import java.util.UUID;

/** A locked row was unlocked. {@code reason}: why, or null. */
public record TargetUnlocked(UUID eventId, String tenantId, RowId target, long version, Instant occurredAt, String actor,
        String reason)
        implements TargetRowEvent {

    public TargetUnlocked {
        RowEventFields.check(eventId, tenantId, target, version, occurredAt, actor);
    }
}
