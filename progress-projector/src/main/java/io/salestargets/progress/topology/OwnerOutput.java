package io.salestargets.progress.topology;

import io.salestargets.progress.view.TargetAttained;

/** What the owner stage publishes to {@code targets.progress}: {@link PublishedView}s and {@link TargetAttained}s. */
public interface OwnerOutput {
}
