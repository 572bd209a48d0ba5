package io.salestargets.events.kafka;

import io.salestargets.events.progress.ProgressView;

/** Reads the records of {@code targets.progress}; has the no-argument constructor that configuration by class name needs. */
public class ProgressViewDeserializer extends JsonDeserializer<ProgressView> {

    public ProgressViewDeserializer() {
        super(ProgressView.class);
    }
}
