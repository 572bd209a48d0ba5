package io.salestargets.progress.topology;

import io.salestargets.progress.actuals.ActualsChange;

/** What the sales stage sends on: {@link ActualsChange}s to the owners' actuals, or {@link DeadLetter}s. */
public interface SalesOutput {
}
