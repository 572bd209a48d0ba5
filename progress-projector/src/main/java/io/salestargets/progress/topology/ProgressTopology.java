package io.salestargets.progress.topology;

import io.salestargets.events.Topics;
import io.salestargets.events.kafka.EventSerdes;
import io.salestargets.events.kafka.JsonDeserializer;
import io.salestargets.events.kafka.JsonSerializer;
import io.salestargets.events.target.TargetType;
import io.salestargets.progress.actuals.ActualsChange;
import io.salestargets.progress.actuals.ActualsSerdes;
import io.salestargets.progress.actuals.LatestGroup;
import io.salestargets.progress.actuals.MonthActuals;
import io.salestargets.progress.sales.SaleStateSerde;
import io.salestargets.progress.targets.TargetHistory;
import io.salestargets.progress.targets.TargetRowState;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The projector's topology, built by a plain class so that {@code TopologyTestDriver} tests it without
 * Quarkus. It reads top to bottom as the data flows:
 *
 * <pre>
 * crm.sales --(raw bytes)--> sales stage [store sale-states] --+--(unreadable)--> crm.sales.dlq
 *                                                              +--(changes, by owner)--> repartition actuals-changes -+
 * targets.events --(parse, by owner; types to all)--> repartition target-events-by-owner ----------------------+
 *                                                                                                               v
 *   owner stage [stores target-rows, target-types, monthly-actuals, owners-with-sales, latest-groups, dirty-views,
 *                attained-targets, target-history]
 *                                      --(every publish interval: the views that changed)--> targets.progress
 *                                      --(a row's total target reached, once)--> targets.progress (key row key#attained)
 * </pre>
 *
 * The owner stage's stores are cached (Kafka Streams' record cache): between two commits, the many
 * changes of one key (the company's actuals of today, a view's mark) reach RocksDB and the changelog
 * once. The hottest and the largest data (sale states, actuals changes, monthly actuals, target history) is binary
 * ({@link SaleStateSerde}, {@link ActualsSerdes}, {@link TargetHistory}), the rest JSON.
 */
public final class ProgressTopology {

    /** Per sale: what it counts now, and its newest revision (sales stage). */
    public static final String SALES_STORE = "sale-states";
    /** Per row key: the row's target (owner stage). */
    public static final String TARGET_ROWS_STORE = "target-rows";
    /** Per type key: every tenant's added types, in every owner partition. */
    public static final String TARGET_TYPES_STORE = "target-types";
    /** Per owner, dimension, item and month: the actuals, day by day ({@link MonthActuals}). */
    public static final String ACTUALS_STORE = "monthly-actuals";
    /** Per tenant, year, dimension and item: the owners that have sales of it. */
    public static final String OWNERS_WITH_SALES_STORE = "owners-with-sales";
    /** Per user: the group of the latest won sale. */
    public static final String LATEST_GROUPS_STORE = "latest-groups";
    /** The views changed since the last publication. */
    public static final String DIRTY_VIEWS_STORE = "dirty-views";
    /** Per row key: the target version whose reaching was published ({@code TargetAttained}), until the total target changes. */
    public static final String ATTAINED_TARGETS_STORE = "attained-targets";
    /** Per row key and version: the row's targets as each event that changed them left them ({@link TargetHistory}). */
    public static final String TARGET_HISTORY_STORE = "target-history";

    private final Duration publishInterval;
    private final double publishShare;
    private final Clock clock;
    private final ProjectorMetrics metrics;
    /** The producer's default {@code max.request.size}. */
    private int deadLetterMaxBytes = 1024 * 1024;
    /** As many as {@code crm.sales} and {@code targets.events} have (local-stack {@code ContractTopics}). */
    private int ownerPartitions = 6;

    /**
     * @param publishInterval how often the views that changed are published
     * @param publishShare    at most this share of the owner stage's time goes to publishing (0-1]
     */
    public ProgressTopology(Duration publishInterval, double publishShare, Clock clock, ProjectorMetrics metrics) {
        if (!(publishShare > 0 && publishShare <= 1)) {
            throw new IllegalArgumentException("the publish share is more than 0 and at most 1, not " + publishShare);
        }
        this.publishInterval = publishInterval;
        this.publishShare = publishShare;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * The largest dead letter the topology sends: the producer's {@code max.request.size}. A larger one is
     * dropped and counted ({@link ProjectorMetrics#deadLetterDropped()}) instead of failing the transaction.
     */
    public ProgressTopology deadLettersUpTo(int maxRequestSize) {
        this.deadLetterMaxBytes = maxRequestSize;
        return this;
    }

    /**
     * The partitions of the owner stage: of both its repartition topics, whatever {@code crm.sales} and
     * {@code targets.events} have. Taken from their sources, an owner's actuals and targets would land in
     * different tasks as soon as the two topics had different counts, and its views would be silently wrong.
     * Changing it means rebuilding the projector's state ({@code docs/operations.md}, "Add partitions").
     */
    public ProgressTopology ownerPartitions(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("progress.owner-partitions is at least 1, not " + partitions);
        }
        this.ownerPartitions = partitions;
        return this;
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        // not cached: nearly every sale is written once, so a cache would only add copies
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SALES_STORE), Serdes.String(),
                SaleStateSerde.serde()));

        KStream<byte[], byte[]> sales = builder.stream(Topics.SALES,
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("crm-sales"));
        Map<String, KStream<String, SalesOutput>> salesOutput = sales
                .process(() -> new SalesProcessor(metrics, deadLetterMaxBytes), Named.as("sales-stage"), SALES_STORE)
                .split(Named.as("sales-"))
                .branch((key, output) -> output instanceof DeadLetter, Branched.as("dead-letters"))
                .defaultBranch(Branched.as("changes"));
        salesOutput.get("sales-dead-letters")
                .map((key, output) -> KeyValue.pair(((DeadLetter) output).key(), ((DeadLetter) output).value()),
                        Named.as("dead-letter-as-received"))
                .to(Topics.SALES_DLQ, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("crm-sales-dlq"));
        KStream<String, OwnerInput> changes = salesOutput.get("sales-changes")
                .mapValues(output -> (ActualsChange) output, Named.as("changes"))
                .repartition(Repartitioned.with(Serdes.String(), ActualsSerdes.changes()).withName("actuals-changes")
                        .withNumberOfPartitions(ownerPartitions))
                .mapValues(change -> (OwnerInput) change, Named.as("changes-for-owners"));

        KStream<String, OwnerInput> targets = builder.stream(Topics.TARGET_EVENTS,
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("target-events"))
                .process(() -> new TargetEventReader(metrics), Named.as("target-events-reader"))
                .repartition(Repartitioned.with(Serdes.String(), EventSerdes.targetEvents())
                        .withStreamPartitioner(new OwnerPartitioner()).withName("target-events-by-owner")
                        .withNumberOfPartitions(ownerPartitions))
                .mapValues(event -> (OwnerInput) new TargetChange(event), Named.as("targets-for-owners"));

        builder.addStateStore(store(TARGET_ROWS_STORE, TargetRowState.class));
        builder.addStateStore(store(TARGET_TYPES_STORE, TargetType.class));
        builder.addStateStore(store(ACTUALS_STORE, ActualsSerdes.months()));
        builder.addStateStore(store(OWNERS_WITH_SALES_STORE, String.class));
        builder.addStateStore(store(LATEST_GROUPS_STORE, LatestGroup.class));
        builder.addStateStore(store(DIRTY_VIEWS_STORE, Serdes.Long()));
        builder.addStateStore(store(ATTAINED_TARGETS_STORE, Serdes.Long()));
        builder.addStateStore(store(TARGET_HISTORY_STORE, TargetHistory.serde()));
        // views (null: a tombstone) under their row keys and TargetAttained under row key#attained, told apart by ce_type
        changes.merge(targets, Named.as("owner-inputs"))
                .process(() -> new OwnerProcessor(publishInterval, publishShare, clock, metrics), Named.as("owner-stage"),
                        TARGET_ROWS_STORE, TARGET_TYPES_STORE, ACTUALS_STORE, OWNERS_WITH_SALES_STORE, LATEST_GROUPS_STORE,
                        DIRTY_VIEWS_STORE, ATTAINED_TARGETS_STORE, TARGET_HISTORY_STORE)
                .to(Topics.PROGRESS, Produced.with(Serdes.String(), EventSerdes.progressRecords()).withName("targets-progress"));
        return builder.build();
    }

    private static <T> StoreBuilder<KeyValueStore<String, T>> store(String name, Class<T> type) {
        return store(name, json(type));
    }

    private static <T> StoreBuilder<KeyValueStore<String, T>> store(String name, Serde<T> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values).withCachingEnabled();
    }

    static <T> Serde<T> json(Class<T> type) {
        return Serdes.serdeFrom(new JsonSerializer<>(), new JsonDeserializer<>(type));
    }
}
