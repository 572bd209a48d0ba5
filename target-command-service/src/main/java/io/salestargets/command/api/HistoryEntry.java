package io.salestargets.command.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One event of a row's history, oldest first. A {@code TargetSet} lists the periods it changed
 * ({@code from} is null where the row had no value); lock, unlock and remove entries have no changes.
 */
@Schema(name = "HistoryEntry", example = """
        {"event":"TargetSet","version":1,"at":"2026-01-05T08:30:00Z","by":"u-boss","reason":"Budget 2026",
         "changes":[{"period":1,"from":null,"to":10000}]}""")
public record HistoryEntry(
        String event,
        long version,
        Instant at,
        String by,
        String reason,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Change> changes) {

    /** A period's value before and after. */
    public record Change(int period, BigDecimal from, BigDecimal to) {
    }
}
