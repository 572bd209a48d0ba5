package io.salestargets.progress.firstversion.actuals;

import io.salestargets.events.targets.Level;
import io.salestargets.progress.firstversion.topology.OwnerInput;
import java.time.LocalDate;
import java.util.List;

/**
 * What one sale record changes in one owner's actuals: per dimension, item and day, what to add
 * (negative to take a sale back). One record per owner and sale record on the repartition topic
 * {@code actuals-changes}, keyed by the owner ({@link Keys#owner}).
 *
 * @param groupId  on a user's change that counts a won sale: the group recorded on it; else null
 * @param groupDay the won date of that sale
 */
public record ActualsChange(String tenantId, int year, Level level, String ownerId, String groupId, LocalDate groupDay,
        List<Entry> entries) implements OwnerInput {

    /** One dimension, item and day: {@code item} is null for dimension {@code all}. */
    public record Entry(String dimension, String item, LocalDate day, Actual actual) {
    }

    public String ownerKey() {
        return Keys.owner(tenantId, year, level, ownerId);
    }
}
