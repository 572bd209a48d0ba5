package io.salestargets.progress.topology;

import io.salestargets.events.progress.ProgressRecord;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.progress.TargetAttained;
import io.salestargets.events.targets.RowKey;
import io.salestargets.events.targets.TargetType;
import io.salestargets.progress.actuals.OwnerActuals;
import io.salestargets.progress.targets.PartitionTargets;
import io.salestargets.progress.view.ProgressViews;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Publishes the tenant stage's views to {@code targets.progress}: marks the views that a change
 * touches (in memory: the row, or the owner's actuals, whose views of the types measuring their
 * dimension are marked at the next publication), and every publish interval sends each marked view once, however many changes it
 * had meanwhile: the view, or a tombstone once nothing is behind it; and a row's {@code TargetAttained}
 * the first time its view reaches its total target.
 *
 * <p>Publications fall on the wall clock's multiples of the publish interval, the same instants in every task of
 * an instance, and a publication of recent sales asks for the commit at once ({@link #publish} says so): the
 * views are readable downstream (read_committed) right after they are published, instead of up to a commit
 * interval later, and the tasks that publish together share one transaction. While the sales are recent it also
 * asks for a commit {@link #PRE_COMMIT_LEAD} before each publication: the sales read since the last commit are then
 * readable to the tenant stage (the sales reader's records reach it through a repartition topic, read_committed)
 * in time for that publication, not the one after. Far behind, the commits stay at the commit interval; and for
 * {@link #STALLED_BACKOFF} after the stream thread was held up ({@link #STALLED}), so that commits waiting for a
 * broker slow to acknowledge do not hold it up more.
 *
 * <p>Throttled: when a publication took long (a replay, a burst), the next waits until publishing has
 * taken at most {@code publishShare} of the time, so that the stage keeps applying sales; the views are
 * then published less often, never lost. What a publication took is the stream thread's CPU time, not the
 * time that passed: a thread that the machine's other work held off the cores for a while (or a send that
 * waited for the broker) did not publish for longer, and spacing the next publications by four times that
 * wait would hold live views back for nothing. It holds a publication back {@link #MOST_THROTTLED} at most. And far behind (every sale applied since the last publication
 * was stamped more than {@link #FAR_BEHIND} before the punctuation: a catch-up after a stop, a replay),
 * the views are published at most every {@link #FAR_BEHIND_INTERVAL}: a view that changes with every
 * sale of the backlog is then written once every few seconds instead of every interval, and the
 * stage's time goes to the backlog. The first publication once the sales are recent again is at the
 * next interval.
 *
 * <p>The marks are not durable: a task that starts (a restore, a revival after an aborted transaction,
 * a move) marks every view it has data for and every view it published before ({@code published-views}),
 * so that a view or tombstone whose publication the crash lost is sent again (the topic is compacted:
 * sending a view twice is harmless). Which targets were announced reached is durable
 * ({@code attained-targets}): a row's {@code TargetAttained} is sent once.
 */
final class ViewPublisher {

    /** How old the newest sale applied since the last publication is when the stage counts as far behind. */
    static final Duration FAR_BEHIND = Duration.ofSeconds(10);
    /** How often the views are published at most while the stage is far behind. */
    static final Duration FAR_BEHIND_INTERVAL = Duration.ofSeconds(10);
    /**
     * The longest the throttle holds the next publication back: one large publication (a task that starts republishes
     * all its views, with the JIT still cold) must not leave the live views unpublished four times as long.
     */
    static final Duration MOST_THROTTLED = Duration.ofSeconds(1);
    /**
     * A tick this late means the stream thread was held up (commits waiting for a broker slow to acknowledge, as
     * after its restart, or a long batch): more than the idle poll's 100 ms.
     */
    static final Duration STALLED = Duration.ofMillis(250);
    /** How long after a stall the commits stay at the commit interval (no commits asked for at publications). */
    static final Duration STALLED_BACKOFF = Duration.ofSeconds(1);
    /** How often the stage asks whether a publication or a commit is due. */
    static final Duration TICK = Duration.ofMillis(10);
    /** How long before a publication the sales read meanwhile are committed (while the sales are recent). */
    static final Duration PRE_COMMIT_LEAD = Duration.ofMillis(20);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long publishIntervalMillis;
    private final double publishShare;
    private final Clock clock;
    private final ProjectorMetrics metrics;
    private final KeyValueStore<String, Long> attainedStore;
    private final KeyValueStore<String, String> publishedStore;
    private final Set<String> marked = new LinkedHashSet<>();
    /**
     * The actuals that changed since the last publication, by identity: a sale marks a few of them (no key is built
     * or hashed per sale); their views are marked when the views are published.
     */
    private final Set<OwnerActuals> changedActuals = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The views on the topic now (not tombstoned), as in {@code published-views}. */
    private final Set<String> published = new HashSet<>();
    /** Per row key, the target version whose reaching was announced, as in {@code attained-targets}. */
    private final Map<String, Long> attained = new HashMap<>();
    private long nextPublication;
    /** The next multiple of the publish interval (wall-clock milliseconds) at which the views are published. */
    private long nextSlot = Long.MIN_VALUE;
    /** The slot whose pre-commit was asked for. */
    private long preCommitted = Long.MIN_VALUE;
    /** Whether the last publication was of recent sales (not far behind). */
    private boolean live;
    /** The last tick (wall-clock milliseconds), {@link Long#MIN_VALUE} before the first. */
    private long lastTick = Long.MIN_VALUE;
    /** Until when no commit is asked for ({@link #STALLED_BACKOFF} after a stall). */
    private long commitsOnlyAtIntervalUntil = Long.MIN_VALUE;
    /** The newest timestamp of a sale applied since the last publication, {@link Long#MIN_VALUE} if none. */
    private long newestApplied = Long.MIN_VALUE;
    /** When (punctuation time) the views were last published, {@link Long#MIN_VALUE} if never. */
    private long lastPublished = Long.MIN_VALUE;

    ViewPublisher(Duration publishInterval, double publishShare, Clock clock, ProjectorMetrics metrics,
            KeyValueStore<String, Long> attainedStore, KeyValueStore<String, String> publishedStore) {
        this.publishIntervalMillis = publishInterval.toMillis();
        this.publishShare = publishShare;
        this.clock = clock;
        this.metrics = metrics;
        this.attainedStore = attainedStore;
        this.publishedStore = publishedStore;
    }

    /** Reads what was published and announced, and marks every view published before (a task that starts). */
    void load() {
        try (KeyValueIterator<String, Long> all = attainedStore.all()) {
            all.forEachRemaining(entry -> attained.put(entry.key, entry.value));
        }
        try (KeyValueIterator<String, String> all = publishedStore.all()) {
            all.forEachRemaining(entry -> {
                published.add(entry.key);
                marked.add(entry.key);
            });
        }
    }

    /** A sale record stamped {@code timestamp} was applied. */
    void applied(long timestamp) {
        newestApplied = Math.max(newestApplied, timestamp);
    }

    /** A row's view changed. */
    void mark(String rowKey) {
        marked.add(rowKey);
    }

    /** An owner's actuals of a dimension and item changed: so did its view of every type that measures the dimension. */
    void markActuals(OwnerActuals actuals) {
        changedActuals.add(actuals);
    }

    /** The view of a type that the owner's actuals are the actuals of. */
    void markView(OwnerActuals actuals, TargetType type) {
        marked.add(RowKey.format(actuals.tenantId(), actuals.year(), type.id(), actuals.level(), actuals.ownerId(), actuals.item()));
    }

    /** The views of the actuals that changed, of the types that measure their dimensions now. */
    private void markChangedActuals(PartitionTargets targets) {
        for (OwnerActuals actuals : changedActuals) {
            for (TargetType type : targets.typesMeasuring(actuals.tenantId(), actuals.dimension())) {
                markView(actuals, type);
            }
        }
        changedActuals.clear();
    }

    /** A row's total target changed, or it has none now: reaching it is news again. */
    void totalChanged(String rowKey) {
        if (attained.remove(rowKey) != null) {
            attainedStore.delete(rowKey);
        }
    }

    /**
     * Publishes every view marked since the last time, once the wall clock has reached the next multiple of the
     * publish interval, unless the throttle says wait or the stage is far behind and published less than
     * {@link #FAR_BEHIND_INTERVAL} ago; {@code punctuated} is the punctuation's (wall-clock) time, called more
     * often than the interval.
     *
     * @return whether to commit now: it published views of recent sales (not far behind), or the sales are recent
     *         and the next publication is {@link #PRE_COMMIT_LEAD} away; never within {@link #STALLED_BACKOFF} of a
     *         tick more than {@link #STALLED} after the one before
     */
    boolean publish(ProcessorContext<String, ProgressRecord> context, ProgressViews views, PartitionTargets targets, long punctuated) {
        if (lastTick != Long.MIN_VALUE && punctuated - lastTick > STALLED.toMillis()) {
            commitsOnlyAtIntervalUntil = punctuated + STALLED_BACKOFF.toMillis();
        }
        lastTick = punctuated;
        boolean extraCommits = punctuated >= commitsOnlyAtIntervalUntil;
        if (punctuated < nextSlot) {
            long lead = Math.min(PRE_COMMIT_LEAD.toMillis(), publishIntervalMillis / 2);
            if (live && extraCommits && preCommitted != nextSlot && nextSlot - punctuated <= lead) {
                preCommitted = nextSlot;
                return true;
            }
            return false;
        }
        nextSlot = Math.floorDiv(punctuated, publishIntervalMillis) * publishIntervalMillis + publishIntervalMillis;
        long started = System.nanoTime();
        if (started - nextPublication < 0 || marked.isEmpty() && changedActuals.isEmpty()) {
            return false;
        }
        boolean farBehind = newestApplied != Long.MIN_VALUE && punctuated - newestApplied > FAR_BEHIND.toMillis();
        if (farBehind && lastPublished != Long.MIN_VALUE && punctuated - lastPublished < FAR_BEHIND_INTERVAL.toMillis()) {
            live = false;
            return false;
        }
        long cpuStarted = cpuTime();
        live = !farBehind;
        newestApplied = Long.MIN_VALUE;
        lastPublished = punctuated;
        markChangedActuals(targets);
        List<String> keys = new ArrayList<>(marked);
        marked.clear();
        LocalDate today = LocalDate.now(clock);
        long now = clock.millis();
        for (String key : keys) {
            ProgressView view = views.find(RowKey.parse(key), key, today, ProgressViews.Targets.NOW)
                    .filter(ProgressViews.Found::hasData)
                    .map(ProgressViews.Found::view)
                    .orElse(null);
            context.forward(new Record<>(key, view, now, typeHeader(ProgressRecord.VIEW_TYPE)));
            if (view == null) {
                if (published.remove(key)) {
                    publishedStore.delete(key);
                }
                continue;
            }
            if (published.add(key)) {
                publishedStore.put(key, "");
            }
            if (TargetAttained.reached(view) && !attained.containsKey(key)) {
                attained.put(key, view.targetVersion());
                attainedStore.put(key, view.targetVersion());
                context.forward(new Record<>(TargetAttained.key(key), TargetAttained.of(view, Instant.ofEpochMilli(now)), now,
                        typeHeader(ProgressRecord.ATTAINED_TYPE)));
                metrics.targetAttained();
            }
        }
        long cost = cpuStarted < 0 ? System.nanoTime() - started : cpuTime() - cpuStarted;
        metrics.viewsPublished(keys.size(), cost);
        nextPublication = started + Math.min((long) (cost / publishShare), MOST_THROTTLED.toNanos());
        return !farBehind && extraCommits;
    }

    /** The CPU time of the current thread in nanoseconds, or -1 where the JVM cannot tell (then the time that passed counts). */
    private static long cpuTime() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    private static Headers typeHeader(String type) {
        return new RecordHeaders().add(ProgressRecord.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
    }
}
