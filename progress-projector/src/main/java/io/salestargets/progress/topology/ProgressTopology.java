package io.salestargets.progress.topology;

import io.salestargets.events.Topics;
import io.salestargets.events.kafka.EventSerdes;
import io.salestargets.events.kafka.JsonDeserializer;
import io.salestargets.events.kafka.JsonSerializer;
import io.salestargets.events.target.TargetType;
import io.salestargets.progress.actuals.ActualsDelta;
import io.salestargets.progress.actuals.DayActual;
import io.salestargets.progress.actuals.LatestGroup;
import io.salestargets.progress.sales.SaleState;
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
 * crm.sales --(raw bytes)--> sales stage [store sales] --+--(unreadable)--> crm.sales.dlq
 *                                                        +--(deltas, by owner)--> repartition actuals-deltas --+
 * targets.events --(parse, by owner; types to all)--> repartition target-events-by-owner ----------------------+
 *                                                                                                               v
 *   owner stage [stores target-rows, target-types, actuals, owners-with-sales, latest-groups, dirty-views]
 *                                      --(every publish interval: the views that changed)--> targets.progress
 * </pre>
 */
public final class ProgressTopology {

    /** Per sale: what it counts now, and its newest revision (sales stage). */
    public static final String SALES_STORE = "sales";
    /** Per row key: the row's target (owner stage). */
    public static final String TARGET_ROWS_STORE = "target-rows";
    /** Per type key: every tenant's added types, in every owner partition. */
    public static final String TARGET_TYPES_STORE = "target-types";
    /** Per owner, dimension, item and day: the actuals. */
    public static final String ACTUALS_STORE = "actuals";
    /** Per tenant, year, dimension and item: the owners that have sales of it. */
    public static final String OWNERS_WITH_SALES_STORE = "owners-with-sales";
    /** Per user: the group of the latest won sale. */
    public static final String LATEST_GROUPS_STORE = "latest-groups";
    /** The views changed since the last publication. */
    public static final String DIRTY_VIEWS_STORE = "dirty-views";

    private final Duration publishInterval;
    private final Clock clock;
    private final ProjectorMetrics metrics;

    public ProgressTopology(Duration publishInterval, Clock clock, ProjectorMetrics metrics) {
        this.publishInterval = publishInterval;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(store(SALES_STORE, SaleState.class));

        KStream<byte[], byte[]> sales = builder.stream(Topics.SALES,
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("crm-sales"));
        Map<String, KStream<String, SalesOutput>> salesOutput = sales
                .process(() -> new SalesProcessor(metrics), Named.as("sales-stage"), SALES_STORE)
                .split(Named.as("sales-"))
                .branch((key, output) -> output instanceof DeadLetter, Branched.as("dead-letters"))
                .defaultBranch(Branched.as("deltas"));
        salesOutput.get("sales-dead-letters")
                .map((key, output) -> KeyValue.pair(((DeadLetter) output).key(), ((DeadLetter) output).value()),
                        Named.as("dead-letter-as-received"))
                .to(Topics.SALES_DLQ, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("crm-sales-dlq"));
        KStream<String, OwnerInput> deltas = salesOutput.get("sales-deltas")
                .mapValues(output -> (ActualsDelta) output, Named.as("deltas"))
                .repartition(Repartitioned.with(Serdes.String(), json(ActualsDelta.class)).withName("actuals-deltas"))
                .mapValues(delta -> (OwnerInput) delta, Named.as("deltas-for-owners"));

        KStream<String, OwnerInput> targets = builder.stream(Topics.TARGET_EVENTS,
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("target-events"))
                .process(() -> new TargetEventReader(metrics), Named.as("target-events-reader"))
                .repartition(Repartitioned.with(Serdes.String(), EventSerdes.targetEvents())
                        .withStreamPartitioner(new OwnerPartitioner()).withName("target-events-by-owner"))
                .mapValues(event -> (OwnerInput) new TargetChange(event), Named.as("targets-for-owners"));

        builder.addStateStore(store(TARGET_ROWS_STORE, TargetRowState.class));
        builder.addStateStore(store(TARGET_TYPES_STORE, TargetType.class));
        builder.addStateStore(store(ACTUALS_STORE, DayActual.class));
        builder.addStateStore(store(OWNERS_WITH_SALES_STORE, String.class));
        builder.addStateStore(store(LATEST_GROUPS_STORE, LatestGroup.class));
        // cached: many marks of one view between two publications reach the changelog once
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DIRTY_VIEWS_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        deltas.merge(targets, Named.as("owner-inputs"))
                .process(() -> new OwnerProcessor(publishInterval, clock, metrics), Named.as("owner-stage"),
                        TARGET_ROWS_STORE, TARGET_TYPES_STORE, ACTUALS_STORE, OWNERS_WITH_SALES_STORE, LATEST_GROUPS_STORE,
                        DIRTY_VIEWS_STORE)
                .to(Topics.PROGRESS, Produced.with(Serdes.String(), EventSerdes.progressViews()).withName("targets-progress"));
        return builder.build();
    }

    private static <T> StoreBuilder<KeyValueStore<String, T>> store(String name, Class<T> type) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), json(type));
    }

    static <T> Serde<T> json(Class<T> type) {
        return Serdes.serdeFrom(new JsonSerializer<>(), new JsonDeserializer<>(type));
    }
}
