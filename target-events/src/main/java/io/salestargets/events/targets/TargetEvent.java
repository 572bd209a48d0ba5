package io.salestargets.events.targets;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * An event on {@code targets.events}. Its JSON names its {@code type}; its Kafka key is the row key
 * for row events and the type key for {@link TargetTypeAdded}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TargetSet.class, name = "TargetSet"),
        @JsonSubTypes.Type(value = TargetLocked.class, name = "TargetLocked"),
        @JsonSubTypes.Type(value = TargetUnlocked.class, name = "TargetUnlocked"),
        @JsonSubTypes.Type(value = TargetRemoved.class, name = "TargetRemoved"),
        @JsonSubTypes.Type(value = TargetTypeAdded.class, name = "TargetTypeAdded")
})
public sealed interface TargetEvent permits TargetRowEvent, TargetTypeAdded {

    UUID eventId();

    String tenantId();

    Instant occurredAt();

    /** The user whose command caused the event. */
    String actor();

    /** The Kafka key: the row key or the type key. */
    String key();

    /** The event's type name, as in its JSON and in the {@code ce_type} header. */
    default String typeName() {
        return getClass().getSimpleName();
    }
}
