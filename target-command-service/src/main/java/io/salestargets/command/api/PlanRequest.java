package io.salestargets.command.api;

import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.Level;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /targets/{year}/{typeId}/plan}: rows set from a yearly amount each. */
@Schema(name = "PlanTargets", example = """
        {"interval":"MONTH","reason":"Budget 2026","rows":[
         {"level":"GROUP","ownerId":"g-north","yearly":1200000,"split":"working-days","currency":"NOK"},
         {"level":"USER","ownerId":"u-anna","groupId":"g-north","yearly":120000,"split":"even"},
         {"level":"USER","ownerId":"u-bo","groupId":"g-north","yearly":90000,"split":"last-year"}]}""")
public record PlanRequest(
        @Schema(required = true, description = "MONTH or QUARTER; shared by all rows of the year and type")
        Interval interval,
        @Schema(description = "Why; in every row's history")
        String reason,
        @Schema(required = true, description = "1 to 1000 rows, each at most once")
        List<PlannedRow> rows) {

    /** One row of a plan: which row, its yearly amount and how to split it. */
    @Schema(name = "PlannedRow")
    public record PlannedRow(
            @Schema(required = true, description = "COMPANY, GROUP or USER")
            Level level,
            @Schema(description = "The group's or user's id; none for the company row")
            String ownerId,
            @Schema(description = "User rows only, and required there: the user's group for this year")
            String groupId,
            @Schema(description = "ISO 4217 code; company and group rows only")
            String currency,
            @Schema(required = true, description = "The year's amount: >= 0, at most 2 decimals (whole for COUNT), <= 12e12")
            BigDecimal yearly,
            @Schema(required = true, description = "even, working-days (Monday to Friday per month of the year) or "
                    + "last-year (the row's monthly actuals of the year before, from the progress projector)")
            Split split) {
    }
}
