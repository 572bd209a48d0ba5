package io.salestargets.progress.topology;

import io.salestargets.progress.actuals.ActualsChange;

/** What the owner stage takes in: {@link ActualsChange}s, and target events as {@link TargetChange}s. */
public interface OwnerInput {
}
