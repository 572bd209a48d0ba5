package io.salestargets.progress.firstversion.topology;

import io.salestargets.events.Topics;
import io.salestargets.events.kafka.EventSerdes;
import io.salestargets.events.kafka.JsonDeserializer;
import io.salestargets.events.kafka.JsonSerializer;
import io.salestargets.events.targets.TargetType;
import io.salestargets.progress.firstversion.actuals.ActualsSerdes;
import io.salestargets.progress.firstversion.actuals.MonthActuals;
import io.salestargets.progress.firstversion.sales.SaleStateSerde;
import io.salestargets.progress.firstversion.targets.TargetRowState;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
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
 * Version 1 of the projector's topology, frozen at commit 6dd31d6: the reference of the differential
 * property test while the projector is redesigned (issue 15). A deliberate twin of what main held then,
 * in the test scope only and compiled against {@code target-events} and Kafka Streams alone (nothing of
 * {@code io.salestargets.progress} outside {@code firstversion}), so that it keeps computing what version 1
 * computed whatever main becomes. Delete this package once version 1 is no longer the comparison.
 *
 * <p>Trimmed to what reaches {@code targets.progress} (compare with {@code git show 6dd31d6:progress-projector/src/main/...}):
 * no dead letters (an unreadable record is an {@link IllegalArgumentException}: the test
 * sends only readable ones), no metrics, no publish share (the tests ran with 1.0, which never delays), and
 * none of the stores that only the query side read (owners with sales, latest groups, target history). The
 * stores are in memory rather than RocksDB: the same sorted key-value stores with the same record cache, so
 * the same views, with no RocksDB to open for each generated stream.
 *
 * <pre>
 * crm.sales --(raw bytes)--> sales stage [store sale-states] --(changes, by owner)--> repartition actuals-changes -+
 * targets.events --(parse, by owner; types to all)--> repartition target-events-by-owner -------------------------+
 *                                                                                                                  v
 *   owner stage [stores target-rows, target-types, monthly-actuals, dirty-views, attained-targets]
 *                                      --(every publish interval: the views that changed)--> targets.progress
 *                                      --(a row's total target reached, once)--> targets.progress (key row key#attained)
 * </pre>
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
    /** The views changed since the last publication. */
    public static final String DIRTY_VIEWS_STORE = "dirty-views";
    /** Per row key: the target version whose reaching was published ({@code TargetAttained}), until the total target changes. */
    public static final String ATTAINED_TARGETS_STORE = "attained-targets";

    private final Duration publishInterval;
    private final Clock clock;
    /** As many as {@code crm.sales} and {@code targets.events} have (local-stack {@code ContractTopics}). */
    private final int ownerPartitions = 6;

    /** @param publishInterval how often the views that changed are published */
    public ProgressTopology(Duration publishInterval, Clock clock) {
        this.publishInterval = publishInterval;
        this.clock = clock;
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        // not cached: nearly every sale is written once, so a cache would only add copies
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SALES_STORE), Serdes.String(),
                SaleStateSerde.serde()));

        KStream<byte[], byte[]> sales = builder.stream(Topics.SALES,
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("crm-sales"));
        KStream<String, OwnerInput> changes = sales
                .process(SalesProcessor::new, Named.as("sales-stage"), SALES_STORE)
                .repartition(Repartitioned.with(Serdes.String(), ActualsSerdes.changes()).withName("actuals-changes")
                        .withNumberOfPartitions(ownerPartitions))
                .mapValues(change -> (OwnerInput) change, Named.as("changes-for-owners"));

        KStream<String, OwnerInput> targets = builder.stream(Topics.TARGET_EVENTS,
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("target-events"))
                .process(TargetEventReader::new, Named.as("target-events-reader"))
                .repartition(Repartitioned.with(Serdes.String(), EventSerdes.targetEvents())
                        .withStreamPartitioner(new OwnerPartitioner()).withName("target-events-by-owner")
                        .withNumberOfPartitions(ownerPartitions))
                .mapValues(event -> (OwnerInput) new TargetChange(event), Named.as("targets-for-owners"));

        builder.addStateStore(store(TARGET_ROWS_STORE, json(TargetRowState.class)));
        builder.addStateStore(store(TARGET_TYPES_STORE, json(TargetType.class)));
        builder.addStateStore(store(ACTUALS_STORE, ActualsSerdes.months()));
        builder.addStateStore(store(DIRTY_VIEWS_STORE, Serdes.Long()));
        builder.addStateStore(store(ATTAINED_TARGETS_STORE, Serdes.Long()));
        // views (null: a tombstone) under their row keys and TargetAttained under row key#attained, told apart by ce_type
        changes.merge(targets, Named.as("owner-inputs"))
                .process(() -> new OwnerProcessor(publishInterval, clock), Named.as("owner-stage"),
                        TARGET_ROWS_STORE, TARGET_TYPES_STORE, ACTUALS_STORE, DIRTY_VIEWS_STORE, ATTAINED_TARGETS_STORE)
                .to(Topics.PROGRESS, Produced.with(Serdes.String(), EventSerdes.progressRecords()).withName("targets-progress"));
        return builder.build();
    }

    private static <T> StoreBuilder<KeyValueStore<String, T>> store(String name, Serde<T> values) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values).withCachingEnabled();
    }

    private static <T> Serde<T> json(Class<T> type) {
        return Serdes.serdeFrom(new JsonSerializer<>(), new JsonDeserializer<>(type));
    }
}
