package io.salestargets.command.service;

import io.salestargets.command.api.HistoryEntry;
import io.salestargets.command.api.TargetDialogView;
import io.salestargets.command.api.TargetRowView;
import io.salestargets.command.api.TargetTypeView;
import io.salestargets.command.domain.Access;
import io.salestargets.command.domain.CommandRefused;
import io.salestargets.command.domain.TargetRow;
import io.salestargets.command.store.EventStore;
import io.salestargets.command.store.TargetRowStore;
import io.salestargets.command.store.TargetTypeStore;
import io.salestargets.events.access.Caller;
import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.RowKey;
import io.salestargets.events.targets.RowPath;
import io.salestargets.events.targets.TargetRemoved;
import io.salestargets.events.targets.TargetRowEvent;
import io.salestargets.events.targets.TargetSet;
import io.salestargets.events.targets.TargetType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What callers may read: rows and the target dialog from the read model, history from the events; as of an
 * instant, all three replayed from the events. A row as of an instant is the row after its events that
 * occurred until then, taken in version order up to the first that occurred later: the state the service
 * knew then. Rights are checked on the row's relation now (its last group), not the one it had then.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class TargetQueries {

    private final EventStore events;
    private final TargetRowStore rows;
    private final TargetTypeStore types;

    public TargetQueries(EventStore events, TargetRowStore rows, TargetTypeStore types) {
        this.events = events;
        this.rows = rows;
        this.types = types;
    }

    public List<TargetTypeView> types(Caller caller) {
        return types.typesOf(caller.tenantId()).stream().map(TargetTypeView::of).toList();
    }

    public TargetTypeView type(Caller caller, String typeId) {
        return TargetTypeView.of(type(caller.tenantId(), typeId));
    }

    /** {@code GET <row>}: 404 when it does not exist or the caller may not read it. */
    public TargetRowView row(Caller caller, RowPath path) {
        RowId id = path.rowId(type(caller.tenantId(), path.typeId()));
        TargetRow row = rows.load(caller.tenantId(), id);
        if (!row.exists()) {
            throw new CommandRefused(CommandRefused.Reason.NOT_FOUND, "No such target row");
        }
        Access.requireRead(caller, caller.relationTo(id, row.current().get().groupId()));
        return TargetRowView.of(row);
    }

    /** {@code GET <row>?asOf=}: the row as it was known at {@code asOf}; 404 when it did not exist then. */
    public TargetRowView rowAsOf(Caller caller, RowPath path, Instant asOf) {
        RowId id = path.rowId(type(caller.tenantId(), path.typeId()));
        List<TargetRowEvent> rowEvents = events.loadRow(new RowKey(caller.tenantId(), id).format());
        // the right first, so that a row the caller may not read is not found whatever the instant
        Access.requireRead(caller, caller.relationTo(id, lastGroup(rowEvents)));
        TargetRow row = TargetRow.replay(caller.tenantId(), id, knownAt(rowEvents, asOf));
        if (!row.exists()) {
            throw new CommandRefused(CommandRefused.Reason.NOT_FOUND, "No such target row at " + asOf);
        }
        return TargetRowView.of(row);
    }

    /**
     * {@code GET <row>/history[?asOf=]}: every event of the row, oldest first, also after its removal; as of
     * an instant (null: now) the events known then.
     */
    public List<HistoryEntry> history(Caller caller, RowPath path, Instant asOf) {
        RowId id = path.rowId(type(caller.tenantId(), path.typeId()));
        List<TargetRowEvent> allEvents = events.loadRow(new RowKey(caller.tenantId(), id).format());
        if (allEvents.isEmpty()) {
            throw new CommandRefused(CommandRefused.Reason.NOT_FOUND, "No such target row");
        }
        Access.requireRead(caller, caller.relationTo(id, lastGroup(allEvents)));
        List<TargetRowEvent> rowEvents = asOf == null ? allEvents : knownAt(allEvents, asOf);
        if (rowEvents.isEmpty()) {
            throw new CommandRefused(CommandRefused.Reason.NOT_FOUND, "No such target row at " + asOf);
        }
        List<HistoryEntry> history = new ArrayList<>();
        List<BigDecimal> before = null;
        for (TargetRowEvent event : rowEvents) {
            if (event instanceof TargetSet set) {
                history.add(new HistoryEntry(set.typeName(), set.version(), set.occurredAt(), set.actor(), set.reason(),
                        changes(before, set.values())));
                before = set.values();
            } else {
                history.add(new HistoryEntry(event.typeName(), event.version(), event.occurredAt(), event.actor(), event.reason(), null));
                if (event instanceof TargetRemoved) {
                    before = null;
                }
            }
        }
        return history;
    }

    /** The events of a row that were known at {@code asOf}: oldest first, up to the first that occurred later. */
    private static List<TargetRowEvent> knownAt(List<TargetRowEvent> rowEvents, Instant asOf) {
        return rowEvents.stream().takeWhile(event -> !event.occurredAt().isAfter(asOf)).toList();
    }

    /** The group of a user row's last values (null for other rows): its relation to callers now, also once removed. */
    static String lastGroup(List<? extends TargetRowEvent> rowEvents) {
        String lastGroup = null;
        for (TargetRowEvent event : rowEvents) {
            if (event instanceof TargetSet set) {
                lastGroup = set.groupId();
            }
        }
        return lastGroup;
    }

    /** {@code GET /targets/{year}/{typeId}}: the rows the caller may read, by group. */
    public TargetDialogView dialog(Caller caller, RowPath plan) {
        TargetType type = type(caller.tenantId(), plan.typeId());
        plan.checkItemFor(type);
        List<TargetRowView> readable = rows.ofDialog(caller.tenantId(), plan.year(), plan.typeId(), plan.item()).stream()
                .filter(row -> caller.mayRead(caller.relationTo(row.id(), row.current().get().groupId())))
                .map(TargetRowView::of)
                .toList();
        Interval interval = rows.intervalOfPlan(caller.tenantId(), plan.year(), plan.typeId()).orElse(null);
        return dialog(plan, interval, readable);
    }

    /**
     * {@code GET /targets/{year}/{typeId}?asOf=}: the rows that existed at {@code asOf}, as they were known then
     * and in the groups of that time, that the caller may read now; the interval of the rows of that time.
     * Replays the events of the year and type (all items).
     */
    public TargetDialogView dialogAsOf(Caller caller, RowPath plan, Instant asOf) {
        TargetType type = type(caller.tenantId(), plan.typeId());
        plan.checkItemFor(type);
        Interval interval = null;
        List<TargetRowView> readable = new ArrayList<>();
        for (Map.Entry<RowId, List<TargetRowEvent>> stream : events.loadPlan(caller.tenantId(), plan.year(), plan.typeId()).entrySet()) {
            RowId id = stream.getKey();
            TargetRow row = TargetRow.replay(caller.tenantId(), id, knownAt(stream.getValue(), asOf));
            if (!row.exists()) {
                continue;
            }
            TargetRowView view = TargetRowView.of(row);
            // every row of a year and type has the same interval at any time, whatever its item
            interval = view.interval();
            if (Objects.equals(id.item(), plan.item()) && caller.mayRead(caller.relationTo(id, lastGroup(stream.getValue())))) {
                readable.add(view);
            }
        }
        return dialog(plan, interval, readable);
    }

    /** The dialog of readable rows: the company row, and per group its row, its users' rows and their sum. */
    private static TargetDialogView dialog(RowPath plan, Interval interval, List<TargetRowView> rows) {
        TargetRowView company = null;
        Map<String, TargetRowView> groupRows = new TreeMap<>();
        Map<String, List<TargetRowView>> users = new TreeMap<>();
        for (TargetRowView view : rows) {
            switch (view.level()) {
                case COMPANY -> company = view;
                case GROUP -> groupRows.put(view.ownerId(), view);
                case USER -> users.computeIfAbsent(view.groupId(), group -> new ArrayList<>()).add(view);
            }
        }
        List<String> groupIds = new ArrayList<>(groupRows.keySet());
        users.keySet().stream().filter(group -> !groupRows.containsKey(group)).forEach(groupIds::add);
        groupIds.sort(Comparator.naturalOrder());
        List<TargetDialogView.Group> groups = new ArrayList<>();
        for (String groupId : groupIds) {
            List<TargetRowView> members = users.getOrDefault(groupId, List.of()).stream()
                    .sorted(Comparator.comparing(TargetRowView::ownerId)).toList();
            List<BigDecimal> sum = sum(members, interval);
            groups.add(new TargetDialogView.Group(groupId, groupRows.get(groupId), members, sum,
                    sum.stream().reduce(BigDecimal.ZERO, BigDecimal::add)));
        }
        return new TargetDialogView(plan.year(), plan.typeId(), plan.item(), interval, company, groups);
    }

    private static List<BigDecimal> sum(List<TargetRowView> rows, Interval interval) {
        int periods = interval == null ? 0 : interval.periods();
        List<BigDecimal> sum = new ArrayList<>();
        for (int period = 0; period < periods; period++) {
            BigDecimal total = BigDecimal.ZERO;
            for (TargetRowView row : rows) {
                total = total.add(row.values().get(period));
            }
            sum.add(total);
        }
        return sum;
    }

    /** The periods whose value changed; every period when the row is new or its interval changed. */
    private static List<HistoryEntry.Change> changes(List<BigDecimal> before, List<BigDecimal> after) {
        boolean comparable = before != null && before.size() == after.size();
        List<HistoryEntry.Change> changes = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            BigDecimal from = comparable ? before.get(i) : null;
            if (from == null || from.compareTo(after.get(i)) != 0) {
                changes.add(new HistoryEntry.Change(i + 1, from, after.get(i)));
            }
        }
        return changes;
    }

    private TargetType type(String tenantId, String typeId) {
        return types.typeOf(tenantId, typeId)
                .orElseThrow(() -> new CommandRefused(CommandRefused.Reason.NOT_FOUND, "No target type '" + typeId + "'"));
    }

}
