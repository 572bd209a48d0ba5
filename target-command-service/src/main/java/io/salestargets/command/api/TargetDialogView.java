package io.salestargets.command.api;

import io.salestargets.events.targets.Interval;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The target dialog of a year, type and list item: the company row, and per group its row, its
 * users' rows and the read-only sum of those. Only rows the caller may read.
 */
@Schema(name = "TargetDialog")
public record TargetDialogView(
        int year,
        String typeId,
        String item,
        @Schema(description = "The interval of this year and type; null while it has no rows") Interval interval,
        TargetRowView company,
        List<Group> groups) {

    /** A group's row (null when it has none), its users' rows and their sum per period. */
    public record Group(String groupId, TargetRowView target, List<TargetRowView> users, List<BigDecimal> usersSum,
            BigDecimal usersTotal) {
    }
}
