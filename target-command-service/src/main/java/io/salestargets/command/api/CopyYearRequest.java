package io.salestargets.command.api;

import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /targets/{year}/{typeId}/copy-year}: every row of the year before, changed by a percentage. */
@Schema(name = "CopyYear", example = """
        {"changePercent":5,"reason":"Last year plus 5 %"}""")
public record CopyYearRequest(
        @Schema(description = "Change of every value in percent, -100 to 1000 with at most 2 decimals; 0 when absent")
        BigDecimal changePercent,
        @Schema(description = "Why; in every row's history")
        String reason) {
}
