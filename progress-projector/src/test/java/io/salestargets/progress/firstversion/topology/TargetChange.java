package io.salestargets.progress.firstversion.topology;

import io.salestargets.events.targets.TargetEvent;

/** A target event on its way to the owner stage. */
public record TargetChange(TargetEvent event) implements OwnerInput {
}
