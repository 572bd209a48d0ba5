package io.salestargets.progress.firstversion.actuals;

import io.salestargets.events.targets.Level;

/**
 * Keys of the projector's stores. Every store of the owner stage is partitioned by the owner key
 * {@code <tenant>/<year>/<level>/<owner>}, so that an owner's rows and actuals sit together.
 * Ids never contain {@code |}, which separates the parts after the owner.
 */
public final class Keys {

    private Keys() {
    }

    /** {@code acme/2026/user/u-anna}: how the owner stage is partitioned. */
    public static String owner(String tenantId, int year, Level level, String ownerId) {
        return tenantId + "/" + year + "/" + level.keySegment() + "/" + ownerId;
    }

    /**
     * The prefix of an owner's actuals of one dimension and item, one key per month after it
     * ({@link #actualsMonth}). The item is empty for dimension {@code all}.
     */
    public static String actuals(String tenantId, int year, Level level, String ownerId, String dimension, String item) {
        return owner(tenantId, year, level, ownerId) + "|" + dimension + "|" + (item == null ? "" : item) + "|";
    }

    /**
     * An owner's actuals of one dimension and item in one month ({@link MonthActuals}):
     * {@code acme/2026/user/u-anna|sale-type|st-3|2026-03}.
     */
    public static String actualsMonth(String tenantId, int year, Level level, String ownerId, String dimension, String item,
            int month) {
        return actuals(tenantId, year, level, ownerId, dimension, item) + year + "-" + (month < 10 ? "0" : "") + month;
    }

    /** The target types of a tenant: {@code acme/types/}, as on {@code targets.events}. */
    public static String types(String tenantId) {
        return tenantId + "/types/";
    }
}
