package io.salestargets.progress.differential;

import static io.salestargets.localstack.testing.properties.Gens.frequency;
import static io.salestargets.localstack.testing.properties.Gens.of;
import static io.salestargets.localstack.testing.properties.Gens.pick;

import io.salestargets.events.sale.SaleRecord;
import io.salestargets.events.sale.SaleRetracted;
import io.salestargets.events.sale.SaleWon;
import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.Measure;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.RowKey;
import io.salestargets.events.targets.TargetLocked;
import io.salestargets.events.targets.TargetRemoved;
import io.salestargets.events.targets.TargetRowEvent;
import io.salestargets.events.targets.TargetSet;
import io.salestargets.events.targets.TargetType;
import io.salestargets.events.targets.TargetTypeAdded;
import io.salestargets.events.targets.TargetUnlocked;
import io.salestargets.events.targets.Unit;
import io.salestargets.localstack.testing.properties.Gens;
import io.salestargets.localstack.testing.properties.Theories;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.quicktheories.core.Gen;

/**
 * Generated streams of what the projector reads ({@link Inputs}), for the differential property tests (QuickTheories
 * through {@code Gens}/{@code Theories}): sales on {@code crm.sales} (wins, corrections of amount and profit, moves to
 * another user and group or another day and month, retractions, tombstones; revisions that grow, skip, are absent, or are
 * stale: equal or lower), amounts 0 to 1e12 with 0-2 decimals, profits of either sign; and interleaved with them, target
 * events as the command service emits them (types added, rows set, changed, locked, unlocked and removed, duplicates of a
 * row's last events as after a crash of the relay) and publications; across up to three tenants, three users, two
 * groups, three years and four target types (two on dimensions).
 *
 * <p>The generator draws steps, then plays them like the CRM and the command service would: a correction or a move
 * changes the sale as last sent, a revision is relative to the sale's newest, a target of a type not added yet adds it
 * first, a lock, unlock or removal picks among the rows it applies to and is dropped when there is none, a change of a
 * locked row is refused (no event), all rows of a tenant, year and type share one interval. So every generated record
 * is valid, and a step shrinks away without breaking the others: QuickTheories shrinks the steps' draws (fewer steps,
 * each towards the first alternative: no step at all, a win, tenant {@code acme}, sale {@code s-1}, the built-in type, small numbers).
 */
public final class InputStreams {

    public static final List<String> TENANTS = List.of("acme", "beta", "gamma");
    public static final List<String> SALES = List.of("s-1", "s-2", "s-3", "s-4");
    public static final List<String> USERS = List.of("u-anna", "u-bo", "u-cy");
    public static final List<String> GROUPS = List.of("g-north", "g-south");
    public static final String SALE_TYPE = "sale-type";
    public static final String COMPANY_CATEGORY = "company-category";
    /** The built-in type first; every tenant adds the others when it first sets a target of them (or on its own). */
    public static final List<TargetType> TYPES = List.of(TargetType.ALL_SALES_AMOUNT,
            new TargetType("all-count", "All sales - Count", Measure.ALL, Unit.COUNT),
            new TargetType("sale-type-profit", "Sale type - Profit", SALE_TYPE, Unit.PROFIT),
            new TargetType("category-amount", "Company category - Amount", COMPANY_CATEGORY, Unit.AMOUNT));
    public static final Map<String, List<String>> ITEMS = Map.of(SALE_TYPE, List.of("st-1", "st-2"),
            COMPANY_CATEGORY, List.of("cat-1", "cat-2"));
    private static final BigDecimal MAX = new BigDecimal("1000000000000");
    private static final Instant FIRST_EVENT = Instant.parse("2026-01-05T08:00:00Z");

    private InputStreams() {
    }

    /**
     * A generated stream: its inputs, one a line when printed (a counterexample reads top to bottom), and the steps they
     * were played from (which {@link #check} shrinks).
     */
    public record Inputs(List<Input> list, List<Step> steps) {

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(list.size() + " inputs:");
            for (int i = 0; i < list.size(); i++) {
                text.append("\n  ").append(i + 1).append(". ").append(list.get(i));
            }
            return text.toString();
        }
    }

    /** Streams of {@code minSteps} to {@code maxSteps} steps (a dropped step makes none, a target of a new type two). */
    public static Gen<Inputs> streams(int minSteps, int maxSteps) {
        return Gens.<Step>lists(steps(), minSteps, maxSteps).map(InputStreams::play);
    }

    static Inputs play(List<Step> steps) {
        return new Inputs(new Player().play(steps), List.copyOf(steps));
    }

    /**
     * Checks {@code property} on {@code examples} streams of 1 to {@code maxSteps} steps ({@code Theories}: a fixed seed,
     * printed on failure). A failing stream is shrunk here rather than by QuickTheories, whose shrinking of the draws
     * leaves dozens of inputs: whole steps are taken out (halves, quarters, ..., one at a time) for as long as the
     * stream still fails, and the failure reported is that of the smallest such stream, printed whole.
     */
    public static void check(String name, int examples, int maxSteps, Consumer<Inputs> property) {
        Theories.check(name, examples, 0, streams(1, maxSteps), stream -> {
            Throwable failure = failure(stream, property);
            if (failure != null) {
                Inputs smallest = smallest(stream, property);
                Throwable cause = failure(smallest, property);
                throw new AssertionError("the smallest failing stream that taking steps out of this one gives: " + smallest
                        + "\n" + cause.getMessage(), cause);
            }
        });
    }

    private static Throwable failure(Inputs stream, Consumer<Inputs> property) {
        try {
            property.accept(stream);
            return null;
        } catch (AssertionError | RuntimeException e) {
            return e;
        }
    }

    private static Inputs smallest(Inputs failing, Consumer<Inputs> property) {
        List<Step> steps = new ArrayList<>(failing.steps());
        for (int chunk = Math.max(1, steps.size() / 2); chunk >= 1; chunk = chunk == 1 ? 0 : Math.max(1, chunk / 2)) {
            boolean removed = true;
            while (removed) {
                removed = false;
                for (int from = 0; from < steps.size(); ) {
                    List<Step> fewer = new ArrayList<>(steps.subList(0, from));
                    fewer.addAll(steps.subList(Math.min(steps.size(), from + chunk), steps.size()));
                    if (!fewer.isEmpty() && failure(play(fewer), property) != null) {
                        steps = fewer;
                        removed = true;
                    } else {
                        from += chunk;
                    }
                }
            }
        }
        return play(steps);
    }

    // --- steps, as drawn ---------------------------------------------------------------------------------------------

    public sealed interface Step {
    }

    enum SaleKind { WIN, CORRECT, MOVE_OWNER, MOVE_DAY, RETRACT, TOMBSTONE }

    /** How a record's revision relates to the sale's newest: the next, none, a few ahead, the same or lower (stale). */
    enum Revision { NEXT, NONE, AHEAD, SAME, LOWER }

    record SaleStep(SaleKind kind, String tenant, String sale, Revision revision, LocalDate day, String user, String group,
            BigDecimal amount, BigDecimal profit, Map<String, String> dimensions) implements Step {
    }

    enum TargetKind { SET, ADD_TYPE, LOCK, UNLOCK, REMOVE, RESEND }

    record TargetStep(TargetKind kind, String tenant, int type, int year, Level level, String user, String group, int item,
            List<BigDecimal> values, int row, int resent) implements Step {
    }

    record PublishStep() implements Step {
    }

    /** Nothing: the first alternative of a step, so that QuickTheories shrinks a step it does not need into none. */
    record NoStep() implements Step {
    }

    static Gen<Step> steps() {
        return Gens.<Step>frequency(of(1, Gens.constant(new NoStep())), of(10, saleSteps()), of(5, targetSteps()),
                of(3, Gens.constant(new PublishStep())));
    }

    static Gen<String> tenants() {
        return Gens.weighted(5, "acme", 2, "beta", 1, "gamma");
    }

    static Gen<Step> saleSteps() {
        Gen<SaleKind> kind = Gens.weighted(4, SaleKind.WIN, 3, SaleKind.CORRECT, 2, SaleKind.MOVE_OWNER, 2, SaleKind.MOVE_DAY,
                2, SaleKind.RETRACT, 1, SaleKind.TOMBSTONE);
        Gen<Revision> revision = Gens.weighted(5, Revision.NEXT, 2, Revision.NONE, 1, Revision.AHEAD, 1, Revision.SAME,
                1, Revision.LOWER);
        Gen<String> sale = pick(SALES);
        Gen<String> user = pick(USERS);
        Gen<String> group = pick(GROUPS);
        Gen<LocalDate> day = days();
        Gen<BigDecimal> amount = amounts();
        Gen<BigDecimal> profit = amounts().zip(Gens.booleans(), (value, negative) -> negative ? value.negate() : value);
        Gen<Map<String, String>> dimensions = dimensions();
        Gen<String> tenant = tenants();
        return in -> new SaleStep(kind.generate(in), tenant.generate(in), sale.generate(in), revision.generate(in), day.generate(in),
                user.generate(in), group.generate(in), amount.generate(in), profit.generate(in), dimensions.generate(in));
    }

    static Gen<Step> targetSteps() {
        Gen<TargetKind> kind = Gens.weighted(8, TargetKind.SET, 1, TargetKind.ADD_TYPE, 2, TargetKind.LOCK, 1, TargetKind.UNLOCK,
                2, TargetKind.REMOVE, 1, TargetKind.RESEND);
        Gen<Integer> type = Gens.integers(0, TYPES.size() - 1);
        Gen<Integer> year = Gens.weighted(6, 2026, 2, 2025, 1, 2027);
        Gen<Level> level = Gens.weighted(3, Level.USER, 2, Level.GROUP, 2, Level.COMPANY);
        Gen<String> user = pick(USERS);
        Gen<String> group = pick(GROUPS);
        Gen<Integer> item = Gens.integers(0, 1);
        Gen<List<BigDecimal>> values = targetValues();
        Gen<Integer> row = Gens.integers(0, 7);
        Gen<Integer> resent = Gens.integers(1, 3);
        Gen<String> tenant = tenants();
        return in -> new TargetStep(kind.generate(in), tenant.generate(in), type.generate(in), year.generate(in), level.generate(in),
                user.generate(in), group.generate(in), item.generate(in), values.generate(in), row.generate(in), resent.generate(in));
    }

    /** Mostly 2026 (today is 2026-11-26), some 2025 (over) and 2027 (not begun); today, tomorrow and the year's edges. */
    static Gen<LocalDate> days() {
        Gen<LocalDate> any = Gens.<Integer>weighted(6, 2026, 2, 2025, 1, 2027).zip(Gens.integers(1, 12), Gens.integers(1, 28),
                LocalDate::of);
        return frequency(of(6, any), of(1, pick(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 27), LocalDate.of(2026, 12, 31),
                LocalDate.of(2026, 1, 1), LocalDate.of(2025, 12, 31))));
    }

    /** 0 to 1e12 with 0-2 decimals: small ones (targets are reached), any, and the edges. */
    static Gen<BigDecimal> amounts() {
        Gen<Integer> scale = Gens.integers(0, 2);
        Gen<BigDecimal> small = scale.flatMap(s -> Gens.longs(0, 100_000L * (long) Math.pow(10, s))
                .map(unscaled -> new BigDecimal(BigInteger.valueOf(unscaled), s)));
        Gen<BigDecimal> any = scale.flatMap(s -> Gens.longs(0, MAX.movePointRight(s).longValueExact())
                .map(unscaled -> new BigDecimal(BigInteger.valueOf(unscaled), s)));
        Gen<BigDecimal> edges = Gens.<String>pick("0", "0.01", "0.10", "1.5", "1000000000000", "999999999999.99").map(text -> new BigDecimal(text));
        return frequency(of(6, small), of(2, any), of(1, edges));
    }

    /** Per period, 0 to 1e12 with 0-2 decimals (whole numbers for a count, where they are rounded down): twelve, of which a row takes its interval's. */
    static Gen<List<BigDecimal>> targetValues() {
        Gen<Integer> scale = Gens.integers(0, 2);
        Gen<BigDecimal> value = frequency(
                of(6, scale.flatMap(s -> Gens.longs(0, 20_000L * (long) Math.pow(10, s))
                        .map(unscaled -> new BigDecimal(BigInteger.valueOf(unscaled), s)))),
                of(1, scale.flatMap(s -> Gens.longs(0, MAX.movePointRight(s).longValueExact())
                        .map(unscaled -> new BigDecimal(BigInteger.valueOf(unscaled), s)))),
                of(1, Gens.<String>pick("0", "0.01", "1000000000000").map(text -> new BigDecimal(text))));
        Gen<List<BigDecimal>> same = value.map(v -> List.copyOf(Collections.nCopies(12, v)));
        Gen<List<BigDecimal>> each = Gens.lists(value, 12, 12);
        return frequency(of(3, same), of(1, each));
    }

    /** A sale type (mostly) and a company category (half the time). */
    static Gen<Map<String, String>> dimensions() {
        Gen<String> saleType = Gens.weighted(1, "", 2, "st-1", 1, "st-2");
        Gen<String> category = Gens.weighted(1, "", 1, "cat-1", 1, "cat-2");
        return saleType.zip(category, (type, cat) -> {
            Map<String, String> dimensions = new TreeMap<>();
            if (!type.isEmpty()) {
                dimensions.put(SALE_TYPE, type);
            }
            if (!cat.isEmpty()) {
                dimensions.put(COMPANY_CATEGORY, cat);
            }
            return dimensions;
        });
    }

    /** The interval of all rows of a tenant, year and type. */
    static Interval interval(int type, int year) {
        return (type + year) % 3 == 0 ? Interval.QUARTER : Interval.MONTH;
    }

    // --- playing the steps as the CRM and the command service would ---------------------------------------------------

    /** What the command service holds of a row: its events (the first a TargetSet), and how they left it. */
    private static final class Row {
        final List<TargetRowEvent> events = new ArrayList<>();
        TargetSet set;
        boolean exists;
        boolean locked;
    }

    private static final class Player {

        private final List<Input> inputs = new ArrayList<>();
        private final Map<String, Set<String>> added = new HashMap<>();
        /** Per tenant, its rows by key, in the order they were first set. */
        private final Map<String, Map<String, Row>> rows = new HashMap<>();
        /** Per sale key: the SaleWon the CRM sent last (not counting stale ones), and the newest revision it sent. */
        private final Map<String, SaleWon> lastWon = new HashMap<>();
        private final Map<String, Long> newestRevision = new HashMap<>();
        private int events;

        List<Input> play(List<Step> steps) {
            for (Step step : steps) {
                if (step instanceof SaleStep sale) {
                    sale(sale);
                } else if (step instanceof TargetStep target) {
                    target(target);
                } else if (step instanceof PublishStep) {
                    inputs.add(new Input.Publication());
                }
            }
            return List.copyOf(inputs);
        }

        private void sale(SaleStep step) {
            String key = step.tenant() + "/" + step.sale();
            Long newest = newestRevision.get(key);
            Long revision = switch (step.revision()) {
                case NEXT -> newest == null ? 1L : newest + 1;
                case NONE -> null;
                case AHEAD -> (newest == null ? 0L : newest) + 3;
                case SAME -> newest == null ? 1L : newest;
                case LOWER -> newest == null ? 0L : Math.max(0, newest - 1);
            };
            boolean stale = revision != null && newest != null && revision <= newest;
            if (revision != null && !stale) {
                newestRevision.put(key, revision);
            }
            SaleWon last = lastWon.get(key);
            SaleRecord record;
            if (step.kind() == SaleKind.TOMBSTONE) {
                record = null;
            } else if (step.kind() == SaleKind.RETRACT) {
                record = new SaleRetracted(step.tenant(), step.sale(), revision, null);
            } else if (last == null || step.kind() == SaleKind.WIN) {
                record = won(step.tenant(), step.sale(), revision, step.day(), step.user(), step.group(), step.amount(), step.profit(),
                        step.dimensions());
            } else if (step.kind() == SaleKind.CORRECT) {
                record = won(step.tenant(), step.sale(), revision, last.wonDate(), last.userId(), last.groupId(), step.amount(),
                        step.profit(), last.dimensions());
            } else if (step.kind() == SaleKind.MOVE_OWNER) {
                record = won(step.tenant(), step.sale(), revision, last.wonDate(), step.user(), step.group(), last.amount(),
                        last.profit(), last.dimensions());
            } else {
                record = won(step.tenant(), step.sale(), revision, step.day(), last.userId(), last.groupId(), last.amount(),
                        last.profit(), last.dimensions());
            }
            if (record instanceof SaleWon won && !stale) {
                lastWon.put(key, won);
            }
            inputs.add(new Input.Sale(step.tenant(), step.sale(), record));
        }

        private static SaleWon won(String tenant, String sale, Long revision, LocalDate day, String user, String group,
                BigDecimal amount, BigDecimal profit, Map<String, String> dimensions) {
            return new SaleWon(tenant, sale, revision, day, user, group, amount, profit, null, dimensions, null);
        }

        private void target(TargetStep step) {
            Map<String, Row> tenantRows = rows.computeIfAbsent(step.tenant(), tenant -> new LinkedHashMap<>());
            switch (step.kind()) {
                case SET -> set(step, tenantRows);
                case ADD_TYPE -> addType(step.tenant(), TYPES.get(step.type()));
                case LOCK -> pickRow(tenantRows, step.row(), row -> row.exists && !row.locked).ifPresent(row -> {
                    row.locked = true;
                    emit(row, new TargetLocked(eventId(), step.tenant(), row.set.target(), row.events.size() + 1, occurredAt(), "u-boss",
                            null));
                });
                case UNLOCK -> pickRow(tenantRows, step.row(), row -> row.exists && row.locked).ifPresent(row -> {
                    row.locked = false;
                    emit(row, new TargetUnlocked(eventId(), step.tenant(), row.set.target(), row.events.size() + 1, occurredAt(),
                            "u-boss", null));
                });
                case REMOVE -> pickRow(tenantRows, step.row(), row -> row.exists && !row.locked).ifPresent(row -> {
                    row.exists = false;
                    emit(row, new TargetRemoved(eventId(), step.tenant(), row.set.target(), row.events.size() + 1, occurredAt(),
                            "u-boss", null));
                });
                case RESEND -> pickRow(tenantRows, step.row(), row -> true).ifPresent(row -> {
                    List<TargetRowEvent> last = row.events.subList(Math.max(0, row.events.size() - step.resent()), row.events.size());
                    last.forEach(event -> inputs.add(new Input.Target(event)));
                });
            }
        }

        private void set(TargetStep step, Map<String, Row> tenantRows) {
            TargetType type = TYPES.get(step.type());
            String item = type.measure().countsAllSales() ? null : ITEMS.get(type.dimension()).get(step.item());
            RowId id = switch (step.level()) {
                case USER -> RowId.user(step.year(), type.id(), step.user(), item);
                case GROUP -> RowId.group(step.year(), type.id(), step.group(), item);
                case COMPANY -> RowId.company(step.year(), type.id(), item);
            };
            String key = new RowKey(step.tenant(), id).format();
            Row row = tenantRows.computeIfAbsent(key, k -> new Row());
            if (row.exists && row.locked) {
                return; // 409 target-locked: no event
            }
            Interval interval = interval(step.type(), step.year());
            List<BigDecimal> values = step.values().subList(0, interval.periods()).stream()
                    .map(value -> type.unit() == Unit.COUNT ? value.setScale(0, RoundingMode.DOWN) : value).toList();
            if (row.exists && row.set.values().equals(values)) {
                return; // 200, nothing changed: no event
            }
            addType(step.tenant(), type);
            row.set = new TargetSet(eventId(), step.tenant(), id, type.measure(), step.level() == Level.USER ? step.group() : null,
                    interval, values, null, row.events.size() + 1, occurredAt(), "u-boss", null);
            row.exists = true;
            emit(row, row.set);
        }

        private void addType(String tenant, TargetType type) {
            if (type.equals(TargetType.ALL_SALES_AMOUNT) || !added.computeIfAbsent(tenant, t -> new HashSet<>()).add(type.id())) {
                return; // built in, or added already (409 duplicate)
            }
            inputs.add(new Input.Target(new TargetTypeAdded(eventId(), tenant, type, occurredAt(), "u-admin")));
        }

        private static Optional<Row> pickRow(Map<String, Row> tenantRows, int index,
                Predicate<Row> applies) {
            List<Row> candidates = tenantRows.values().stream().filter(row -> row.set != null).filter(applies).toList();
            return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(index % candidates.size()));
        }

        private void emit(Row row, TargetRowEvent event) {
            row.events.add(event);
            inputs.add(new Input.Target(event));
        }

        /** The next event's id: the same in every run, so that a replayed seed prints the same stream. */
        private UUID eventId() {
            return UUID.nameUUIDFromBytes(("event-" + events).getBytes(StandardCharsets.UTF_8));
        }

        /** One minute after the last event. */
        private Instant occurredAt() {
            return FIRST_EVENT.plusSeconds(60L * events++);
        }
    }
}
