package io.salestargets.progress.topology;

import io.salestargets.events.progress.ProgressView;

/** A view on its way to {@code targets.progress}, under its row key; null for a tombstone. */
record PublishedView(ProgressView view) implements OwnerOutput {
}
