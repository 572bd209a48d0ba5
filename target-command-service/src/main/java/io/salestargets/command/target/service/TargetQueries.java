package io.salestargets.command.target.service;

import io.salestargets.command.target.api.HistoryEntry;
import io.salestargets.command.target.api.TargetDialogView;
import io.salestargets.command.target.api.TargetRowView;
import io.salestargets.command.target.api.TargetTypeView;
import io.salestargets.command.target.domain.Access;
import io.salestargets.command.target.domain.CommandRefused;
import io.salestargets.command.target.store.EventStore;
import io.salestargets.command.target.store.TargetRowRecord;
import io.salestargets.command.target.store.TargetTypeRecord;
import io.salestargets.events.access.Caller;
import io.salestargets.events.target.Interval;
import io.salestargets.events.target.RowId;
import io.salestargets.events.target.RowKey;
import io.salestargets.events.target.RowPath;
import io.salestargets.events.target.TargetRemoved;
import io.salestargets.events.target.TargetRowEvent;
import io.salestargets.events.target.TargetSet;
import io.salestargets.events.target.TargetType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What callers may read: rows and the target dialog from the read model, history from the events. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class TargetQueries {

    private final EventStore events;

    public TargetQueries(EventStore events) {
        this.events = events;
    }

    public List<TargetTypeView> types(Caller caller) {
        return TargetTypeRecord.typesOf(caller.tenantId()).stream().map(TargetTypeView::of).toList();
    }

    public TargetTypeView type(Caller caller, String typeId) {
        return TargetTypeView.of(type(caller.tenantId(), typeId));
    }

    /** {@code GET <row>}: 404 when it does not exist or the caller may not read it. */
    public TargetRowView row(Caller caller, RowPath path) {
        RowId id = path.rowId(type(caller.tenantId(), path.typeId()));
        TargetRowRecord record = TargetRowRecord.findById(new RowKey(caller.tenantId(), id).format());
        if (record == null) {
            throw new CommandRefused(CommandRefused.Reason.NOT_FOUND, "No such target row");
        }
        Access.requireRead(caller, caller.relationTo(id, record.groupId));
        return TargetRowView.of(record);
    }

    /** {@code GET <row>/history}: every event of the row, oldest first, also after its removal. */
    public List<HistoryEntry> history(Caller caller, RowPath path) {
        RowId id = path.rowId(type(caller.tenantId(), path.typeId()));
        List<TargetRowEvent> rowEvents = events.loadRow(new RowKey(caller.tenantId(), id).format());
        String lastGroup = null;
        for (TargetRowEvent event : rowEvents) {
            if (event instanceof TargetSet set) {
                lastGroup = set.groupId();
            }
        }
        if (rowEvents.isEmpty()) {
            throw new CommandRefused(CommandRefused.Reason.NOT_FOUND, "No such target row");
        }
        Access.requireRead(caller, caller.relationTo(id, lastGroup));
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

    /** {@code GET /targets/{year}/{typeId}}: the rows the caller may read, by group. */
    public TargetDialogView dialog(Caller caller, RowPath plan) {
        TargetType type = type(caller.tenantId(), plan.typeId());
        plan.checkItemFor(type);
        List<TargetRowRecord> records = TargetRowRecord.ofDialog(caller.tenantId(), plan.year(), plan.typeId(), plan.item());
        Interval interval = TargetRowRecord.intervalOfPlan(caller.tenantId(), plan.year(), plan.typeId()).orElse(null);
        TargetRowView company = null;
        Map<String, TargetRowView> groupRows = new TreeMap<>();
        Map<String, List<TargetRowView>> users = new TreeMap<>();
        for (TargetRowRecord record : records) {
            if (!caller.mayRead(caller.relationTo(record.row(), record.groupId))) {
                continue;
            }
            TargetRowView view = TargetRowView.of(record);
            switch (record.level) {
                case COMPANY -> company = view;
                case GROUP -> groupRows.put(record.ownerId, view);
                case USER -> users.computeIfAbsent(record.groupId, group -> new ArrayList<>()).add(view);
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

    private static TargetType type(String tenantId, String typeId) {
        return TargetTypeRecord.typeOf(tenantId, typeId)
                .orElseThrow(() -> new CommandRefused(CommandRefused.Reason.NOT_FOUND, "No target type '" + typeId + "'"));
    }

}
