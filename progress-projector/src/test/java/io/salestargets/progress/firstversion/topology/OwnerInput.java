package io.salestargets.progress.firstversion.topology;

import io.salestargets.progress.firstversion.actuals.ActualsChange;

/** What the owner stage takes in: {@link ActualsChange}s, and target events as {@link TargetChange}s. */
public interface OwnerInput {
}
