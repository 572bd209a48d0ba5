package io.salestargets.progress.view;

import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.Measure;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.RowKey;
import io.salestargets.events.targets.TargetType;
import io.salestargets.progress.actuals.OwnerActuals;
import io.salestargets.progress.targets.TargetHistory;
import io.salestargets.progress.targets.TargetRevision;
import io.salestargets.progress.targets.TargetRowState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Progress views from a partition's data: the same code for the views published to
 * {@code targets.progress} and those served over REST. Where the data comes from is a {@link Source}
 * (a partition's rows, types and actuals in memory); which targets a view shows is a {@link Targets}: the
 * row's now (both), or as they stood at an instant (REST only).
 */
public final class ProgressViews {

    /** A view, and whether its owner has anything (a row or sales) behind it. */
    public record Found(ProgressView view, boolean hasData) {
    }

    /** Point reads of a partition's data ({@link io.salestargets.progress.state.PartitionState}); null when absent. */
    public interface Source {

        TargetRowState row(String rowKey);

        /** A tenant's target type: the built-in one or one it added. */
        TargetType type(String tenantId, String typeId);

        /** An owner's actuals of a dimension and item (null for dimension {@code all}). */
        OwnerActuals actuals(String tenantId, int year, Level level, String ownerId, String dimension, String item);
    }

    /** Which targets a view shows, given its row key and its row (null when absent); null for none. */
    @FunctionalInterface
    public interface Targets {

        /** The row's targets now. */
        Targets NOW = (rowKey, row) -> row == null ? null : row.revision();

        TargetRevision of(String rowKey, TargetRowState row);

        /** The row's targets as they stood at an instant ({@link TargetHistory#asOf}), whatever the row holds now. */
        static Targets asOf(ReadOnlyKeyValueStore<String, TargetRevision> history, Instant at) {
            return (rowKey, row) -> TargetHistory.asOf(history, rowKey, at);
        }
    }

    private final Source source;

    public ProgressViews(Source source) {
        this.source = source;
    }

    /**
     * The view of a row key; empty when its target type is unknown.
     *
     * @param asOf    the day of {@code toDate}
     * @param targets {@link Targets#NOW}, or the targets as they stood at an instant (the actuals stay those of now)
     */
    public Optional<Found> find(RowKey key, LocalDate asOf, Targets targets) {
        return find(key, key.format(), asOf, targets);
    }

    /** The same, with the key already formatted ({@code rowKey}: {@code key.format()}, as the publisher holds it). */
    public Optional<Found> find(RowKey key, String rowKey, LocalDate asOf, Targets targets) {
        RowId id = key.row();
        TargetRowState row = source.row(rowKey);
        Optional<Measure> measure = row != null ? Optional.of(row.measure())
                : type(key.tenantId(), id.typeId()).map(TargetType::measure);
        if (measure.isEmpty()) {
            return Optional.empty();
        }
        OwnerActuals actual = source.actuals(key.tenantId(), id.year(), id.level(), id.ownerId(), measure.get().dimension(),
                id.item());
        ProgressView view = ProgressCalculator.view(key.tenantId(), id, measure.get().unit(), targets.of(rowKey, row), actual,
                asOf);
        return Optional.of(new Found(view, row != null || actual != null));
    }

    /** A tenant's target type: the built-in one, or one it added. */
    public Optional<TargetType> type(String tenantId, String typeId) {
        return Optional.ofNullable(source.type(tenantId, typeId));
    }
}
