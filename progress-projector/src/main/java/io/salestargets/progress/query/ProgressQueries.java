package io.salestargets.progress.query;

import io.salestargets.events.InvalidInputException;
import io.salestargets.events.access.Caller;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.Measure;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.RowKey;
import io.salestargets.events.targets.RowPath;
import io.salestargets.events.targets.TargetType;
import io.salestargets.progress.actuals.PartitionActuals;
import io.salestargets.progress.health.StreamsHealthChecks;
import io.salestargets.progress.state.PartitionState;
import io.salestargets.progress.state.PartitionStates;
import io.salestargets.progress.targets.TargetRevision;
import io.salestargets.progress.targets.TargetRowState;
import io.salestargets.progress.topology.ProgressTopology;
import io.salestargets.progress.view.ProgressViews;
import io.salestargets.service.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The query side: every read of progress goes through here. A tenant's data lives in one partition of the
 * tenant stage ({@link ProgressTopology#partitionOf}); {@link #answer} answers from it when this instance
 * runs that partition (reading its memory under the partition's read lock), or forwards the request to the
 * instance that does. The REST resources only delegate.
 */
@ApplicationScoped
public class ProgressQueries {

    static final int ATTEMPTS = 10;
    static final long PAUSE_MILLIS = 200;
    /** Stopped streams come back only with a restart of the instance (its liveness is down): longer than a rebalance. */
    static final int STOPPED_RETRY_AFTER_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(ProgressQueries.class);

    private final KafkaStreams streams;
    private final PartitionStates states;
    private final PartitionHosts hosts;
    private final InstanceForwarder forwarder;
    private final HostInfo self;
    private final int tenantPartitions;

    public ProgressQueries(KafkaStreams streams, PartitionStates states, PartitionHosts hosts, InstanceForwarder forwarder,
            @ConfigProperty(name = "quarkus.kafka-streams.application-server") String self,
            @ConfigProperty(name = "progress.tenant-partitions") int tenantPartitions) {
        this.streams = streams;
        this.states = states;
        this.hosts = hosts;
        this.forwarder = forwarder;
        this.self = HostInfo.buildFromEndpoint(self);
        this.tenantPartitions = tenantPartitions;
    }

    /**
     * A request about a tenant's data: answered from its partition here ({@code query}'s result as the entity,
     * with {@link InstanceForwarder#ANSWERED_BY}), or the answer of the instance that runs it (the same request,
     * with the caller's token). Tried again while the streams start or rebalance ({@link #retrying}); a request
     * that was {@code forwarded} here is never forwarded again (the assignment is moving: tried again).
     */
    public Response answer(String tenantId, boolean forwarded, String pathAndQuery, String token, Function<PartitionState, ?> query) {
        int partition = ProgressTopology.partitionOf(tenantId, tenantPartitions);
        return retrying(() -> {
            Optional<HostInfo> host = hosts.of(partition);
            if (host.isEmpty()) {
                return Optional.empty();
            }
            if (host.get().equals(self)) {
                Optional<PartitionState> state = states.of(partition);
                return state.map(local -> Response.ok(local.read(() -> query.apply(local))).header(InstanceForwarder.ANSWERED_BY, self())
                        .build());
            }
            if (forwarded) {
                return Optional.empty();
            }
            return Optional.of(forwarder.forward(host.get(), pathAndQuery, token));
        });
    }

    /**
     * A row's view ({@link #view}), without blocking the calling thread (an event loop): a tenant whose partition runs
     * here, readable, is answered at once on that thread (a read of memory, under the partition's read lock, which the
     * stream thread holds one input record at a time); the targets as of an instant (read from a store), forwarding and
     * waiting out a rebalance run on a worker thread.
     */
    public Uni<Response> viewAnswer(Caller caller, RowPath path, LocalDate day, Instant targetsAsOf, boolean forwarded,
            String pathAndQuery, String token) {
        Function<PartitionState, ?> view = state -> view(state, caller, path, day, targetsAsOf);
        if (targetsAsOf != null) {
            return Uni.createFrom().item(() -> answer(caller.tenantId(), forwarded, pathAndQuery, token, view))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return answerAtOnce(caller.tenantId(), forwarded, pathAndQuery, token, view);
    }

    private Uni<Response> answerAtOnce(String tenantId, boolean forwarded, String pathAndQuery, String token,
            Function<PartitionState, ?> query) {
        int partition = ProgressTopology.partitionOf(tenantId, tenantPartitions);
        if (!StreamsHealthChecks.stopped(streams.state()) && hosts.of(partition).filter(self::equals).isPresent()) {
            Optional<PartitionState> here = states.of(partition);
            if (here.isPresent()) {
                PartitionState local = here.get();
                return Uni.createFrom().item(Response.ok(local.read(() -> query.apply(local))).header(InstanceForwarder.ANSWERED_BY, self())
                        .build());
            }
        }
        return Uni.createFrom().item(() -> answer(tenantId, forwarded, pathAndQuery, token, query))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * Every query of the streams' state goes through here. Tries it while the streams start or rebalance (an
     * empty answer, or a store in transition), for {@value #ATTEMPTS} x {@value #PAUSE_MILLIS} ms; then 503 with
     * Retry-After. Once the streams have failed or stopped (ERROR, NOT_RUNNING, or on their way there: a fatal
     * error, the shutdown), 503 at once: Kafka Streams then refuses every query with an IllegalStateException, which
     * would otherwise be a 500.
     */
    <T> T retrying(Supplier<Optional<T>> query) {
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

    /** This instance, as {@code host:port}. */
    public String self() {
        return self.host() + ":" + self.port();
    }

    /**
     * A row's progress.
     *
     * @param targetsAsOf null for the row's targets now; else as they stood at that instant
     *
     * @throws ProblemException 404 for an unknown type or a row the caller may not read
     * @throws InvalidInputException for an item the type does not take
     */
    public ProgressView view(PartitionState state, Caller caller, RowPath path, LocalDate asOf, Instant targetsAsOf) {
        RowId id = new RowId(path.year(), path.typeId(), path.level(), path.ownerId(), path.item());
        RowKey key = new RowKey(caller.tenantId(), id);
        TargetRowState row = state.row(key.format());
        TargetType type = Optional.ofNullable(state.type(caller.tenantId(), path.typeId()))
                .or(() -> Optional.ofNullable(row).map(held -> asType(path.typeId(), held.measure())))
                .orElseThrow(() -> ProblemException.notFound("No target type '" + path.typeId() + "'"));
        path.checkItemFor(type);
        if (!caller.mayRead(caller.relationTo(id, groupOf(state, key, row)))) {
            throw ProblemException.notFound("No such progress");
        }
        return new ProgressViews(state).find(key, asOf, targets(state, targetsAsOf)).orElseThrow().view();
    }

    /**
     * The progress of a year, type and item: the company, and per group its progress, its users' and the sum of
     * their targets; every owner with a row or sales (now) that the caller may read; with {@code targetsAsOf},
     * their targets as they stood at that instant.
     *
     * @throws ProblemException 404 for an unknown type
     */
    public ProgressDialogView dialog(PartitionState state, Caller caller, RowPath plan, LocalDate asOf, Instant targetsAsOf) {
        Measure measure = Optional.ofNullable(state.type(caller.tenantId(), plan.typeId())).map(TargetType::measure).orElse(null);
        Set<RowId> owners = new LinkedHashSet<>();
        for (TargetRowState row : state.targets().rowsFrom(RowKey.planPrefix(caller.tenantId(), plan.year(), plan.typeId()))) {
            measure = measure == null ? row.measure() : measure;
            if (Objects.equals(row.row().item(), plan.item())) {
                owners.add(row.row());
            }
        }
        if (measure == null) {
            throw ProblemException.notFound("No target type '" + plan.typeId() + "'");
        }
        plan.checkItemFor(asType(plan.typeId(), measure));
        for (PartitionActuals.Owner owner : state.actuals().ownersWithSales(caller.tenantId(), plan.year(), measure.dimension(),
                plan.item())) {
            owners.add(new RowId(plan.year(), plan.typeId(), owner.level(), owner.ownerId(), plan.item()));
        }
        ProgressViews views = new ProgressViews(state);
        ProgressViews.Targets targets = targets(state, targetsAsOf);
        ProgressView company = null;
        Map<String, ProgressView> groups = new TreeMap<>();
        Map<String, List<ProgressView>> users = new TreeMap<>();
        for (RowId id : owners) {
            RowKey key = new RowKey(caller.tenantId(), id);
            String group = groupOf(state, key, state.row(key.format()));
            if (!caller.mayRead(caller.relationTo(id, group))) {
                continue;
            }
            Optional<ProgressViews.Found> found = views.find(key, asOf, targets).filter(ProgressViews.Found::hasData);
            if (found.isEmpty()) {
                continue;
            }
            ProgressView view = found.get().view();
            switch (id.level()) {
                case COMPANY -> company = view;
                case GROUP -> groups.put(id.ownerId(), view);
                case USER -> users.computeIfAbsent(group == null ? "" : group, g -> new ArrayList<>()).add(view);
            }
        }
        Set<String> groupIds = new TreeSet<>(groups.keySet());
        groupIds.addAll(users.keySet());
        List<ProgressDialogView.Group> result = new ArrayList<>();
        for (String groupId : groupIds) {
            List<ProgressView> members = users.getOrDefault(groupId, List.of()).stream()
                    .sorted(Comparator.comparing(ProgressView::ownerId)).toList();
            BigDecimal usersTarget = members.stream().map(member -> member.total().target())
                    .filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
            result.add(new ProgressDialogView.Group(groups.get(groupId), members, usersTarget));
        }
        return new ProgressDialogView(company, result);
    }

    /** The tenant's target types: the built-in one and those it added, by id. */
    public List<TargetType> types(PartitionState state, String tenantId) {
        Map<String, TargetType> types = new TreeMap<>();
        state.targets().types(tenantId).forEach(type -> types.put(type.id(), type));
        return new ArrayList<>(types.values());
    }

    /**
     * The list items of a year and type that have a row or sales, sorted.
     *
     * @throws ProblemException 404 for an unknown type
     */
    public Set<String> items(PartitionState state, String tenantId, int year, String typeId) {
        TargetType type = Optional.ofNullable(state.type(tenantId, typeId))
                .orElseThrow(() -> ProblemException.notFound("No target type '" + typeId + "'"));
        Set<String> items = new TreeSet<>(state.actuals().itemsWithSales(tenantId, year, type.dimension()));
        for (TargetRowState row : state.targets().rowsFrom(RowKey.planPrefix(tenantId, year, typeId))) {
            if (row.row().item() != null) {
                items.add(row.row().item());
            }
        }
        return items;
    }

    /** A user's group for the year: its row's, else its latest sale's; none for other levels. */
    private static String groupOf(PartitionState state, RowKey key, TargetRowState row) {
        RowId id = key.row();
        if (id.level() != Level.USER) {
            return null;
        }
        return row != null ? row.groupId() : state.actuals().groupOf(key.tenantId(), id.year(), id.ownerId());
    }

    /** The targets a view shows: the row's now ({@code targetsAsOf} null), or as they stood then (the history store). */
    private ProgressViews.Targets targets(PartitionState state, Instant targetsAsOf) {
        if (targetsAsOf == null) {
            return ProgressViews.Targets.NOW;
        }
        StoreQueryParameters<ReadOnlyKeyValueStore<String, TargetRevision>> parameters = StoreQueryParameters.fromNameAndType(
                ProgressTopology.TARGET_HISTORY_STORE, QueryableStoreTypes.<String, TargetRevision>keyValueStore())
                .withPartition(state.partition());
        return ProgressViews.Targets.asOf(streams.store(parameters), targetsAsOf);
    }

    private static TargetType asType(String typeId, Measure measure) {
        return new TargetType(typeId, typeId, measure.dimension(), measure.unit());
    }
}
