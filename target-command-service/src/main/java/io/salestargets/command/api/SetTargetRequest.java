package io.salestargets.command.api;

import io.salestargets.command.domain.SetValues;
import io.salestargets.events.targets.Interval;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT <row>}. */
@Schema(name = "SetTarget", example = """
        {"interval":"MONTH","values":[10000,10000,10000,10000,10000,10000,10000,10000,10000,10000,10000,12000],
         "groupId":"g-north","reason":"Budget 2026"}""")
public record SetTargetRequest(
        @Schema(required = true, description = "MONTH (12 values) or QUARTER (4); shared by all rows of the year and type")
        Interval interval,
        @Schema(required = true, description = "One value per period: >= 0, <= 1e12, at most 2 decimals (whole numbers for COUNT)")
        List<BigDecimal> values,
        @Schema(description = "User rows only, and required there: the user's group for this year")
        String groupId,
        @Schema(description = "ISO 4217 code; company and group rows only")
        String currency,
        @Schema(description = "Why; shown in the history")
        String reason) {

    public SetValues command() {
        return new SetValues(interval, values, groupId, currency, reason);
    }
}
