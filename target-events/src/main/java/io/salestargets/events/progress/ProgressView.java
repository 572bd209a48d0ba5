package io.salestargets.events.progress;

import static io.salestargets.events.Fields.requireEntityId;
import static io.salestargets.events.Fields.required;

import io.salestargets.events.InvalidInputException;
import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.RowKey;
import io.salestargets.events.targets.Unit;
import java.util.List;

/**
 * How a row's actuals compare with its target: per period of the row's interval, for the year and
 * up to a day. Served by the projector's REST API and published on {@code targets.progress}, keyed
 * by row key. {@code targetVersion} is null (and so is every target) when the owner has no row.
 * {@code pace} (the projection of the year and what is needed) is always written; a reader of views
 * published before it existed finds none.
 */
public record ProgressView(
        String tenantId,
        int year,
        String typeId,
        Level level,
        String ownerId,
        String item,
        Unit unit,
        Interval interval,
        boolean locked,
        Long targetVersion,
        List<PeriodProgress> periods,
        ProgressTotal total,
        ProgressToDate toDate,
        ProgressPace pace) implements ProgressRecord {

    public ProgressView {
        requireEntityId("tenantId", tenantId);
        required("unit", unit);
        required("interval", interval);
        required("periods", periods);
        if (periods.size() != interval.periods()) {
            throw new InvalidInputException("periods",
                    "must have " + interval.periods() + " entries for " + interval);
        }
        periods = List.copyOf(periods);
        required("total", total);
        required("toDate", toDate);
        new RowId(year, typeId, level, ownerId, item); // checks the row's parts
    }

    public RowId row() {
        return new RowId(year, typeId, level, ownerId, item);
    }

    public RowKey rowKey() {
        return new RowKey(tenantId, row());
    }
}
