package io.salestargets.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a plan spreads a row's yearly amount over its periods. */
@Schema(name = "Split", enumeration = {"even", "working-days", "last-year"})
public enum Split {
    /** The same for every month. */
    @JsonProperty("even")
    EVEN,
    /** In proportion to the working days (Monday to Friday) of each month of the year. */
    @JsonProperty("working-days")
    WORKING_DAYS,
    /** In proportion to the row's actuals per period of the year before. */
    @JsonProperty("last-year")
    LAST_YEAR
}
