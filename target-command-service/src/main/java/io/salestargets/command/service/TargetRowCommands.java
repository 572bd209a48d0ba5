package io.salestargets.command.service;

import io.salestargets.command.api.TargetRowView;
import io.salestargets.command.domain.Access;
import io.salestargets.command.domain.CommandRefused;
import io.salestargets.command.domain.EventContext;
import io.salestargets.command.domain.SetValues;
import io.salestargets.command.domain.TargetPlan;
import io.salestargets.command.domain.TargetRow;
import io.salestargets.command.domain.TargetValues;
import io.salestargets.command.domain.TenantSettings;
import io.salestargets.command.store.EventStore;
import io.salestargets.command.store.PlanLock;
import io.salestargets.command.store.TargetPlans;
import io.salestargets.command.store.TargetPlans.PlanKey;
import io.salestargets.command.store.TargetRowStore;
import io.salestargets.command.store.TargetTypeStore;
import io.salestargets.events.access.Caller;
import io.salestargets.events.access.Relation;
import io.salestargets.events.access.Right;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.RowKey;
import io.salestargets.events.targets.RowPath;
import io.salestargets.events.targets.TargetRowEvent;
import io.salestargets.events.targets.TargetSet;
import io.salestargets.events.targets.TargetType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Set, lock, unlock and remove target rows: load the row (its read model), check licences, rights
 * and rules, append the new event and update the read model, all in one short transaction of a few
 * indexed statements, however many rows the plan has.
 */
@ApplicationScoped
public class TargetRowCommands {

    private final EventStore events;
    private final TargetRowStore rows;
    private final TargetTypeStore types;
    private final TargetPlans plans;
    private final Writes writes;

    public TargetRowCommands(EventStore events, TargetRowStore rows, TargetTypeStore types, TargetPlans plans, Writes writes) {
        this.events = events;
        this.rows = rows;
        this.types = types;
        this.plans = plans;
        this.writes = writes;
    }

    /** {@code PUT <row>}: 201 (with {@code location}) when it creates the row, 200 when it changes it or nothing changes. */
    public WriteAnswer set(Caller caller, RowPath path, String location, SetValues command, Precondition precondition,
            Optional<Writes.Idempotency> idempotency) {
        PlanLock plan = plans.lockOf(new PlanKey(caller.tenantId(), path.year(), path.typeId()), false);
        return writes.run(caller, idempotency, precondition, stored -> requireSettable(caller, path, command.groupId()), () -> {
            RowSet set = setRow(caller, path, command, precondition, plan);
            return answer(set.created() ? 201 : 200, set.row(), set.created() ? location : null);
        });
    }

    /** A row after a set: {@code changed} when it took an event, {@code created} when that event created it. */
    record RowSet(TargetRow row, boolean changed, boolean created) {
    }

    /**
     * Sets one row inside the caller's write transaction, with every check of {@code PUT <row>}: rights,
     * licences, precondition, the row's rules and its plan's ({@code plan}: the lock of the row's plan). Bulk
     * planning sets its rows through it too.
     */
    RowSet setRow(Caller caller, RowPath path, SetValues command, Precondition precondition, PlanLock plan) {
        Loaded loaded = load(caller, path);
        TargetRow row = loaded.row();
        requireSetRights(caller, loaded, command.groupId());
        precondition.check(row);
        Optional<TargetSet> event = row.set(command, loaded.type().measure(), EventContext.now(caller.userId(), command.reason()),
                loaded.settings());
        if (event.isEmpty()) {
            return new RowSet(row, false, false);
        }
        TargetSet set = event.get();
        checkPlan(caller, plan, loaded.key(), row, set);
        return new RowSet(appended(row, set), true, !row.exists());
    }

    /**
     * The rights and licences {@code PUT <row>} with {@code groupId} needs now, on the row as it is: what the
     * replay of a stored answer must pass (also per row of bulk planning).
     */
    void requireSettable(Caller caller, RowPath path, String groupId) {
        requireSetRights(caller, load(caller, path), groupId);
    }

    private static void requireSetRights(Caller caller, Loaded loaded, String groupId) {
        TargetRow row = loaded.row();
        String currentGroup = row.current().map(TargetValues::groupId).orElse(null);
        Relation relation = caller.relationTo(row.id(), row.exists() ? currentGroup : groupId);
        Access.requireRight(caller, relation, row.exists() ? Right.UPDATE : Right.CREATE);
        if (row.exists() && groupId != null && !groupId.equals(currentGroup)) {
            // moving a user row to another group changes that group's rows too
            Access.requireRight(caller, caller.relationTo(row.id(), groupId), Right.UPDATE);
        }
        Access.requireTypeUsable(caller, loaded.type());
    }

    /**
     * Checks the row's new values against the other rows of its plan (one interval; one group without
     * Sales Targets Unlimited), locking the plan only when the row changes its shape: see {@link PlanLock}.
     */
    private static void checkPlan(Caller caller, PlanLock plan, String rowKey, TargetRow row, TargetSet set) {
        String group = groupOf(row.id(), set.groupId());
        boolean joins = !row.exists() || row.current().get().interval() != set.interval();
        boolean limited = group != null && !caller.hasLicense(Caller.SALES_TARGETS_UNLIMITED);
        boolean addsGroup = limited && (!row.exists() || !group.equals(groupOf(row.id(), row.current().get().groupId())));
        boolean fixing = (joins || addsGroup) && plan.join(set.interval(), addsGroup);
        TargetPlan others = fixing || limited ? plan.others(rowKey) : null;
        if (fixing) {
            others.checkInterval(set.interval());
        }
        if (limited) {
            others.checkGroupLimit(caller, group);
        }
        if (fixing) {
            plan.fixInterval(set.interval());
        }
    }

    /**
     * {@code POST <row>/lock} and {@code <row>/unlock}: 200 with the row; no event when it is in the asked state
     * already. {@code reason}: why, or null.
     */
    public WriteAnswer changeLock(Caller caller, RowPath path, boolean locked, String reason, Precondition precondition,
            Optional<Writes.Idempotency> idempotency) {
        return writes.run(caller, idempotency, precondition, stored -> requireLockRights(caller, load(caller, path)), () -> {
            Loaded loaded = lockable(caller, path, precondition);
            TargetRow row = loaded.row();
            return row.changeLock(locked, EventContext.now(caller.userId(), reason), loaded.settings())
                    .map(event -> append(row, event, 200, null))
                    .orElseGet(() -> answer(200, row, null));
        });
    }

    /** {@code DELETE <row>}: 204. Its history stays. {@code reason}: why, or null. */
    public WriteAnswer remove(Caller caller, RowPath path, String reason, Precondition precondition,
            Optional<Writes.Idempotency> idempotency) {
        return writes.run(caller, idempotency, precondition, stored -> requireRemoveRights(caller, load(caller, path), true), () -> {
            Loaded loaded = load(caller, path);
            TargetRow row = loaded.row();
            requireRemoveRights(caller, loaded, false);
            precondition.check(row);
            return append(row, row.remove(EventContext.now(caller.userId(), reason), loaded.settings()), 204, null);
        });
    }

    /**
     * Delete on the row, and its type usable. {@code removedToo}: for the replay of a removal, whose row is
     * gone: then its relation is the one it last had (its last group), as for its history.
     */
    private void requireRemoveRights(Caller caller, Loaded loaded, boolean removedToo) {
        TargetRow row = loaded.row();
        Relation relation = !row.exists() && removedToo
                ? caller.relationTo(row.id(), TargetQueries.lastGroup(events.loadRow(loaded.key())))
                : relationOf(caller, row);
        Access.requireRight(caller, relation, Right.DELETE);
        Access.requireTypeUsable(caller, loaded.type());
    }

    private Loaded lockable(Caller caller, RowPath path, Precondition precondition) {
        Loaded loaded = load(caller, path);
        requireLockRights(caller, loaded);
        precondition.check(loaded.row());
        return loaded;
    }

    private static void requireLockRights(Caller caller, Loaded loaded) {
        Access.requireLockRight(caller, relationOf(caller, loaded.row()));
        Access.requireTypeUsable(caller, loaded.type());
    }

    /** A command's type, row key, row, and the tenant's settings that its rules take. */
    private record Loaded(TargetType type, String key, TargetRow row, TenantSettings settings) {
    }

    /**
     * The type (404 when unknown), the row as its last event left it and the tenant's settings. Reads only,
     * the row first: see {@link EventStore}.
     */
    private Loaded load(Caller caller, RowPath path) {
        TargetType type = types.typeOf(caller.tenantId(), path.typeId())
                .orElseThrow(() -> new CommandRefused(CommandRefused.Reason.NOT_FOUND, "No target type '" + path.typeId() + "'"));
        RowId id = path.rowId(type);
        String key = new RowKey(caller.tenantId(), id).format();
        TargetRowStore.RowAndSettings loaded = rows.loadWithSettings(caller.tenantId(), id);
        return new Loaded(type, key, loaded.row(), loaded.settings());
    }

    private WriteAnswer append(TargetRow row, TargetRowEvent event, int status, String location) {
        TargetRow after = appended(row, event);
        return after.exists() ? answer(status, after, location) : new WriteAnswer(status, null, null, null);
    }

    /** Appends the row's event and updates its read model, in one statement: the row after it. */
    private TargetRow appended(TargetRow row, TargetRowEvent event) {
        TargetRow after = row.apply(event);
        events.appendRow(event, after);
        return after;
    }

    private static WriteAnswer answer(int status, TargetRow row, String location) {
        return new WriteAnswer(status, EventJson.writeString(TargetRowView.of(row)), row.version(), location);
    }

    /** A row that does not exist relates to no one: it is not found for all. */
    private static Relation relationOf(Caller caller, TargetRow row) {
        if (!row.exists()) {
            throw new CommandRefused(CommandRefused.Reason.NOT_FOUND, "No such target row");
        }
        return caller.relationTo(row.id(), row.current().get().groupId());
    }

    /** The group a row gives targets to: the group row's owner, the user row's group; none for the company. */
    private static String groupOf(RowId id, String userGroup) {
        return id.level() == Level.GROUP ? id.ownerId() : id.level() == Level.USER ? userGroup : null;
    }
}
