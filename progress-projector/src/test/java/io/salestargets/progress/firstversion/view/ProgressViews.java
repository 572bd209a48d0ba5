package io.salestargets.progress.firstversion.view;

import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.targets.Measure;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.RowKey;
import io.salestargets.events.targets.TargetType;
import io.salestargets.progress.firstversion.actuals.Keys;
import io.salestargets.progress.firstversion.actuals.MonthActuals;
import io.salestargets.progress.firstversion.actuals.YearActuals;
import io.salestargets.progress.firstversion.targets.TargetRowState;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Progress views from the owner stage's data, as published to {@code targets.progress}: the row's targets
 * now. (Version 1 also served them over REST from the stores, with the targets as they stood at an instant.)
 */
public final class ProgressViews {

    /** A view, and whether its owner has anything (a row or sales) behind it. */
    public record Found(ProgressView view, boolean hasData) {
    }

    /** Point reads of the owner stage's data, by store key; null when absent. */
    public interface Source {

        TargetRowState row(String rowKey);

        /** A type the tenant added ({@link Keys#types} then its id). */
        TargetType addedType(String typeKey);

        /** One month of actuals ({@link Keys#actualsMonth}). */
        MonthActuals month(String monthKey);
    }

    private final Source source;

    public ProgressViews(Source source) {
        this.source = source;
    }

    /**
     * The view of a row key; empty when its target type is unknown.
     *
     * @param asOf the day of {@code toDate}
     */
    public Optional<Found> find(RowKey key, LocalDate asOf) {
        RowId id = key.row();
        TargetRowState row = source.row(key.format());
        Optional<Measure> measure = row != null ? Optional.of(row.measure())
                : type(key.tenantId(), id.typeId()).map(TargetType::measure);
        if (measure.isEmpty()) {
            return Optional.empty();
        }
        YearActuals actual = new YearActuals(id.year());
        for (int month = 1; month <= 12; month++) {
            MonthActuals stored = source.month(Keys.actualsMonth(key.tenantId(), id.year(), id.level(), id.ownerId(),
                    measure.get().dimension(), id.item(), month));
            if (stored != null) {
                actual.month(month, stored);
            }
        }
        ProgressView view = ProgressCalculator.view(key.tenantId(), id, measure.get().unit(), row == null ? null : row.revision(), actual,
                asOf);
        return Optional.of(new Found(view, row != null || !actual.isEmpty()));
    }

    /** A tenant's target type: the built-in one, or one it added. */
    public Optional<TargetType> type(String tenantId, String typeId) {
        if (TargetType.ALL_SALES_AMOUNT.id().equals(typeId)) {
            return Optional.of(TargetType.ALL_SALES_AMOUNT);
        }
        return Optional.ofNullable(source.addedType(Keys.types(tenantId) + typeId));
    }
}
