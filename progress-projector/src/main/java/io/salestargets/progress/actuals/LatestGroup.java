package io.salestargets.progress.actuals;

import java.time.LocalDate;

/** The group of a user's latest won sale: the user's group for the year when the user has no target row. */
public record LatestGroup(LocalDate day, String groupId) {
}
