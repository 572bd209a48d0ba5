package io.salestargets.progress.query;

import io.salestargets.events.progress.ProgressView;

/** An owner's progress in a list, with the group a user belongs to for the year (its row's, else its latest sale's). */
public record OwnerProgress(ProgressView view, String groupId) {
}
