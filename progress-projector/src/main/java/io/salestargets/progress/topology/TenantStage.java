package io.salestargets.progress.topology;

import io.salestargets.events.progress.ProgressRecord;
import io.salestargets.events.targets.RowKey;
import io.salestargets.events.targets.TargetRowEvent;
import io.salestargets.events.targets.TargetType;
import io.salestargets.events.targets.TargetTypeAdded;
import io.salestargets.progress.actuals.PartitionActuals;
import io.salestargets.progress.sales.SaleState;
import io.salestargets.progress.state.PartitionState;
import io.salestargets.progress.state.PartitionStates;
import io.salestargets.progress.targets.PartitionTargets;
import io.salestargets.progress.targets.TargetRowState;
import io.salestargets.progress.view.ProgressViews;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The tenant stage, partitioned by tenant: one task holds a tenant's sale states, target rows and types
 * (durable, in changelogged stores) and its actuals (in memory: a pure function of the sale states), and
 * publishes its views ({@link ViewPublisher}).
 *
 * <p>When its task starts (a first start, a restore, a move to this instance, a revival after an
 * aborted transaction, when Kafka Streams restored the stores and initializes this processor again),
 * it rebuilds the partition's memory from the stores, marks every view to publish it once, and only then
 * makes the partition readable to queries ({@link PartitionStates}).
 */
final class TenantStage implements Processor<String, TenantInput, String, ProgressRecord> {

    private static final PartitionActuals.Visitor UNMARKED = actuals -> {
    };

    private final Duration publishInterval;
    private final double publishShare;
    private final Clock clock;
    private final ProjectorMetrics metrics;
    private final PartitionStates states;
    private ProcessorContext<String, ProgressRecord> context;
    private SaleLedger sales;
    private TargetBook targetBook;
    private ViewPublisher publisher;
    private PartitionState state;
    private ProgressViews views;
    private PartitionActuals.Visitor marking;

    TenantStage(Duration publishInterval, double publishShare, Clock clock, ProjectorMetrics metrics, PartitionStates states) {
        this.publishInterval = publishInterval;
        this.publishShare = publishShare;
        this.clock = clock;
        this.metrics = metrics;
        this.states = states;
    }

    @Override
    public void init(ProcessorContext<String, ProgressRecord> context) {
        this.context = context;
        sales = new SaleLedger(context.getStateStore(ProgressTopology.SALE_STATES_STORE), metrics);
        targetBook = new TargetBook(context.getStateStore(ProgressTopology.TARGET_ROWS_STORE),
                context.getStateStore(ProgressTopology.TARGET_TYPES_STORE), context.getStateStore(ProgressTopology.TARGET_HISTORY_STORE));
        publisher = new ViewPublisher(publishInterval, publishShare, clock, metrics, context.getStateStore(ProgressTopology.ATTAINED_TARGETS_STORE),
                context.getStateStore(ProgressTopology.PUBLISHED_VIEWS_STORE));
        if (state != null) {
            states.remove(state); // a revival: what the aborted transaction left in memory is gone with it
        }
        state = new PartitionState(context.taskId().partition());
        views = new ProgressViews(state);
        PartitionTargets targets = state.targets();
        marking = publisher::markActuals;
        rebuild();
        states.register(state);
        Duration tick = publishInterval.compareTo(ViewPublisher.TICK) < 0 ? publishInterval : ViewPublisher.TICK;
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, now -> {
            if (publisher.publish(context, views, targets, now)) {
                context.commit();
            }
        });
    }

    /** The partition's memory from its stores, and every view with data marked (none is registered yet: no lock needed). */
    private void rebuild() {
        targetBook.load(state.targets());
        KeyValueStore<String, SaleState> saleStates = context.getStateStore(ProgressTopology.SALE_STATES_STORE);
        try (KeyValueIterator<String, SaleState> all = saleStates.all()) {
            all.forEachRemaining(sale -> {
                if (sale.value.won() != null) {
                    state.actuals().count(sale.value.won(), 1, UNMARKED);
                }
            });
        }
        publisher.load();
        state.actuals().forEach(marking);
        for (TargetRowState row : state.targets().rows()) {
            publisher.mark(RowKey.format(row.tenantId(), row.row().year(), row.row().typeId(), row.row().level(), row.row().ownerId(),
                    row.row().item()));
        }
    }

    @Override
    public void process(Record<String, TenantInput> record) {
        if (record.value() instanceof TenantInput.Sale sale) {
            SaleLedger.Change change = sales.apply(record.key(), sale.state());
            if (change != null) {
                state.write(() -> {
                    if (change.removed() != null) {
                        state.actuals().count(change.removed(), -1, marking);
                    }
                    if (change.added() != null) {
                        state.actuals().count(change.added(), 1, marking);
                    }
                    return change;
                });
                metrics.saleReachedActuals(clock.millis() - record.timestamp());
            }
            publisher.applied(record.timestamp());
        } else if (record.value() instanceof TenantInput.Target target) {
            if (target.event() instanceof TargetTypeAdded added) {
                state.write(() -> {
                    targetBook.add(added, state.targets());
                    return added;
                });
                markType(added.tenantId(), added.targetType());
            } else if (target.event() instanceof TargetRowEvent event) {
                TargetBook.Outcome outcome = state.write(() -> targetBook.apply(event, state.targets()));
                if (outcome == TargetBook.Outcome.TOTAL) {
                    publisher.totalChanged(event.key());
                }
                if (outcome != TargetBook.Outcome.NONE) {
                    publisher.mark(event.key());
                }
            }
        }
    }

    /** A type the tenant added: the views of the owners that have sales of its dimension appear. */
    private void markType(String tenantId, TargetType type) {
        state.actuals().forEach(actuals -> {
            if (actuals.tenantId().equals(tenantId) && actuals.dimension().equals(type.dimension())) {
                publisher.markView(actuals, type);
            }
        });
    }

    @Override
    public void close() {
        if (state != null) {
            states.remove(state);
        }
    }
}
