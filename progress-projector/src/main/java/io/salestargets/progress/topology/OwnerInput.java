package io.salestargets.progress.topology;

import io.salestargets.progress.actuals.ActualsDelta;

/** What the owner stage takes in: {@link ActualsDelta}s, and target events as {@link TargetChange}s. */
public interface OwnerInput {
}
