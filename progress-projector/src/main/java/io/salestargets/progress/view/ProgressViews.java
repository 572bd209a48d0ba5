package io.salestargets.progress.view;

import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.target.Measure;
import io.salestargets.events.target.RowId;
import io.salestargets.events.target.RowKey;
import io.salestargets.events.target.TargetType;
import io.salestargets.progress.actuals.DayActual;
import io.salestargets.progress.actuals.Keys;
import io.salestargets.progress.targets.TargetRowState;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Progress views from the owner stage's stores: the same code for the views published to
 * {@code targets.progress} and those served over REST.
 */
public final class ProgressViews {

    /** A view, and whether its owner has anything (a row or sales) behind it. */
    public record Found(ProgressView view, boolean hasData) {
    }

    private final ReadOnlyKeyValueStore<String, TargetRowState> rows;
    private final ReadOnlyKeyValueStore<String, TargetType> types;
    private final ReadOnlyKeyValueStore<String, DayActual> actuals;

    public ProgressViews(ReadOnlyKeyValueStore<String, TargetRowState> rows, ReadOnlyKeyValueStore<String, TargetType> types,
            ReadOnlyKeyValueStore<String, DayActual> actuals) {
        this.rows = rows;
        this.types = types;
        this.actuals = actuals;
    }

    /** The view of a row key; empty when its target type is unknown. */
    public Optional<Found> find(RowKey key, LocalDate asOf) {
        RowId id = key.row();
        TargetRowState row = rows.get(key.format());
        Optional<Measure> measure = row != null ? Optional.of(row.measure())
                : type(key.tenantId(), id.typeId()).map(TargetType::measure);
        if (measure.isEmpty()) {
            return Optional.empty();
        }
        Map<LocalDate, DayActual> days = days(Keys.actuals(key.tenantId(), id.year(), id.level(), id.ownerId(),
                measure.get().dimension(), id.item()));
        ProgressView view = ProgressCalculator.view(key.tenantId(), id, measure.get().unit(), row, days, asOf);
        return Optional.of(new Found(view, row != null || !days.isEmpty()));
    }

    /** A tenant's target type: the built-in one, or one it added. */
    public Optional<TargetType> type(String tenantId, String typeId) {
        if (TargetType.ALL_SALES_AMOUNT.id().equals(typeId)) {
            return Optional.of(TargetType.ALL_SALES_AMOUNT);
        }
        return Optional.ofNullable(types.get(Keys.types(tenantId) + typeId));
    }

    private Map<LocalDate, DayActual> days(String prefix) {
        Map<LocalDate, DayActual> days = new TreeMap<>();
        try (KeyValueIterator<String, DayActual> iterator = actuals.prefixScan(prefix, new StringSerializer())) {
            while (iterator.hasNext()) {
                KeyValue<String, DayActual> day = iterator.next();
                days.put(LocalDate.parse(day.key.substring(prefix.length())), day.value);
            }
        }
        return days;
    }
}
