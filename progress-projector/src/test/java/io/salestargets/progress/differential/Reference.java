package io.salestargets.progress.differential;

import io.salestargets.events.json.EventJson;
import io.salestargets.events.progress.PaceStatus;
import io.salestargets.events.progress.PeriodProgress;
import io.salestargets.events.progress.ProgressPace;
import io.salestargets.events.progress.ProgressToDate;
import io.salestargets.events.progress.ProgressTotal;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.progress.TargetAttained;
import io.salestargets.events.sale.SaleRetracted;
import io.salestargets.events.sale.SaleWon;
import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.Measure;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.RowKey;
import io.salestargets.events.targets.TargetEvent;
import io.salestargets.events.targets.TargetLocked;
import io.salestargets.events.targets.TargetRemoved;
import io.salestargets.events.targets.TargetRowEvent;
import io.salestargets.events.targets.TargetSet;
import io.salestargets.events.targets.TargetType;
import io.salestargets.events.targets.TargetTypeAdded;
import io.salestargets.events.targets.TargetUnlocked;
import io.salestargets.events.targets.Unit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code targets.progress} holds after a stream, computed from the stream alone as the contract (sections 4
 * and 5) says, without Kafka and without the projector's code: the reference of the differential tests.
 *
 * <ul>
 *   <li>Sales: a SaleWon replaces what its sale counted, a SaleRetracted or a tombstone takes it back; a record whose
 *       revision is not newer than the newest one applied to the sale is ignored (a record without revision applies
 *       and leaves that revision as it is).</li>
 *   <li>Target rows: an event whose version is not newer than the row's newest (a removal's included) is ignored; a
 *       TargetSet sets the values and interval and keeps the lock.</li>
 *   <li>Views: one per row, and one per target type known to the tenant (built-in, or added), year, owner (the
 *       company, the group and the user recorded on a live sale) and item (the sale's item of the type's dimension)
 *       that some live sale counts in; each view's figures as {@link #view} computes them.</li>
 *   <li>{@code TargetAttained}: at each publication, for each row whose total actual has reached its total target (more
 *       than 0) and that has not announced it since its total target last changed (or since it was set again after a
 *       removal), in row key order.</li>
 * </ul>
 *
 * <p>Decimals are what exact arithmetic on the live sales and the row's values gives, with BigDecimal's scales (a sum
 * has the largest scale of its terms; nothing of a sale that no longer counts is left in it); rounded figures as the
 * contract rounds them (attainment half-even to 4 decimals, the pro-rata target to date half-even to the cent, the
 * projection half-even and the need per working day up, to the cent).
 */
public final class Reference {

    /** Where version 1 departs from the contract: the reference follows it there when asked to ({@link #FIRST_VERSION}). */
    public enum Deviation {
        /**
         * Only the views whose row or actuals changed after their type was known reach {@code targets.progress}: a tenant
         * that adds a type after sales it measures has none of their views on the topic (REST shows them) until a sale
         * or a target changes them. The contract: "the same progress views are published to targets.progress as they
         * change"; a view that appears is a change.
         */
        VIEWS_OF_A_TYPE_ADDED_AFTER_ITS_SALES_UNPUBLISHED,
        /**
         * The revision of a retraction (or tombstone) of a sale never won is forgotten: a later record of that sale with
         * a lower or equal revision applies (a SaleWon r1 arriving after a SaleRetracted r2, as after compaction removed
         * the SaleWon r1 that came first, counts the sale). The contract: a record whose revision is not newer than the
         * last one applied is ignored.
         */
        REVISION_OF_A_RETRACTION_OF_AN_UNKNOWN_SALE_FORGOTTEN
    }

    /** Every deviation of version 1. */
    public static final Set<Deviation> FIRST_VERSION = Collections.unmodifiableSet(EnumSet.allOf(Deviation.class));

    private final Set<Deviation> deviations;
    /** The views a change reached while their type was known ({@link Deviation#VIEWS_OF_A_TYPE_ADDED_AFTER_ITS_SALES_UNPUBLISHED}). */
    private final Set<String> changed = new HashSet<>();
    private final Map<String, SaleState> sales = new HashMap<>();
    private final Map<String, RowState> rows = new TreeMap<>();
    private final Map<String, Set<String>> addedTypes = new HashMap<>();
    private final Set<String> attainedRows = new HashSet<>();
    private final List<ProgressTopic.Attained> attained = new ArrayList<>();
    private int publications;

    private record SaleState(SaleWon won, Long revision) {
    }

    private record RowState(String tenantId, RowId id, Measure measure, Interval interval, List<BigDecimal> values, boolean locked,
            long version, boolean removed) {

        BigDecimal total() {
            return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    private Reference(Set<Deviation> deviations) {
        this.deviations = Set.copyOf(deviations);
    }

    /** {@code targets.progress} after the stream and a last publication, as the contract says. */
    public static ProgressTopic of(List<Input> inputs) {
        return of(inputs, Set.of());
    }

    /** {@code targets.progress} after the stream and a last publication, with {@code deviations} from the contract. */
    public static ProgressTopic of(List<Input> inputs, Set<Deviation> deviations) {
        Reference reference = new Reference(deviations);
        for (Input input : inputs) {
            if (input instanceof Input.Sale sale) {
                reference.apply(sale);
            } else if (input instanceof Input.Target target) {
                reference.apply(target.event());
            } else {
                reference.publish();
            }
        }
        reference.publish();
        Map<String, ProgressView> views = reference.views();
        TreeMap<String, String> texts = new TreeMap<>();
        views.forEach((key, view) -> texts.put(key, EventJson.writeString(view)));
        return new ProgressTopic(texts, List.copyOf(reference.attained));
    }

    private void apply(Input.Sale input) {
        String key = input.key();
        SaleState held = sales.get(key);
        Long heldRevision = held == null ? null : held.revision();
        if (input.record() == null) {
            if (held != null) {
                sales.put(key, new SaleState(null, heldRevision));
                changed(held.won());
            }
            return;
        }
        Long revision = input.record().revision();
        if (revision != null && heldRevision != null && revision <= heldRevision) {
            return;
        }
        Long newest = revision != null ? revision : heldRevision;
        if (input.record() instanceof SaleRetracted && held == null
                && deviations.contains(Deviation.REVISION_OF_A_RETRACTION_OF_AN_UNKNOWN_SALE_FORGOTTEN)) {
            return;
        }
        SaleWon won = input.record() instanceof SaleRetracted ? null : (SaleWon) input.record();
        sales.put(key, new SaleState(won, newest));
        changed(held == null ? null : held.won());
        changed(won);
    }

    /** The views of a sale (none when null) of the types its tenant has now, by row key and row. */
    private Map<String, RowId> viewsOf(SaleWon won) {
        Map<String, RowId> views = new TreeMap<>();
        if (won == null) {
            return views;
        }
        for (TargetType type : typesOf(won.tenantId())) {
            String item = type.measure().countsAllSales() ? null : won.itemOf(type.dimension());
            if (!type.measure().countsAllSales() && item == null) {
                continue;
            }
            int year = won.wonDate().getYear();
            for (RowId id : List.of(RowId.company(year, type.id(), item), RowId.group(year, type.id(), won.groupId(), item),
                    RowId.user(year, type.id(), won.userId(), item))) {
                views.put(new RowKey(won.tenantId(), id).format(), id);
            }
        }
        return views;
    }

    private void changed(SaleWon won) {
        changed.addAll(viewsOf(won).keySet());
    }

    private void apply(TargetEvent event) {
        if (event instanceof TargetTypeAdded added) {
            addedTypes.computeIfAbsent(added.tenantId(), tenant -> new HashSet<>()).add(added.targetType().id());
            return;
        }
        TargetRowEvent rowEvent = (TargetRowEvent) event;
        String key = rowEvent.key();
        RowState held = rows.get(key);
        if (held != null && rowEvent.version() <= held.version()) {
            return;
        }
        RowState next;
        if (rowEvent instanceof TargetSet set) {
            next = new RowState(set.tenantId(), set.target(), set.targetType(), set.interval(), set.values(),
                    held != null && !held.removed() && held.locked(), set.version(), false);
        } else if (rowEvent instanceof TargetRemoved) {
            next = held == null ? null : new RowState(held.tenantId(), held.id(), held.measure(), held.interval(), held.values(), false,
                    rowEvent.version(), true);
        } else if (held == null || held.removed()) {
            next = held == null ? null : new RowState(held.tenantId(), held.id(), held.measure(), held.interval(), held.values(), false,
                    rowEvent.version(), true);
        } else {
            boolean locked = rowEvent instanceof TargetLocked || (held.locked() && !(rowEvent instanceof TargetUnlocked));
            next = new RowState(held.tenantId(), held.id(), held.measure(), held.interval(), held.values(), locked, rowEvent.version(),
                    false);
        }
        if (next == null) {
            return;
        }
        rows.put(key, next);
        changed.add(key);
        boolean heldLive = held != null && !held.removed();
        if (heldLive && (next.removed() || next.total().compareTo(held.total()) != 0)) {
            attainedRows.remove(key); // a new total target, or none: reaching it is news again
        }
    }

    private void publish() {
        publications++;
        views().forEach((key, view) -> {
            if (TargetAttained.reached(view) && attainedRows.add(key)) {
                attained.add(new ProgressTopic.Attained(publications, TargetAttained.key(key),
                        EventJson.writeString(TargetAttained.of(view, ProgressTopicDriver.CLOCK.instant()))));
            }
        });
    }

    /** Every view there is now, by row key. */
    private Map<String, ProgressView> views() {
        Map<String, RowId> keys = new TreeMap<>();
        Map<String, String> tenants = new HashMap<>();
        rows.values().stream().filter(row -> !row.removed()).forEach(row -> {
            String key = new RowKey(row.tenantId(), row.id()).format();
            keys.put(key, row.id());
            tenants.put(key, row.tenantId());
        });
        for (SaleState state : sales.values()) {
            viewsOf(state.won()).forEach((key, id) -> {
                keys.put(key, id);
                tenants.put(key, state.won().tenantId());
            });
        }
        if (deviations.contains(Deviation.VIEWS_OF_A_TYPE_ADDED_AFTER_ITS_SALES_UNPUBLISHED)) {
            keys.keySet().retainAll(changed);
        }
        Map<String, ProgressView> views = new LinkedHashMap<>();
        keys.forEach((key, id) -> {
            RowState row = rows.get(key);
            RowState live = row == null || row.removed() ? null : row;
            Measure measure = live != null ? live.measure() : typesOf(tenants.get(key)).stream()
                    .filter(type -> type.id().equals(id.typeId())).findFirst().orElseThrow().measure();
            views.put(key, view(tenants.get(key), id, measure, live));
        });
        return views;
    }

    private List<TargetType> typesOf(String tenantId) {
        Set<String> added = addedTypes.getOrDefault(tenantId, Set.of());
        return InputStreams.TYPES.stream().filter(type -> type.equals(TargetType.ALL_SALES_AMOUNT) || added.contains(type.id())).toList();
    }

    /** The live sales that a view of the tenant counts, in sale key order. */
    private List<SaleWon> salesOf(String tenantId, RowId id, Measure measure) {
        List<SaleWon> counted = new ArrayList<>();
        for (SaleState state : new TreeMap<>(sales).values()) {
            SaleWon won = state.won();
            if (won == null || !won.tenantId().equals(tenantId) || won.wonDate().getYear() != id.year()) {
                continue;
            }
            boolean owner = switch (id.level()) {
                case COMPANY -> true;
                case GROUP -> won.groupId().equals(id.ownerId());
                case USER -> won.userId().equals(id.ownerId());
            };
            if (owner && (measure.countsAllSales() || id.item().equals(won.itemOf(measure.dimension())))) {
                counted.add(won);
            }
        }
        return counted;
    }

    private static BigDecimal in(Unit unit, SaleWon won) {
        return switch (unit) {
            case AMOUNT -> won.amount();
            case PROFIT -> won.profit();
            case COUNT -> BigDecimal.ONE;
        };
    }

    /** A view as the contract (section 5) and {@link ProgressPace} describe it, as of {@link ProgressTopicDriver#TODAY}. */
    private ProgressView view(String tenantId, RowId id, Measure measure, RowState row) {
        LocalDate asOf = ProgressTopicDriver.TODAY;
        Unit unit = measure.unit();
        Interval interval = row == null ? Interval.MONTH : row.interval();
        List<SaleWon> counted = salesOf(tenantId, id, measure);
        List<PeriodProgress> periods = new ArrayList<>();
        BigDecimal actualTotal = BigDecimal.ZERO;
        for (int period = 1; period <= interval.periods(); period++) {
            BigDecimal actual = BigDecimal.ZERO;
            for (SaleWon won : counted) {
                if (interval.periodOf(won.wonDate()) == period) {
                    actual = actual.add(in(unit, won));
                }
            }
            actualTotal = actualTotal.add(actual);
            periods.add(PeriodProgress.of(period, interval.label(id.year(), period), row == null ? null : row.values().get(period - 1),
                    actual));
        }
        BigDecimal actualToDate = BigDecimal.ZERO;
        for (SaleWon won : counted) {
            if (!won.wonDate().isAfter(asOf)) {
                actualToDate = actualToDate.add(in(unit, won));
            }
        }
        BigDecimal targetTotal = row == null ? null : row.total();
        ProgressToDate toDate = ProgressToDate.of(asOf, row == null ? null : targetToDate(row, id.year(), asOf), actualToDate);
        return new ProgressView(tenantId, id.year(), id.typeId(), id.level(), id.ownerId(), id.item(), unit, interval,
                row != null && row.locked(), row == null ? null : row.version(), periods, ProgressTotal.of(targetTotal, actualTotal),
                toDate, pace(id.year(), asOf, targetTotal, actualToDate, actualTotal, toDate));
    }

    /** The periods that ended before {@code asOf}, and of its own period the share of its days up to and including it. */
    private static BigDecimal targetToDate(RowState row, int year, LocalDate asOf) {
        if (asOf.getYear() < year) {
            return BigDecimal.ZERO;
        }
        BigDecimal target = BigDecimal.ZERO;
        for (int period = 1; period <= row.interval().periods(); period++) {
            LocalDate first = LocalDate.of(year, (period - 1) * row.interval().months() + 1, 1);
            LocalDate next = first.plusMonths(row.interval().months());
            BigDecimal value = row.values().get(period - 1);
            if (!asOf.isBefore(next)) {
                target = target.add(value);
            } else if (!asOf.isBefore(first)) {
                long days = next.toEpochDay() - first.toEpochDay();
                long elapsed = asOf.toEpochDay() - first.toEpochDay() + 1;
                target = target.add(value.multiply(BigDecimal.valueOf(elapsed)).divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_EVEN));
            }
        }
        return target;
    }

    private static ProgressPace pace(int year, LocalDate asOf, BigDecimal targetTotal, BigDecimal actualToDate, BigDecimal actualTotal,
            ProgressToDate toDate) {
        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate end = first.plusYears(1);
        long daysInYear = end.toEpochDay() - first.toEpochDay();
        BigDecimal projected;
        if (asOf.isBefore(first)) {
            projected = null;
        } else if (!asOf.isBefore(end.minusDays(1))) {
            projected = actualTotal;
        } else {
            long elapsed = asOf.toEpochDay() - first.toEpochDay() + 1;
            projected = actualToDate.multiply(BigDecimal.valueOf(daysInYear)).divide(BigDecimal.valueOf(elapsed), 2, RoundingMode.HALF_EVEN);
        }
        int workingDaysLeft = 0;
        for (LocalDate day = asOf.isBefore(first) ? first : asOf.plusDays(1); day.isBefore(end); day = day.plusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                workingDaysLeft++;
            }
        }
        BigDecimal needed = targetTotal == null || workingDaysLeft == 0 ? null
                : targetTotal.subtract(actualToDate).max(BigDecimal.ZERO).divide(BigDecimal.valueOf(workingDaysLeft), 2, RoundingMode.UP);
        return new ProgressPace(projected, workingDaysLeft, needed, PaceStatus.of(toDate.attainment()));
    }
}
