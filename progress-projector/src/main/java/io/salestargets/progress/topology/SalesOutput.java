package io.salestargets.progress.topology;

import io.salestargets.progress.actuals.ActualsDelta;

/** What the sales stage sends on: {@link ActualsDelta}s to the owners' actuals, or {@link DeadLetter}s. */
public interface SalesOutput {
}
