package io.salestargets.progress.topology;

import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.target.Level;
import io.salestargets.events.target.RowId;
import io.salestargets.events.target.RowKey;
import io.salestargets.events.target.TargetRowEvent;
import io.salestargets.events.target.TargetType;
import io.salestargets.events.target.TargetTypeAdded;
import io.salestargets.progress.actuals.ActualsDelta;
import io.salestargets.progress.actuals.DayActual;
import io.salestargets.progress.actuals.Keys;
import io.salestargets.progress.actuals.LatestGroup;
import io.salestargets.progress.targets.TargetRowState;
import io.salestargets.progress.view.ProgressViews;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The owner stage, partitioned by owner ({@code <tenant>/<year>/<level>/<owner>}): keeps each owner's
 * target rows and actuals per day side by side, marks the views that a change touches, and publishes
 * them every {@code publishInterval} (each view once however many sales changed it meanwhile).
 */
final class OwnerProcessor implements Processor<String, OwnerInput, String, ProgressView> {

    private final Duration publishInterval;
    private final Clock clock;
    private final ProjectorMetrics metrics;
    private ProcessorContext<String, ProgressView> context;
    private KeyValueStore<String, TargetRowState> rows;
    private KeyValueStore<String, TargetType> types;
    private KeyValueStore<String, DayActual> actuals;
    private KeyValueStore<String, String> ownersWithSales;
    private KeyValueStore<String, LatestGroup> latestGroups;
    private KeyValueStore<String, Long> dirty;
    private ProgressViews views;

    OwnerProcessor(Duration publishInterval, Clock clock, ProjectorMetrics metrics) {
        this.publishInterval = publishInterval;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, ProgressView> context) {
        this.context = context;
        rows = context.getStateStore(ProgressTopology.TARGET_ROWS_STORE);
        types = context.getStateStore(ProgressTopology.TARGET_TYPES_STORE);
        actuals = context.getStateStore(ProgressTopology.ACTUALS_STORE);
        ownersWithSales = context.getStateStore(ProgressTopology.OWNERS_WITH_SALES_STORE);
        latestGroups = context.getStateStore(ProgressTopology.LATEST_GROUPS_STORE);
        dirty = context.getStateStore(ProgressTopology.DIRTY_VIEWS_STORE);
        views = new ProgressViews(rows, types, actuals);
        context.schedule(publishInterval, PunctuationType.WALL_CLOCK_TIME, now -> publish());
    }

    @Override
    public void process(Record<String, OwnerInput> record) {
        if (record.value() instanceof ActualsDelta delta) {
            apply(delta);
        } else if (record.value() instanceof TargetChange change) {
            if (change.event() instanceof TargetTypeAdded added) {
                types.put(added.key(), added.targetType());
            } else if (change.event() instanceof TargetRowEvent event) {
                apply(event);
            }
        }
    }

    private void apply(ActualsDelta delta) {
        String key = delta.actualsKey();
        DayActual before = actuals.get(key);
        DayActual after = (before == null ? DayActual.NONE : before).plus(delta);
        if (after.isNone()) {
            actuals.delete(key);
        } else {
            actuals.put(key, after);
        }
        String owner = Keys.ownerWithSales(delta.tenantId(), delta.year(), delta.dimension(), delta.item(), delta.level(),
                delta.ownerId());
        if (ownersWithSales.get(owner) == null) {
            ownersWithSales.put(owner, "");
        }
        if (delta.level() == Level.USER && delta.count() > 0 && delta.groupId() != null) {
            LatestGroup latest = latestGroups.get(delta.ownerKey());
            if (latest == null || !delta.day().isBefore(latest.day())) {
                latestGroups.put(delta.ownerKey(), new LatestGroup(delta.day(), delta.groupId()));
            }
        }
        // every type that measures this dimension has a view of this owner that just changed
        String item = delta.item();
        forEachType(delta.tenantId(), type -> {
            if (type.dimension().equals(delta.dimension())) {
                markDirty(new RowKey(delta.tenantId(), new RowId(delta.year(), type.id(), delta.level(), delta.ownerId(), item)));
            }
        });
    }

    private void apply(TargetRowEvent event) {
        String key = event.key();
        TargetRowState held = rows.get(key);
        TargetRowState next = TargetRowState.apply(held, event);
        if (next == held) {
            return;
        }
        if (next == null) {
            rows.delete(key);
        } else {
            rows.put(key, next);
        }
        markDirty(event.rowKey());
    }

    private void forEachType(String tenantId, Consumer<TargetType> action) {
        action.accept(TargetType.ALL_SALES_AMOUNT);
        try (KeyValueIterator<String, TargetType> added = types.prefixScan(Keys.types(tenantId), new StringSerializer())) {
            added.forEachRemaining(entry -> action.accept(entry.value));
        }
    }

    private void markDirty(RowKey key) {
        dirty.put(key.format(), clock.millis());
    }

    /** Publishes every view marked since the last time, then forgets the marks. */
    private void publish() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Long> marked = dirty.all()) {
            while (marked.hasNext()) {
                KeyValue<String, Long> entry = marked.next();
                keys.add(entry.key);
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        long now = clock.millis();
        for (String key : keys) {
            ProgressView view = views.find(RowKey.parse(key), today)
                    .filter(ProgressViews.Found::hasData)
                    .map(ProgressViews.Found::view)
                    .orElse(null);
            context.forward(new Record<>(key, view, now));
            dirty.delete(key);
        }
        metrics.viewsPublished(keys.size());
    }
}
