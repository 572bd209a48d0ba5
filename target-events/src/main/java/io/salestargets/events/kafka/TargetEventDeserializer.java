package io.salestargets.events.kafka;

import io.salestargets.events.targets.TargetEvent;

/** Reads the records of {@code targets.events}; has the no-argument constructor that configuration by class name needs. */
public class TargetEventDeserializer extends JsonDeserializer<TargetEvent> {

    public TargetEventDeserializer() {
        super(TargetEvent.class);
    }
}
