package io.salestargets.command.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Who causes the next event, when (to the millisecond, as stored and published), with which id, and why. */
public record EventContext(UUID eventId, Instant at, String actor, String reason) {

    public static EventContext now(String actor, String reason) {
        return new EventContext(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), actor, reason);
    }
}
