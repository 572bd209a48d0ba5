package io.salestargets.command.api;

import io.salestargets.command.domain.TargetRow;
import io.salestargets.command.domain.TargetValues;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a bulk planning request did, row by row in the order of the request: the rows it changed (one
 * TargetSet each), those that already held the values (no event), and the locked rows it left alone.
 */
@Schema(name = "PlanningAnswer", example = """
        {"changed":[{"path":"/api/v1/targets/2026/all-sales-amount/users/u-anna","version":2,
          "values":[10000,10000,10000,10000,10000,10000,10000,10000,10000,10000,10000,10000],"total":120000}],
         "unchanged":[],
         "skipped":[{"path":"/api/v1/targets/2026/all-sales-amount/groups/g-north","reason":"target-locked",
          "detail":"The row is locked: unlock it first"}]}""")
public record PlanningAnswer(List<PlannedValues> changed, List<PlannedValues> unchanged, List<SkippedRow> skipped) {

    /** A row as the request left it: its path, version and values. */
    @Schema(name = "PlannedValues")
    public record PlannedValues(String path, long version, List<BigDecimal> values, BigDecimal total) {

        public static PlannedValues of(String path, TargetRow row) {
            TargetValues values = row.current().orElseThrow();
            return new PlannedValues(path, row.version(), values.values(), values.total());
        }
    }

    /** A row left alone, and why: {@code target-locked}, or for copy-year {@code forbidden} (readable, not changeable). */
    @Schema(name = "SkippedRow")
    public record SkippedRow(
            String path,
            @Schema(enumeration = {"target-locked", "forbidden"},
                    description = "target-locked: the row is locked; forbidden (copy-year only): the caller may read the row's "
                            + "year before but not change the row")
            String reason,
            String detail) {
    }
}
