package io.salestargets.command.service;

import io.salestargets.command.api.CopyRequest;
import io.salestargets.command.api.CopyYearRequest;
import io.salestargets.command.api.PlanRequest;
import io.salestargets.command.api.PlanningAnswer;
import io.salestargets.command.api.PlanningAnswer.PlannedValues;
import io.salestargets.command.api.PlanningAnswer.SkippedRow;
import io.salestargets.command.api.Split;
import io.salestargets.command.domain.CommandRefused;
import io.salestargets.command.domain.PeriodSplit;
import io.salestargets.command.domain.SetValues;
import io.salestargets.command.domain.TargetRow;
import io.salestargets.command.domain.TargetValues;
import io.salestargets.command.store.PlanLock;
import io.salestargets.command.store.TargetPlans;
import io.salestargets.command.store.TargetPlans.PlanKey;
import io.salestargets.command.store.TargetRowStore;
import io.salestargets.command.store.TargetTypeStore;
import io.salestargets.events.FieldError;
import io.salestargets.events.Fields;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.access.Caller;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.RowPath;
import io.salestargets.events.targets.TargetType;
import io.salestargets.events.targets.Unit;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Bulk planning: many rows set in one request, from a yearly amount each ({@link #plan}), from another
 * row ({@link #copy}) or from the year before ({@link #copyYear}). Each row is set as {@code PUT <row>}
 * sets it, with the same checks and one ordinary TargetSet; all rows in one transaction, so a refusal of
 * any row (other than its being locked, or for copy-year the caller's not being allowed to change it: those
 * rows are skipped and reported) writes nothing.
 */
@ApplicationScoped
public class TargetPlanning {

    /** Rows one request may set (docs/decisions.md): a large company's plan, in one short transaction. */
    public static final int MAX_ROWS = 1000;
    private static final BigDecimal MIN_CHANGE_PERCENT = new BigDecimal("-100");
    private static final BigDecimal MAX_CHANGE_PERCENT = new BigDecimal("1000");
    /** Fields of a set command that are the request's own, not a row's. */
    private static final Set<String> REQUEST_FIELDS = Set.of("interval", "reason");

    private final TargetRowCommands commands;
    private final TargetRowStore targetRows;
    private final TargetTypeStore types;
    private final TargetPlans plans;
    private final Writes writes;
    private final LastYearActuals lastYear;

    public TargetPlanning(TargetRowCommands commands, TargetRowStore targetRows, TargetTypeStore types, TargetPlans plans,
            Writes writes, LastYearActuals lastYear) {
        this.commands = commands;
        this.targetRows = targetRows;
        this.types = types;
        this.plans = plans;
        this.writes = writes;
        this.lastYear = lastYear;
    }

    /**
     * One row to set with the group it is to give targets to, and the request field it came from ({@code rows[2]}),
     * which refusals name; {@code skippedUnlessWritable}: a row the caller may not change is skipped, not a refusal.
     */
    private record RowTarget(String field, RowPath path, String groupId, boolean skippedUnlessWritable) {
    }

    /** One row to set, and its values. */
    private record RowWrite(RowTarget target, SetValues command) {

        /** A row the request names: any refusal but a lock refuses the request. */
        RowWrite(String field, RowPath path, SetValues command) {
            this(new RowTarget(field, path, command.groupId(), false), command);
        }
    }

    /** {@code POST .../plan}: each row's values from its yearly amount, split evenly, by working days or by last year. */
    public WriteAnswer plan(Caller caller, RowPath plan, String base, PlanRequest request, String authorization,
            Optional<Writes.Idempotency> idempotency) {
        if (request == null) {
            throw new InvalidInputException("body", "is required");
        }
        TargetType type = typeOf(caller, plan);
        Unit unit = type.measure().unit();
        List<FieldError> errors = new ArrayList<>();
        if (request.interval() == null) {
            errors.add(new FieldError("interval", "is required: MONTH or QUARTER"));
        }
        checkCount("rows", request.rows(), errors);
        List<RowPath> paths = new ArrayList<>();
        for (int i = 0; request.rows() != null && i < request.rows().size(); i++) {
            String field = "rows[" + i + "]";
            PlanRequest.PlannedRow row = request.rows().get(i);
            if (row == null) {
                errors.add(new FieldError(field, "is required"));
                paths.add(null);
                continue;
            }
            paths.add(rowPath(plan.year(), plan.typeId(), row.level(), row.ownerId(), plan.item(), field, errors));
            checkYearly(field + ".yearly", row.yearly(), unit, request.interval(), errors);
            if (row.split() == null) {
                errors.add(new FieldError(field + ".split", "is required: even, working-days or last-year"));
            }
        }
        checkDistinct("rows", paths, errors);
        refuseIf(errors);
        List<RowTarget> targets = new ArrayList<>();
        for (int i = 0; i < request.rows().size(); i++) {
            targets.add(new RowTarget("rows[" + i + "]", paths.get(i), request.rows().get(i).groupId(), false));
        }
        Optional<WriteAnswer> answered = writes.answered(caller, idempotency, stored -> checkReplay(caller, base, targets, stored));
        if (answered.isPresent()) {
            // a repeat: its first answer, without asking the projector again
            return answered.get();
        }
        List<RowWrite> rows = new ArrayList<>();
        for (int i = 0; i < request.rows().size(); i++) {
            PlanRequest.PlannedRow row = request.rows().get(i);
            String field = "rows[" + i + "]";
            List<BigDecimal> weights = weights(row.split(), paths.get(i), request.interval(), field, authorization);
            List<BigDecimal> values = PeriodSplit.split(row.yearly(), weights, unit);
            rows.add(new RowWrite(field, paths.get(i),
                    new SetValues(request.interval(), values, row.groupId(), row.currency(), request.reason())));
        }
        return write(caller, plan, base, rows, idempotency);
    }

    /** {@code POST .../copy}: one row's values, changed by a percentage, on each of the rows named. */
    public WriteAnswer copy(Caller caller, RowPath plan, String base, CopyRequest request, Optional<Writes.Idempotency> idempotency) {
        if (request == null) {
            throw new InvalidInputException("body", "is required");
        }
        TargetType type = typeOf(caller, plan);
        List<FieldError> errors = new ArrayList<>();
        BigDecimal change = changePercent(request.changePercent(), errors);
        CopyRequest.Source from = request.from();
        RowPath source = null;
        if (from == null) {
            errors.add(new FieldError("from", "is required: the row to copy"));
        } else {
            if (from.year() == null || from.year() < RowId.FIRST_YEAR || from.year() > RowId.LAST_YEAR) {
                errors.add(new FieldError("from.year", "must be a year from " + RowId.FIRST_YEAR + " to " + RowId.LAST_YEAR));
            }
            if (from.typeId() == null || !Fields.TYPE_ID.matcher(from.typeId()).matches()) {
                errors.add(new FieldError("from.typeId", "must match " + Fields.TYPE_ID.pattern()));
            }
            if (from.item() != null && !Fields.ENTITY_ID.matcher(from.item()).matches()) {
                errors.add(new FieldError("from.item", "must match " + Fields.ENTITY_ID.pattern()));
            }
            source = rowPath(from.year() == null ? plan.year() : from.year(), from.typeId(), from.level(), from.ownerId(),
                    from.item(), "from", errors);
        }
        checkCount("to", request.to(), errors);
        List<RowPath> paths = new ArrayList<>();
        for (int i = 0; request.to() != null && i < request.to().size(); i++) {
            CopyRequest.Destination to = request.to().get(i);
            if (to == null) {
                errors.add(new FieldError("to[" + i + "]", "is required"));
                paths.add(null);
            } else {
                paths.add(rowPath(plan.year(), plan.typeId(), to.level(), to.ownerId(), plan.item(), "to[" + i + "]", errors));
            }
        }
        checkDistinct("to", paths, errors);
        refuseIf(errors);
        TargetValues copied = readable(caller, source, "from");
        Unit unit = type.measure().unit();
        List<BigDecimal> values = PeriodSplit.split(PeriodSplit.changed(copied.total(), change, unit), copied.values(), unit);
        List<RowWrite> rows = new ArrayList<>();
        for (int i = 0; i < request.to().size(); i++) {
            RowPath path = paths.get(i);
            String currency = path.level() == Level.USER ? null : copied.currency();
            rows.add(new RowWrite("to[" + i + "]", path,
                    new SetValues(copied.interval(), values, request.to().get(i).groupId(), currency, request.reason())));
        }
        return write(caller, plan, base, rows, idempotency);
    }

    /**
     * {@code POST .../copy-year}: every row of the year before that the caller may read (what its target
     * dialog shows), changed by a percentage; user rows keep their group, company and group rows their currency.
     * Rows the caller may not change are skipped and reported ({@code forbidden}), as locked ones are.
     */
    public WriteAnswer copyYear(Caller caller, RowPath plan, String base, CopyYearRequest request,
            Optional<Writes.Idempotency> idempotency) {
        CopyYearRequest body = request == null ? new CopyYearRequest(null, null) : request;
        TargetType type = typeOf(caller, plan);
        List<FieldError> errors = new ArrayList<>();
        BigDecimal change = changePercent(body.changePercent(), errors);
        int previous = plan.year() - 1;
        if (previous < RowId.FIRST_YEAR) {
            errors.add(new FieldError("year", "has no year before it to copy from"));
        }
        refuseIf(errors);
        List<TargetRow> sources = targetRows.ofDialog(caller.tenantId(), previous, plan.typeId(), plan.item()).stream()
                .filter(row -> caller.mayRead(caller.relationTo(row.id(), row.current().get().groupId())))
                .sorted(Comparator.comparing((TargetRow row) -> row.id().level()).thenComparing(row -> row.id().ownerId()))
                .toList();
        if (sources.size() > MAX_ROWS) {
            throw new InvalidInputException("year", previous + " has " + sources.size() + " rows of this type you may read: one "
                    + "request copies at most " + MAX_ROWS);
        }
        Unit unit = type.measure().unit();
        List<RowWrite> rows = new ArrayList<>();
        for (TargetRow source : sources) {
            RowPath path = new RowPath(plan.year(), plan.typeId(), source.id().level(), source.id().ownerId(), plan.item());
            TargetValues copied = source.current().get();
            List<BigDecimal> values = copied.values();
            // a row of the year before that the caller may read but not change is left alone (skipped), not a refusal:
            // a team manager reads the company's row and should still copy the team's
            rows.add(new RowWrite(new RowTarget(path.uri(base), path, copied.groupId(), true), new SetValues(copied.interval(),
                    PeriodSplit.split(PeriodSplit.changed(copied.total(), change, unit), values, unit), copied.groupId(),
                    copied.currency(), body.reason())));
        }
        return write(caller, plan, base, rows, idempotency);
    }

    /**
     * Sets the rows in one transaction: any refusal but a lock refuses all, naming the row at fault. Locks in one
     * order, so that concurrent requests never deadlock: first the plan, exclusively (what the strongest of its
     * rows may need: a second request on the plan waits for this one, and a command never upgrades its lock), then
     * the rows by their path. The answer lists them in the order of the request.
     */
    private WriteAnswer write(Caller caller, RowPath plan, String base, List<RowWrite> rows, Optional<Writes.Idempotency> idempotency) {
        List<RowTarget> targets = rows.stream().map(RowWrite::target).toList();
        List<Integer> inKeyOrder = IntStream.range(0, rows.size()).boxed()
                .sorted(Comparator.comparing(i -> rows.get(i).target().path().uri(base))).toList();
        return writes.run(caller, idempotency, Precondition.NONE, stored -> checkReplay(caller, base, targets, stored), () -> {
            // the plan locked exclusively before the first row: each row's own check takes the same lock, never a shared one
            PlanLock planLock = plans.lockOf(new PlanKey(caller.tenantId(), plan.year(), plan.typeId()), true);
            if (!rows.isEmpty()) {
                planLock.join(rows.get(0).command().interval(), false);
            }
            Object[] outcomes = new Object[rows.size()];
            for (int i : inKeyOrder) {
                RowWrite row = rows.get(i);
                String path = row.target().path().uri(base);
                try {
                    TargetRowCommands.RowSet set = commands.setRow(caller, row.target().path(), row.command(), Precondition.NONE,
                            planLock);
                    outcomes[i] = set;
                } catch (CommandRefused refused) {
                    if (refused.reason() == CommandRefused.Reason.TARGET_LOCKED) {
                        outcomes[i] = new SkippedRow(path, "target-locked", refused.getMessage());
                    } else if (row.target().skippedUnlessWritable() && skippable(refused)) {
                        // one answer for both, so that a row the caller may not read this year is not told apart
                        outcomes[i] = new SkippedRow(path, "forbidden", "You may read this row's year before, not change it");
                    } else {
                        throw blame(row.target().field(), refused);
                    }
                } catch (InvalidInputException invalid) {
                    throw blame(row.target().field(), invalid);
                }
            }
            List<PlannedValues> changed = new ArrayList<>();
            List<PlannedValues> unchanged = new ArrayList<>();
            List<SkippedRow> skipped = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (outcomes[i] instanceof TargetRowCommands.RowSet set) {
                    (set.changed() ? changed : unchanged).add(PlannedValues.of(rows.get(i).target().path().uri(base), set.row()));
                } else {
                    skipped.add((SkippedRow) outcomes[i]);
                }
            }
            return new WriteAnswer(200, EventJson.writeString(new PlanningAnswer(changed, unchanged, skipped)), null, null);
        });
    }

    /** Refusals that skip a row of copy-year: the caller may not change it, or (this year) not read it. */
    private static boolean skippable(CommandRefused refused) {
        return refused.reason() == CommandRefused.Reason.FORBIDDEN || refused.reason() == CommandRefused.Reason.NOT_FOUND;
    }

    /**
     * What the replay of a stored answer must pass: each row of the request needs now the rights and licences it
     * needed (refused, naming the row, as the request would be refused now); and every row whose values the
     * stored answer shows must still be one the caller may change (for copy-year, whose rows the caller may not
     * change are skipped: its stored answer is refused instead when it shows such a row).
     */
    private void checkReplay(Caller caller, String base, List<RowTarget> targets, WriteAnswer stored) {
        PlanningAnswer answer = EventJson.read(stored.body(), PlanningAnswer.class);
        Set<String> shown = new HashSet<>();
        answer.changed().forEach(row -> shown.add(row.path()));
        answer.unchanged().forEach(row -> shown.add(row.path()));
        for (RowTarget target : targets) {
            String path = target.path().uri(base);
            try {
                commands.requireSettable(caller, target.path(), target.groupId());
            } catch (CommandRefused refused) {
                if (!(target.skippedUnlessWritable() && skippable(refused) && !shown.contains(path))) {
                    throw blame(target.field(), refused);
                }
            }
            shown.remove(path);
        }
        if (!shown.isEmpty()) {
            // copy-year: a row of the answer whose year before the caller may no longer read
            throw new CommandRefused(CommandRefused.Reason.NOT_FOUND, shown.iterator().next() + ": no such target row");
        }
    }

    /** A row's refusal as the whole request's: its fields under the row's ({@code rows[2].groupId}), its detail naming it. */
    private static CommandRefused blame(String field, CommandRefused refused) {
        return new CommandRefused(refused.reason(), field + ": " + refused.getMessage());
    }

    /** A row's invalid input as the whole request's: its fields under the row's, except those the request gives for all rows. */
    private static InvalidInputException blame(String field, InvalidInputException invalid) {
        return new InvalidInputException(invalid.errors().stream()
                .map(error -> REQUEST_FIELDS.contains(error.field()) ? error : error.within(field))
                .toList());
    }

    /** How a row's yearly amount is weighted per period of the interval. */
    private List<BigDecimal> weights(Split split, RowPath row, Interval interval, String field, String authorization) {
        return switch (split) {
            case EVEN -> PeriodSplit.perPeriod(PeriodSplit.evenMonths(), interval);
            case WORKING_DAYS -> PeriodSplit.perPeriod(PeriodSplit.workingDaysPerMonth(row.year()), interval);
            case LAST_YEAR -> lastYearWeights(row, interval, field, authorization);
        };
    }

    private List<BigDecimal> lastYearWeights(RowPath row, Interval interval, String field, String authorization) {
        int year = row.year() - 1;
        if (year < RowId.FIRST_YEAR) {
            // not the projector's to refuse: it knows no year before the contract's first
            throw new InvalidInputException(field + ".split", "cannot be last-year: there are no actuals before " + RowId.FIRST_YEAR);
        }
        List<BigDecimal> actuals;
        try {
            actuals = lastYear.of(new RowPath(year, row.typeId(), row.level(), row.ownerId(), row.item()), authorization);
        } catch (CommandRefused refused) {
            throw blame(field, refused);
        } catch (InvalidInputException invalid) {
            throw blame(field, invalid);
        }
        if (actuals.stream().allMatch(actual -> actual.signum() == 0)) {
            throw new InvalidInputException(field + ".split", "cannot be last-year: the row has no actuals in " + year);
        }
        if (actuals.size() == interval.periods()) {
            return actuals;
        }
        if (actuals.size() == 12) {
            return PeriodSplit.perPeriod(actuals, interval);
        }
        throw new InvalidInputException(field + ".split", "cannot be last-year: the row's actuals of " + year
                + " are per quarter, and this plan is per month");
    }

    /** The type of the plan (404 when unknown), its item checked against the type's dimension. */
    private TargetType typeOf(Caller caller, RowPath plan) {
        TargetType type = types.typeOf(caller.tenantId(), plan.typeId())
                .orElseThrow(() -> new CommandRefused(CommandRefused.Reason.NOT_FOUND, "No target type '" + plan.typeId() + "'"));
        plan.checkItemFor(type);
        return type;
    }

    /** The values of the row copied from: 404 when it does not exist or the caller may not read it. */
    private TargetValues readable(Caller caller, RowPath source, String field) {
        TargetType type = types.typeOf(caller.tenantId(), source.typeId())
                .orElseThrow(() -> new CommandRefused(CommandRefused.Reason.NOT_FOUND, field + ": no target type '" + source.typeId() + "'"));
        RowId id;
        try {
            id = source.rowId(type);
        } catch (InvalidInputException invalid) {
            throw invalid.within(field);
        }
        TargetRow row = targetRows.load(caller.tenantId(), id);
        if (!row.exists() || !caller.mayRead(caller.relationTo(id, row.current().get().groupId()))) {
            throw new CommandRefused(CommandRefused.Reason.NOT_FOUND, field + ": no such target row");
        }
        return row.current().get();
    }

    /** A row named by level and owner, or null with the errors of its fields. */
    private static RowPath rowPath(int year, String typeId, Level level, String ownerId, String item, String field,
            List<FieldError> errors) {
        if (level == null) {
            errors.add(new FieldError(field + ".level", "is required: COMPANY, GROUP or USER"));
            return null;
        }
        if (level == Level.COMPANY) {
            if (ownerId != null && !ownerId.equals(Level.COMPANY_OWNER)) {
                errors.add(new FieldError(field + ".ownerId", "is only for group and user rows"));
                return null;
            }
            return new RowPath(year, typeId, level, Level.COMPANY_OWNER, item);
        }
        if (ownerId == null || !Fields.ENTITY_ID.matcher(ownerId).matches()) {
            errors.add(new FieldError(field + ".ownerId", "must match " + Fields.ENTITY_ID.pattern()));
            return null;
        }
        return new RowPath(year, typeId, level, ownerId, item);
    }

    private static void checkCount(String field, List<?> rows, List<FieldError> errors) {
        if (rows == null || rows.isEmpty()) {
            errors.add(new FieldError(field, "must name at least one row"));
        } else if (rows.size() > MAX_ROWS) {
            errors.add(new FieldError(field, "must name at most " + MAX_ROWS + " rows, not " + rows.size()));
        }
    }

    /** Each row at most once: its values would depend on the order otherwise. */
    private static void checkDistinct(String field, List<RowPath> paths, List<FieldError> errors) {
        Map<RowPath, Integer> first = new HashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            if (paths.get(i) != null) {
                Integer earlier = first.putIfAbsent(paths.get(i), i);
                if (earlier != null) {
                    errors.add(new FieldError(field + "[" + i + "]", "names the same row as " + field + "[" + earlier + "]"));
                }
            }
        }
    }

    private static void checkYearly(String field, BigDecimal yearly, Unit unit, Interval interval, List<FieldError> errors) {
        BigDecimal max = TargetRow.MAX_VALUE.multiply(BigDecimal.valueOf(interval == null ? 12 : interval.periods()));
        int scale = PeriodSplit.scaleOf(unit);
        if (yearly == null) {
            errors.add(new FieldError(field, "is required"));
        } else if (yearly.signum() < 0) {
            errors.add(new FieldError(field, "must not be negative"));
        } else if (yearly.compareTo(max) > 0) {
            errors.add(new FieldError(field, "must be at most " + max.toPlainString()));
        } else if (Math.max(0, yearly.stripTrailingZeros().scale()) > scale) {
            errors.add(new FieldError(field, scale == 0 ? "must be a whole number: the type counts sales"
                    : "must have at most " + scale + " decimals"));
        }
    }

    private static BigDecimal changePercent(BigDecimal changePercent, List<FieldError> errors) {
        if (changePercent == null) {
            return BigDecimal.ZERO;
        }
        if (changePercent.compareTo(MIN_CHANGE_PERCENT) < 0 || changePercent.compareTo(MAX_CHANGE_PERCENT) > 0) {
            errors.add(new FieldError("changePercent", "must be from " + MIN_CHANGE_PERCENT + " to " + MAX_CHANGE_PERCENT));
        } else if (Math.max(0, changePercent.stripTrailingZeros().scale()) > TargetRow.MAX_DECIMALS) {
            errors.add(new FieldError("changePercent", "must have at most " + TargetRow.MAX_DECIMALS + " decimals"));
        }
        return changePercent;
    }

    private static void refuseIf(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
