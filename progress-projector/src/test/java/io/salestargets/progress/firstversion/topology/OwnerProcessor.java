package io.salestargets.progress.firstversion.topology;

import io.salestargets.events.progress.ProgressRecord;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.progress.TargetAttained;
import io.salestargets.events.targets.RowKey;
import io.salestargets.events.targets.TargetRowEvent;
import io.salestargets.events.targets.TargetType;
import io.salestargets.events.targets.TargetTypeAdded;
import io.salestargets.progress.firstversion.actuals.ActualsChange;
import io.salestargets.progress.firstversion.actuals.Keys;
import io.salestargets.progress.firstversion.actuals.MonthActuals;
import io.salestargets.progress.firstversion.targets.TargetRevision;
import io.salestargets.progress.firstversion.targets.TargetRowState;
import io.salestargets.progress.firstversion.view.ProgressViews;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The owner stage, partitioned by owner ({@code <tenant>/<year>/<level>/<owner>}): keeps each owner's
 * target rows and actuals per month side by side, marks the views that a change touches, and publishes
 * them every {@code publishInterval} (each view once however many sales changed it meanwhile).
 * Version 1 also kept the stores only its queries read (owners with sales, latest groups, target history),
 * counted metrics and throttled publishing to a share of the time; this twin does none of it (none of it
 * changes what is published when the share is 1, as in its tests).
 */
final class OwnerProcessor implements Processor<String, OwnerInput, String, ProgressRecord> {

    private static final StringSerializer STRINGS = new StringSerializer();
    /** How many months of actuals each task keeps as objects (a few hundred bytes to a few kB each). */
    private static final int RECENT_MONTHS = 10_000;
    /** How many target rows each task keeps as objects. */
    private static final int RECENT_ROWS = 10_000;

    private final Duration publishInterval;
    private final Clock clock;
    private ProcessorContext<String, ProgressRecord> context;
    private KeyValueStore<String, TargetRowState> rows;
    private KeyValueStore<String, TargetType> types;
    private KeyValueStore<String, MonthActuals> actuals;
    private KeyValueStore<String, Long> dirty;
    private KeyValueStore<String, Long> attained;
    private ProgressViews views;
    /** Each tenant's added types, read from the store once, forgotten when the tenant adds one. */
    private final Map<String, List<TargetType>> typesOfTenant = new HashMap<>();
    /**
     * The months of actuals changed last, as objects: a sale reads its owners' months from here, not
     * through the store's serialized cache. Only this processor writes its task's actuals, so it
     * cannot go stale while the task runs; {@link #init} empties it, since Kafka Streams initializes the
     * same processor again when it revives a task whose transaction was aborted and whose stores it
     * restored (the objects would then hold changes that were rolled back).
     */
    private final Map<String, MonthActuals> recentMonths = leastRecentlyUsed(RECENT_MONTHS);
    /** The target rows (or their absence) read or written last, as objects, like {@link #recentMonths}. */
    private final Map<String, Optional<TargetRowState>> recentRows = leastRecentlyUsed(RECENT_ROWS);
    /**
     * The views marked since the last publication, as in the marks store: a view is written to the store
     * once, however often it changes, and publication reads this set, never scans the store (which fills
     * with the deletions of published marks, and whose scans then slow down until RocksDB compacts).
     */
    private final Set<String> marked = new LinkedHashSet<>();

    OwnerProcessor(Duration publishInterval, Clock clock) {
        this.publishInterval = publishInterval;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, ProgressRecord> context) {
        this.context = context;
        rows = context.getStateStore(ProgressTopology.TARGET_ROWS_STORE);
        types = context.getStateStore(ProgressTopology.TARGET_TYPES_STORE);
        actuals = context.getStateStore(ProgressTopology.ACTUALS_STORE);
        dirty = context.getStateStore(ProgressTopology.DIRTY_VIEWS_STORE);
        attained = context.getStateStore(ProgressTopology.ATTAINED_TARGETS_STORE);
        views = new ProgressViews(new ProgressViews.Source() {
            @Override
            public TargetRowState row(String rowKey) {
                return OwnerProcessor.this.row(rowKey);
            }

            @Override
            public TargetType addedType(String typeKey) {
                return types.get(typeKey);
            }

            @Override
            public MonthActuals month(String monthKey) {
                MonthActuals month = OwnerProcessor.this.month(monthKey);
                return month.isEmpty() ? null : month;
            }
        });
        // a revived task (its transaction aborted, its stores restored) runs init again on this processor: forget
        // every object of the run before, and read the marks that were stored and not published (one scan)
        recentMonths.clear();
        recentRows.clear();
        typesOfTenant.clear();
        marked.clear();
        try (KeyValueIterator<String, Long> marks = dirty.all()) {
            marks.forEachRemaining(mark -> marked.add(mark.key));
        }
        context.schedule(publishInterval, PunctuationType.WALL_CLOCK_TIME, now -> publish());
    }

    @Override
    public void process(Record<String, OwnerInput> record) {
        if (record.value() instanceof ActualsChange change) {
            apply(change);
        } else if (record.value() instanceof TargetChange change) {
            if (change.event() instanceof TargetTypeAdded added) {
                types.put(added.key(), added.targetType());
                typesOfTenant.remove(added.tenantId());
            } else if (change.event() instanceof TargetRowEvent event) {
                apply(event);
            }
        }
    }

    private void apply(ActualsChange change) {
        List<TargetType> tenantTypes = typesOf(change.tenantId());
        for (ActualsChange.Entry entry : change.entries()) {
            String key = Keys.actualsMonth(change.tenantId(), change.year(), change.level(), change.ownerId(), entry.dimension(),
                    entry.item(), entry.day().getMonthValue());
            MonthActuals before = month(key);
            MonthActuals after = before.plus(entry.day().getDayOfMonth(), entry.actual());
            if (after.isEmpty()) {
                actuals.delete(key);
            } else {
                actuals.put(key, after);
            }
            recentMonths.put(key, after);
            // every type that measures this dimension has a view of this owner that just changed
            for (TargetType type : tenantTypes) {
                if (type.dimension().equals(entry.dimension())) {
                    markDirty(RowKey.format(change.tenantId(), change.year(), type.id(), change.level(), change.ownerId(),
                            entry.item()));
                }
            }
        }
    }

    private void apply(TargetRowEvent event) {
        String key = event.key();
        TargetRowState held = row(key);
        TargetRowState next = TargetRowState.apply(held, event);
        if (next == held) {
            return;
        }
        if (next == null) {
            rows.delete(key);
        } else {
            rows.put(key, next);
        }
        TargetRevision before = held == null ? null : held.revision();
        TargetRevision after = next == null ? TargetRevision.removed(event.version(), event.occurredAt()) : next.revision();
        if (before != null && (after.removed() || after.total().compareTo(before.total()) != 0)) {
            attained.delete(key); // a new total target (or none): reaching it is news again
        }
        recentRows.put(key, Optional.ofNullable(next));
        markDirty(event.rowKey().format());
    }

    /** A target row, from the recent ones or the store; null when there is none. */
    private TargetRowState row(String key) {
        Optional<TargetRowState> row = recentRows.get(key);
        if (row == null) {
            row = Optional.ofNullable(rows.get(key));
            recentRows.put(key, row);
        }
        return row.orElse(null);
    }

    /** A month of actuals, from the recent ones or the store; {@link MonthActuals#EMPTY} when there are none. */
    private MonthActuals month(String key) {
        MonthActuals month = recentMonths.get(key);
        if (month == null) {
            month = actuals.get(key);
            month = month == null ? MonthActuals.EMPTY : month;
            recentMonths.put(key, month);
        }
        return month;
    }

    /** A map that keeps the {@code capacity} entries read or written last. */
    private static <V> Map<String, V> leastRecentlyUsed(int capacity) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The built-in type and the tenant's added ones. */
    private List<TargetType> typesOf(String tenantId) {
        return typesOfTenant.computeIfAbsent(tenantId, tenant -> {
            List<TargetType> all = new ArrayList<>();
            all.add(TargetType.ALL_SALES_AMOUNT);
            try (KeyValueIterator<String, TargetType> added = types.prefixScan(Keys.types(tenant), STRINGS)) {
                added.forEachRemaining(entry -> all.add(entry.value));
            }
            return all;
        });
    }

    private void markDirty(String view) {
        if (marked.add(view)) {
            dirty.put(view, clock.millis());
        }
    }

    private static Headers typeHeader(String type) {
        return new RecordHeaders().add(ProgressRecord.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
    }

    /** Publishes every view marked since the last time, then forgets the marks. */
    private void publish() {
        if (marked.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(marked);
        LocalDate today = LocalDate.now(clock);
        long now = clock.millis();
        for (String key : keys) {
            ProgressView view = views.find(RowKey.parse(key), today)
                    .filter(ProgressViews.Found::hasData)
                    .map(ProgressViews.Found::view)
                    .orElse(null);
            context.forward(new Record<>(key, view, now, typeHeader(ProgressRecord.VIEW_TYPE)));
            if (view != null && TargetAttained.reached(view) && attained.get(key) == null) {
                attained.put(key, view.targetVersion());
                context.forward(new Record<>(TargetAttained.key(key), TargetAttained.of(view, Instant.ofEpochMilli(now)), now,
                        typeHeader(ProgressRecord.ATTAINED_TYPE)));
            }
            dirty.delete(key);
        }
        marked.clear();
    }
}
