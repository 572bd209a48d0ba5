package io.salestargets.progress.query;

import io.salestargets.events.access.Caller;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.target.Level;
import io.salestargets.events.target.Measure;
import io.salestargets.events.target.RowId;
import io.salestargets.events.target.RowKey;
import io.salestargets.events.target.RowPath;
import io.salestargets.events.target.TargetType;
import io.salestargets.progress.actuals.Keys;
import io.salestargets.progress.actuals.LatestGroup;
import io.salestargets.progress.health.StreamsHealthChecks;
import io.salestargets.progress.targets.TargetRowState;
import io.salestargets.progress.topology.ProgressTopology;
import io.salestargets.progress.view.ProgressViews;
import io.salestargets.service.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * All access to the projector's state: where a key lives, and the views computed from this
 * instance's stores. The REST resource stays thin; forwarding to the owning instance is
 * {@link InstanceForwarder}'s.
 */
@ApplicationScoped
public class ProgressQueries {

    /** Where a key's owner lives: here (with its partition), or another instance. */
    public record Route(boolean local, int partition, HostInfo host) {
    }

    static final int ATTEMPTS = 10;
    static final long PAUSE_MILLIS = 200;
    /** Stopped streams come back only with a restart of the instance (its liveness is down): longer than a rebalance. */
    static final int STOPPED_RETRY_AFTER_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(ProgressQueries.class);

    private final KafkaStreams streams;
    private final HostInfo self;

    public ProgressQueries(KafkaStreams streams, @ConfigProperty(name = "quarkus.kafka-streams.application-server") String self) {
        this.streams = streams;
        this.self = HostInfo.buildFromEndpoint(self);
    }

    /**
     * Every query of the streams' state goes through here. Tries it while the streams start or rebalance (an
     * empty answer, or a store in transition), for {@value #ATTEMPTS} x {@value #PAUSE_MILLIS} ms; then 503 with
     * Retry-After. Once the streams have failed or stopped (ERROR, NOT_RUNNING, or on their way there: a fatal
     * error, the shutdown), 503 at once: Kafka Streams then refuses every query with an IllegalStateException, which
     * would otherwise be a 500.
     */
    public <T> T retrying(Supplier<Optional<T>> query) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            refuseIfStopped();
            try {
                Optional<T> answer = query.get();
                if (answer.isPresent()) {
                    return answer.get();
                }
            } catch (InvalidStateStoreException e) {
                LOG.debugf("store not queryable yet (attempt %d): %s", attempt, e.getMessage());
            } catch (IllegalStateException e) {
                refuseIfStopped(); // the streams stopped during the query
                throw e;
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw ProblemException.unavailable("The projector is rebalancing its partitions; try again shortly", 2);
    }

    /** 503 with Retry-After when the streams have failed or are stopping ({@link StreamsHealthChecks#stopped}). */
    private void refuseIfStopped() {
        KafkaStreams.State state = streams.state();
        if (StreamsHealthChecks.stopped(state)) {
            throw ProblemException.unavailable("The projector's streams are not running (" + state + "); try again shortly",
                    STOPPED_RETRY_AFTER_SECONDS);
        }
    }

    /** The instance that owns an owner's key, or empty while the streams rebalance. */
    public Optional<Route> route(String tenantId, int year, Level level, String ownerId) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(ProgressTopology.TARGET_ROWS_STORE,
                Keys.owner(tenantId, year, level, ownerId), new StringSerializer());
        if (metadata == null || metadata == KeyQueryMetadata.NOT_AVAILABLE || metadata.activeHost() == null
                || metadata.activeHost().port() < 0) {
            return Optional.empty();
        }
        return Optional.of(new Route(metadata.activeHost().equals(self), metadata.partition(), metadata.activeHost()));
    }

    /**
     * Every instance of the application, this one included. Like a key's route, only once the streams have
     * started: before (a list asked for while the projector starts) it is tried again, then 503, not a 500.
     */
    public Set<HostInfo> instances() {
        return retrying(() -> {
            Set<HostInfo> hosts = new LinkedHashSet<>();
            hosts.add(self);
            streams.metadataForAllStreamsClients().forEach(metadata -> hosts.add(metadata.hostInfo()));
            return Optional.of(hosts);
        });
    }

    /** This instance, as {@code host:port}. */
    public String self() {
        return self.host() + ":" + self.port();
    }

    public boolean isSelf(HostInfo host) {
        return self.equals(host);
    }

    /**
     * A row's progress, from the partition that owns it on this instance.
     *
     * @param targetsAsOf null for the row's targets now; else as they stood at that instant
     *
     * @throws ProblemException 404 for an unknown type or a row the caller may not read
     * @throws io.salestargets.events.InvalidFieldException for an item the type does not take
     */
    public ProgressView view(Caller caller, RowPath path, LocalDate asOf, Instant targetsAsOf, int partition) {
        ProgressStore store = new ProgressStore(streams, partition);
        RowId id = new RowId(path.year(), path.typeId(), path.level(), path.ownerId(), path.item());
        RowKey key = new RowKey(caller.tenantId(), id);
        TargetRowState row = store.rows.get(key.format());
        TargetType type = store.views.type(caller.tenantId(), path.typeId())
                .or(() -> Optional.ofNullable(row).map(held -> asType(path.typeId(), held.measure())))
                .orElseThrow(() -> ProblemException.notFound("No target type '" + path.typeId() + "'"));
        path.checkItemFor(type);
        if (!caller.mayRead(caller.relationTo(id, groupOf(store, key, row)))) {
            throw ProblemException.notFound("No such progress");
        }
        return store.views.find(key, asOf, store.targets(targetsAsOf)).orElseThrow().view();
    }

    /**
     * What this instance holds of a year, type and item: every owner with a row or sales (now) that the caller
     * may read; with {@code targetsAsOf}, their targets as they stood at that instant.
     */
    public LocalProgress local(Caller caller, RowPath plan, LocalDate asOf, Instant targetsAsOf) {
        ProgressStore store = new ProgressStore(streams, null);
        Measure measure = store.views.type(caller.tenantId(), plan.typeId()).map(TargetType::measure).orElse(null);
        Set<RowId> owners = new LinkedHashSet<>();
        String rowPrefix = caller.tenantId() + "/" + plan.year() + "/" + plan.typeId() + "/";
        try (KeyValueIterator<String, TargetRowState> rows = store.rows.prefixScan(rowPrefix, new StringSerializer())) {
            while (rows.hasNext()) {
                KeyValue<String, TargetRowState> row = rows.next();
                measure = measure == null ? row.value.measure() : measure;
                if (Objects.equals(row.value.row().item(), plan.item())) {
                    owners.add(row.value.row());
                }
            }
        }
        if (measure == null) {
            return new LocalProgress(false, List.of());
        }
        plan.checkItemFor(asType(plan.typeId(), measure));
        String salesPrefix = Keys.ownersWithSales(caller.tenantId(), plan.year(), measure.dimension(), plan.item());
        try (KeyValueIterator<String, String> withSales = store.ownersWithSales.prefixScan(salesPrefix, new StringSerializer())) {
            while (withSales.hasNext()) {
                String[] owner = withSales.next().key.substring(salesPrefix.length()).split("/", 2);
                owners.add(new RowId(plan.year(), plan.typeId(), Level.fromKeySegment(owner[0]), owner[1], plan.item()));
            }
        }
        List<OwnerProgress> progress = new ArrayList<>();
        for (RowId id : owners) {
            RowKey key = new RowKey(caller.tenantId(), id);
            TargetRowState row = store.rows.get(key.format());
            String group = groupOf(store, key, row);
            if (caller.mayRead(caller.relationTo(id, group))) {
                store.views.find(key, asOf, store.targets(targetsAsOf)).filter(ProgressViews.Found::hasData)
                        .ifPresent(found -> progress.add(new OwnerProgress(found.view(), group)));
            }
        }
        return new LocalProgress(true, progress);
    }

    /** The tenant's target types as this instance knows them (every owner partition knows every type). */
    public List<TargetType> types(String tenantId) {
        ProgressStore store = new ProgressStore(streams, null);
        Map<String, TargetType> types = new TreeMap<>();
        types.put(TargetType.ALL_SALES_AMOUNT.id(), TargetType.ALL_SALES_AMOUNT);
        try (KeyValueIterator<String, TargetType> added = store.types.prefixScan(Keys.types(tenantId), new StringSerializer())) {
            added.forEachRemaining(type -> types.put(type.value.id(), type.value));
        }
        return new ArrayList<>(types.values());
    }

    /** The list items of a year and type that this instance holds a row or sales of. */
    public List<String> items(String tenantId, int year, TargetType type) {
        ProgressStore store = new ProgressStore(streams, null);
        Set<String> items = new TreeSet<>();
        try (KeyValueIterator<String, TargetRowState> rows = store.rows.prefixScan(tenantId + "/" + year + "/" + type.id() + "/",
                new StringSerializer())) {
            rows.forEachRemaining(row -> {
                if (row.value.row().item() != null) {
                    items.add(row.value.row().item());
                }
            });
        }
        String prefix = Keys.ownersWithSales(tenantId, year, type.dimension());
        try (KeyValueIterator<String, String> owners = store.ownersWithSales.prefixScan(prefix, new StringSerializer())) {
            owners.forEachRemaining(owner -> {
                String item = owner.key.substring(prefix.length(), owner.key.indexOf('|', prefix.length()));
                if (!item.isEmpty()) {
                    items.add(item);
                }
            });
        }
        return new ArrayList<>(items);
    }

    /** A user's group for the year: its row's, else its latest sale's; none for other levels. */
    private static String groupOf(ProgressStore store, RowKey key, TargetRowState row) {
        RowId id = key.row();
        if (id.level() != Level.USER) {
            return null;
        }
        if (row != null) {
            return row.groupId();
        }
        LatestGroup latest = store.latestGroups.get(Keys.owner(key.tenantId(), id.year(), id.level(), id.ownerId()));
        return latest == null ? null : latest.groupId();
    }

    private static TargetType asType(String typeId, Measure measure) {
        return new TargetType(typeId, typeId, measure.dimension(), measure.unit());
    }
}
