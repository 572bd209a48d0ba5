package io.salestargets.command.api;

import io.salestargets.events.targets.Level;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /targets/{year}/{typeId}/copy}: one row's values, changed by a percentage, set on other rows. */
@Schema(name = "CopyTargets", example = """
        {"from":{"year":2025,"typeId":"all-sales-amount","level":"GROUP","ownerId":"g-north"},
         "to":[{"level":"GROUP","ownerId":"g-south"},{"level":"USER","ownerId":"u-anna","groupId":"g-north"}],
         "changePercent":5,"reason":"Same as North last year, plus 5 %"}""")
public record CopyRequest(
        @Schema(required = true, description = "The row to copy, which the caller must be able to read")
        Source from,
        @Schema(required = true, description = "1 to 1000 rows of the path's year and type (and ?item=) to set, each at most once")
        List<Destination> to,
        @Schema(description = "Change of every value in percent, -100 to 1000 with at most 2 decimals; 0 when absent")
        BigDecimal changePercent,
        @Schema(description = "Why; in every row's history")
        String reason) {

    /** The row copied from. */
    @Schema(name = "CopySource")
    public record Source(
            @Schema(required = true) Integer year,
            @Schema(required = true) String typeId,
            @Schema(required = true, description = "COMPANY, GROUP or USER") Level level,
            @Schema(description = "The group's or user's id; none for the company row") String ownerId,
            @Schema(description = "The list item, for types whose dimension is not all") String item) {
    }

    /** A row copied to. Company and group rows take the source's currency. */
    @Schema(name = "CopyDestination")
    public record Destination(
            @Schema(required = true, description = "COMPANY, GROUP or USER") Level level,
            @Schema(description = "The group's or user's id; none for the company row") String ownerId,
            @Schema(description = "User rows only, and required there: the user's group for this year") String groupId) {
    }
}
