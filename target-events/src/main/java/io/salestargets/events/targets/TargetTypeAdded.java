package io.salestargets.events.targets;

import static io.salestargets.events.Fields.requireEntityId;
import static io.salestargets.events.Fields.required;

import java.time.Instant;
import java.util.UUID;

/** A tenant added a target type. Its dimension and unit never change afterwards. */
public record TargetTypeAdded(UUID eventId, String tenantId, TargetType targetType, Instant occurredAt, String actor)
        implements TargetEvent {

    public TargetTypeAdded {
        required("eventId", eventId);
        requireEntityId("tenantId", tenantId);
        required("targetType", targetType);
        required("occurredAt", occurredAt);
        requireEntityId("actor", actor);
    }

    public TypeKey typeKey() {
        return new TypeKey(tenantId, targetType.id());
    }

    @Override
    public String key() {
        return typeKey().format();
    }
}
