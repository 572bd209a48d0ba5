package io.salestargets.command.store;

import java.util.Map;

/**
 * A CDI event the store fires after a transaction that appended events committed: how many of each type.
 * Whoever publishes or counts the events observes it (the relay wakes on it); the store knows none of them.
 */
public record EventsCommitted(Map<String, Integer> appendedPerType) {

    public EventsCommitted {
        appendedPerType = Map.copyOf(appendedPerType);
    }
}
