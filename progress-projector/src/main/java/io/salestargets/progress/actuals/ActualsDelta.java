package io.salestargets.progress.actuals;

import io.salestargets.events.target.Level;
import io.salestargets.progress.topology.OwnerInput;
import io.salestargets.progress.topology.SalesOutput;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A change to one owner's actuals of one dimension, item and day: a sale counted (+1) or taken back
 * (-1). Keyed by the owner ({@link Keys#owner}) on its way to the owner's partition.
 *
 * @param groupId on user-level deltas, the group recorded on the sale (the user's group when it has no row)
 */
public record ActualsDelta(
        String tenantId,
        int year,
        Level level,
        String ownerId,
        String dimension,
        String item,
        LocalDate day,
        BigDecimal amount,
        BigDecimal profit,
        long count,
        String groupId) implements SalesOutput, OwnerInput {

    public String ownerKey() {
        return Keys.owner(tenantId, year, level, ownerId);
    }

    /** The key of the day's actuals. */
    public String actualsKey() {
        return Keys.actuals(tenantId, year, level, ownerId, dimension, item) + day;
    }
}
