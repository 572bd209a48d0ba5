package io.salestargets.progress.topology;

import io.salestargets.events.Topics;
import io.salestargets.events.kafka.EventSerdes;
import io.salestargets.events.kafka.JsonDeserializer;
import io.salestargets.events.kafka.JsonSerializer;
import io.salestargets.events.targets.TargetType;
import io.salestargets.progress.sales.SaleStateSerde;
import io.salestargets.progress.state.PartitionStates;
import io.salestargets.progress.targets.TargetHistory;
import io.salestargets.progress.targets.TargetRowState;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
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
 * crm.sales --(raw bytes)--> sales reader --+--(unreadable)--> crm.sales.dlq
 *                                           +--(the sale's new state, by tenant)--> repartition sales-by-tenant --+
 * targets.events --(parse, by tenant)--> repartition target-events-by-tenant -------------------------------------+
 *                                                                                                                 v
 *   tenant stage [stores sale-states, target-rows, target-types, target-history, attained-targets, published-views;
 *                 in memory: actuals, rows, types, marks]
 *                                      --(every publish interval: the views that changed)--> targets.progress
 *                                      --(a row's total target reached, once)--> targets.progress (key row key#attained)
 * </pre>
 *
 * Per new sale: one repartition record and one sale-state write (and its changelog record) of about a
 * hundred bytes, and a share of a view. The actuals have no store: they are a pure function of the sale
 * states, rebuilt in memory when a task starts ({@link TenantStage}).
 */
public final class ProgressTopology {

    /** Per sale: what it counts now, and its newest revision. */
    public static final String SALE_STATES_STORE = "sale-states";
    /** Per row key: the row's target. */
    public static final String TARGET_ROWS_STORE = "target-rows";
    /** Per type key: the tenant's added types. */
    public static final String TARGET_TYPES_STORE = "target-types";
    /** Per row key: the target version whose reaching was published ({@code TargetAttained}), until the total target changes. */
    public static final String ATTAINED_TARGETS_STORE = "attained-targets";
    /** Per row key and version: the row's targets as each event that changed them left them ({@link TargetHistory}). */
    public static final String TARGET_HISTORY_STORE = "target-history";
    /** The row keys whose last record on {@code targets.progress} is a view (not a tombstone). */
    public static final String PUBLISHED_VIEWS_STORE = "published-views";
    /** The repartition topic that feeds the tenant stage with sales (after the application id prefix). */
    public static final String SALES_BY_TENANT = "sales-by-tenant";

    private final Duration publishInterval;
    private final double publishShare;
    private final Clock clock;
    private final ProjectorMetrics metrics;
    private final PartitionStates states;
    /** The producer's default {@code max.request.size}. */
    private int deadLetterMaxBytes = 1024 * 1024;
    /** As many as {@code crm.sales} and {@code targets.events} have (local-stack {@code ContractTopics}). */
    private int tenantPartitions = 6;

    /**
     * @param publishInterval how often the views that changed are published
     * @param publishShare    at most this share of the tenant stage's time goes to publishing (0-1]
     * @param states          where the tenant stage's partitions on this instance are readable (the query side)
     */
    public ProgressTopology(Duration publishInterval, double publishShare, Clock clock, ProjectorMetrics metrics,
            PartitionStates states) {
        if (!(publishShare > 0 && publishShare <= 1)) {
            throw new IllegalArgumentException("the publish share is more than 0 and at most 1, not " + publishShare);
        }
        this.publishInterval = publishInterval;
        this.publishShare = publishShare;
        this.clock = clock;
        this.metrics = metrics;
        this.states = states;
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
     * The partitions of the tenant stage: of both its repartition topics, whatever {@code crm.sales} and
     * {@code targets.events} have, so that a tenant's sales and targets always meet in one task. Changing it
     * means rebuilding the projector's state ({@code docs/operations.md}, "Add partitions").
     */
    public ProgressTopology tenantPartitions(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("progress.tenant-partitions is at least 1, not " + partitions);
        }
        this.tenantPartitions = partitions;
        return this;
    }

    /** The partition of a tenant's data (the query side's routing). */
    public static int partitionOf(String tenantId, int tenantPartitions) {
        return TenantPartitioner.partitionOf(tenantId, tenantPartitions);
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, SaleRead> reads = builder.stream(Topics.SALES,
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("crm-sales"))
                .process(() -> new SalesReader(metrics, deadLetterMaxBytes), Named.as("sales-reader"));
        reads.flatMapValues(SaleRead::deadLetter, Named.as("dead-letters"))
                .map((key, letter) -> KeyValue.pair(letter.key(), letter.value()), Named.as("dead-letter-as-received"))
                .to(Topics.SALES_DLQ, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("crm-sales-dlq"));
        KStream<String, TenantInput> sales = reads.flatMapValues(SaleRead::change, Named.as("sale-changes"))
                .repartition(Repartitioned.with(Serdes.String(), SaleStateSerde.serde()).withName(SALES_BY_TENANT)
                        .withStreamPartitioner(new TenantPartitioner<>()).withNumberOfPartitions(tenantPartitions))
                .mapValues(TenantInput::sale, Named.as("sales-for-tenants"));

        KStream<String, TenantInput> targets = builder.stream(Topics.TARGET_EVENTS,
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("target-events"))
                .process(() -> new TargetEventReader(metrics), Named.as("target-events-reader"))
                .repartition(Repartitioned.with(Serdes.String(), EventSerdes.targetEvents())
                        .withStreamPartitioner(new TenantPartitioner<>()).withName("target-events-by-tenant")
                        .withNumberOfPartitions(tenantPartitions))
                .mapValues(TenantInput::target, Named.as("targets-for-tenants"));

        // not cached: nearly every sale is written once, so a cache would only add copies
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SALE_STATES_STORE), Serdes.String(),
                SaleStateSerde.serde()));
        builder.addStateStore(store(TARGET_ROWS_STORE, json(TargetRowState.class)));
        builder.addStateStore(store(TARGET_TYPES_STORE, json(TargetType.class)));
        builder.addStateStore(store(ATTAINED_TARGETS_STORE, Serdes.Long()));
        builder.addStateStore(store(TARGET_HISTORY_STORE, TargetHistory.serde()));
        builder.addStateStore(store(PUBLISHED_VIEWS_STORE, Serdes.String()));
        // views (null: a tombstone) under their row keys and TargetAttained under row key#attained, told apart by ce_type
        sales.merge(targets, Named.as("tenant-inputs"))
                .process(() -> new TenantStage(publishInterval, publishShare, clock, metrics, states), Named.as("tenant-stage"),
                        SALE_STATES_STORE, TARGET_ROWS_STORE, TARGET_TYPES_STORE, ATTAINED_TARGETS_STORE, TARGET_HISTORY_STORE,
                        PUBLISHED_VIEWS_STORE)
                .to(Topics.PROGRESS, Produced.with(Serdes.String(), EventSerdes.progressRecords()).withName("targets-progress"));
        return builder.build();
    }

    private static <T> StoreBuilder<KeyValueStore<String, T>> store(String name, Serde<T> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values).withCachingEnabled();
    }

    static <T> Serde<T> json(Class<T> type) {
        return Serdes.serdeFrom(new JsonSerializer<>(), new JsonDeserializer<>(type));
    }
}
