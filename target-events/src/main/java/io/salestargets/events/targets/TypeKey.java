package io.salestargets.events.targets;

import static io.salestargets.events.Fields.requireEntityId;
import static io.salestargets.events.Fields.requireTypeId;

import io.salestargets.events.InvalidInputException;

/** The Kafka key of a target type's events on {@code targets.events}: {@code <tenant>/types/<typeId>}. */
public record TypeKey(String tenantId, String typeId) {

    private static final String TYPES = "types";

    public TypeKey {
        requireEntityId("tenantId", tenantId);
        requireTypeId("typeId", typeId);
    }

    public String format() {
        return tenantId + "/" + TYPES + "/" + typeId;
    }

    public static TypeKey parse(String key) {
        if (key == null) {
            throw InvalidInputException.malformedKey("no key");
        }
        String[] parts = key.split("/", -1);
        if (parts.length != 3 || !TYPES.equals(parts[1])) {
            throw InvalidInputException.malformedKey("expected <tenant>/types/<typeId>");
        }
        try {
            return new TypeKey(parts[0], parts[2]);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.malformedKey(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return format();
    }
}
