package io.salestargets.progress.topology;

import static io.salestargets.localstack.testing.properties.Gens.constant;
import static io.salestargets.localstack.testing.properties.Gens.frequency;
import static io.salestargets.localstack.testing.properties.Gens.of;
import static io.salestargets.localstack.testing.properties.Gens.pick;
import static io.salestargets.localstack.testing.properties.Gens.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.InvalidInputException;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.sale.SaleKey;
import io.salestargets.events.sale.SaleRecord;
import io.salestargets.events.sale.SaleRetracted;
import io.salestargets.events.sale.SaleWon;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.TargetType;
import io.salestargets.events.targets.TargetTypeAdded;
import io.salestargets.events.targets.Unit;
import io.salestargets.localstack.testing.properties.Gens;
import io.salestargets.localstack.testing.properties.Hostile;
import io.salestargets.localstack.testing.properties.Json;
import io.salestargets.localstack.testing.properties.Json.Num;
import io.salestargets.localstack.testing.properties.Json.Obj;
import io.salestargets.localstack.testing.properties.RawHttp;
import io.salestargets.localstack.testing.properties.Theories;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Property-based tests of the sales stage (docs/security.md, "Property-based tests"), with QuickTheories
 * ({@link Theories}: a fixed seed, printed with a failure and the smallest failing sequence) on the
 * topology under {@link TopologyTestDriver}: whatever a record of {@code crm.sales} holds (any bytes, any
 * JSON, a valid SaleWon or SaleRetracted changed anywhere, a tombstone; any key; any headers), it is
 * either read and applied, or it becomes exactly one dead letter on {@code crm.sales.dlq} (key, value and
 * headers as received, plus a non-empty {@code error} and the source); no exception leaves the topology;
 * and after a sequence of records each owner's actuals are exactly those of the records applied
 * (replacements, retractions, tombstones and stale revisions included), for every unit and dimension.
 *
 * <p>Each try is a sequence of records of a tenant of its own (the generated records name the
 * placeholder {@value #TENANT}, replaced at each try), so that tries share one driver without seeing
 * each other's sales. Records are expected to be read ({@link Expect#READ}), dead-lettered
 * ({@link Expect#DEAD_LETTER}: each breaks one rule of the contract), or either ({@link Expect#EITHER}:
 * arbitrary input); in every case the dead letter and the reader agree.
 */
class SaleRecordPropertiesTest {

    static final String TENANT = "TENANT";
    static final List<String> SALES = List.of("s-1", "s-2", "s-3");
    static final List<String> USERS = List.of("u-anna", "u-bo", "U.x:1");
    static final List<String> GROUPS = List.of("g-north", "g-south");
    static final List<String> SALE_TYPES = List.of("st-1", "st-2", "st-3");
    static final String COUNT = "all-count";
    static final String PROFIT = "all-profit";
    static final String SALE_TYPE_COUNT = "sale-type-count";

    private ProjectorDriver projector = new ProjectorDriver();
    /** A try that failed while the topology processed a record may leave the driver unusable: the next gets a new one. */
    private boolean driverInDoubt;
    private int tries;
    private String tenant;

    /** How many tries QuickTheories may spend on shrinking a failing sequence (some 200 ms each). */
    static final int SHRINK_CYCLES = 300;

    private void aTenantOfItsOwn() {
        if (driverInDoubt) {
            projector.close();
            projector = new ProjectorDriver();
            driverInDoubt = false;
        }
        tenant = "try-" + ++tries;
        for (TargetType type : List.of(new TargetType(COUNT, "All - Count", "all", Unit.COUNT),
                new TargetType(PROFIT, "All - Profit", "all", Unit.PROFIT),
                new TargetType(SALE_TYPE_COUNT, "Sale type - Count", "sale-type", Unit.COUNT))) {
            projector.send(new TargetTypeAdded(UUID.randomUUID(), tenant, type, Instant.parse("2026-01-01T00:00:00Z"), "u-admin"));
        }
    }

    @AfterEach
    void close() {
        projector.close();
    }

    // --- the property ----------------------------------------------------------------------------------------

    enum Expect { READ, DEAD_LETTER, EITHER }

    /** A record of crm.sales as generated: key and value name the placeholder tenant; headers as they are. */
    record Input(String kind, Expect expect, byte[] key, byte[] value, List<Map.Entry<String, byte[]>> headers) {

        byte[] key(String tenant) {
            return replaced(key, tenant);
        }

        byte[] value(String tenant) {
            return replaced(value, tenant);
        }

        @Override
        public String toString() {
            return kind + " (" + expect + ") key " + (key == null ? "null" : RawHttp.printable(new String(key, StandardCharsets.UTF_8), 100))
                    + ", value " + (value == null ? "null (tombstone)" : RawHttp.printable(new String(value, StandardCharsets.UTF_8), 300)
                    + " (" + value.length + " bytes)") + (headers.isEmpty() ? "" : ", headers " + headers.stream().map(Map.Entry::getKey).toList());
        }
    }

    /** 200 tries of 2 to 10 records: an applied sale takes the driver some 20 ms (both stages, a commit per record). */
    @Test
    void sequences() {
        Theories.check("everyRecordIsAppliedOrDeadLetteredOnceAndTheActualsAreThoseOfTheAppliedSales", 200, SHRINK_CYCLES,
                Gens.lists(inputs(), 2, 10), records -> {
                    aTenantOfItsOwn();
                    everyRecordIsAppliedOrDeadLetteredOnce(records);
                });
    }

    private void everyRecordIsAppliedOrDeadLetteredOnce(List<Input> records) {
        Model model = new Model();
        for (Input input : records) {
            byte[] key = input.key(tenant);
            byte[] value = input.value(tenant);
            Headers headers = new RecordHeaders();
            input.headers().forEach(header -> headers.add(header.getKey(), header.getValue()));

            driverInDoubt = true;
            try {
                projector.saleRaw(key, value, headers);
            } catch (RuntimeException e) {
                throw new AssertionError("an exception left the topology for " + input, e);
            }
            driverInDoubt = false;

            List<TestRecord<byte[], byte[]>> deadLetters = projector.deadLetters();
            assertThat(deadLetters).as("at most one dead letter for %s", input).hasSizeLessThanOrEqualTo(1);
            SaleRecord read = model.read(key, value);
            boolean readable = read != null || value == null && model.keyReadable(key);
            if (input.expect() == Expect.READ) {
                assertThat(deadLetters).as("a valid record is read, not dead-lettered: %s", input).isEmpty();
            } else if (input.expect() == Expect.DEAD_LETTER) {
                assertThat(deadLetters).as("a broken record is dead-lettered: %s", input).hasSize(1);
            }
            assertThat(deadLetters.isEmpty()).as("dead-lettered exactly when it cannot be read: %s (%s)", input,
                    deadLetters.isEmpty() ? "" : errorOf(deadLetters.get(0))).isEqualTo(readable);
            if (!deadLetters.isEmpty()) {
                deadLetterAsReceived(deadLetters.get(0), key, value, input);
            } else if (value == null) {
                model.tombstone(SaleKey.parse(new String(key, StandardCharsets.UTF_8)).saleId());
            } else {
                model.apply(read);
            }
        }
        actualsAreThoseOf(model, records);
    }

    private static void deadLetterAsReceived(TestRecord<byte[], byte[]> deadLetter, byte[] key, byte[] value, Input input) {
        assertThat(deadLetter.key()).as("the key as received: %s", input).isEqualTo(key);
        assertThat(deadLetter.value()).as("the value as received: %s", input).isEqualTo(value);
        assertThat(errorOf(deadLetter)).as("a reason: %s", input).isNotBlank();
        assertThat(header(deadLetter, Topics.DeadLetterHeaders.SOURCE_TOPIC)).as(input.toString()).isEqualTo(Topics.SALES);
        assertThat(header(deadLetter, Topics.DeadLetterHeaders.SOURCE_PARTITION)).as(input.toString()).isEqualTo("0");
        assertThat(header(deadLetter, Topics.DeadLetterHeaders.SOURCE_OFFSET)).as(input.toString()).matches("[0-9]+");
        for (Map.Entry<String, byte[]> original : input.headers()) {
            assertThat(deadLetter.headers().headers(original.getKey())).as("the record's own headers: %s", input)
                    .anySatisfy(kept -> assertThat(kept.value()).isEqualTo(original.getValue()));
        }
    }

    private static String errorOf(TestRecord<byte[], byte[]> deadLetter) {
        return header(deadLetter, Topics.DeadLetterHeaders.ERROR);
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Amount, profit and count of every owner, year and unit (and the sale-type items of the company) as the model says. */
    private void actualsAreThoseOf(Model model, List<Input> records) {
        for (int year : model.years) {
            List<String> owners = new ArrayList<>(List.of("company/company"));
            model.users.forEach(user -> owners.add("user/" + user));
            model.groups.forEach(group -> owners.add("group/" + group));
            for (String owner : owners) {
                Predicate<SaleWon> counts = owner.startsWith("user/") ? won -> owner.equals("user/" + won.userId())
                        : owner.startsWith("group/") ? won -> owner.equals("group/" + won.groupId()) : won -> true;
                String context = "year " + year + ", " + owner + ", after " + records;
                assertThat(actual(year, TargetType.ALL_SALES_AMOUNT.id(), owner)).as("amount of " + context)
                        .isEqualByComparingTo(model.sum(year, counts, SaleWon::amount));
                assertThat(actual(year, PROFIT, owner)).as("profit of " + context).isEqualByComparingTo(model.sum(year, counts, SaleWon::profit));
                assertThat(actual(year, COUNT, owner)).as("count of " + context).isEqualByComparingTo(model.sum(year, counts, won -> BigDecimal.ONE));
            }
            for (String item : SALE_TYPES) {
                assertThat(actual(year, SALE_TYPE_COUNT, "company/company/" + item)).as("count of %s in %d after %s", item, year, records)
                        .isEqualByComparingTo(model.sum(year, won -> item.equals(won.itemOf("sale-type")), won -> BigDecimal.ONE));
            }
        }
    }

    private BigDecimal actual(int year, String typeId, String owner) {
        ProgressView view = projector.query(tenant + "/" + year + "/" + typeId + "/" + owner, LocalDate.of(year, 12, 31));
        assertThat(view).as("a view of %s/%s/%s", year, typeId, owner).isNotNull();
        return view.total().actual();
    }

    /**
     * The sales as the contract says they count: a SaleWon replaces what its sale counted, a SaleRetracted or
     * a tombstone takes it back, and a record whose revision is not newer than the last applied one is ignored.
     * Reading uses the contract's reader ({@link EventJson}, {@link SaleKey}), as the sales stage must.
     */
    static final class Model {

        /** What each sale counts now (null: nothing) and its newest revision. */
        private final Map<String, SaleWon> won = new HashMap<>();
        private final Map<String, Long> revisions = new HashMap<>();
        private final Set<String> held = new TreeSet<>();
        final Set<Integer> years = new TreeSet<>(List.of(2026));
        final Set<String> users = new TreeSet<>();
        final Set<String> groups = new TreeSet<>();

        boolean keyReadable(byte[] key) {
            try {
                SaleKey.parse(key == null ? null : new String(key, StandardCharsets.UTF_8));
                return true;
            } catch (InvalidInputException e) {
                return false;
            }
        }

        /** The record, or null when it cannot be read: a bad key, not a sale record, another sale's key, a year out of range. */
        SaleRecord read(byte[] key, byte[] value) {
            if (!keyReadable(key) || value == null) {
                return null;
            }
            SaleRecord sale;
            try {
                sale = EventJson.read(value, SaleRecord.class);
            } catch (InvalidInputException e) {
                return null;
            }
            if (sale == null || !sale.key().equals(new String(key, StandardCharsets.UTF_8))) {
                return null;
            }
            if (sale instanceof SaleWon w && (w.wonDate().getYear() < RowId.FIRST_YEAR || w.wonDate().getYear() > RowId.LAST_YEAR)) {
                return null;
            }
            return sale;
        }

        void apply(SaleRecord sale) {
            String id = sale.saleId();
            Long heldRevision = revisions.get(id);
            if (sale.revision() != null && held.contains(id) && heldRevision != null && sale.revision() <= heldRevision) {
                return; // stale
            }
            Long revision = sale.revision() != null ? sale.revision() : heldRevision;
            if (sale instanceof SaleRetracted) {
                // a retraction keeps its revision, also for a sale never won: an older record of it is stale then
                if (held.contains(id) || revision != null) {
                    won.remove(id);
                    held.add(id);
                    revisions.put(id, revision);
                }
                return;
            }
            SaleWon sold = (SaleWon) sale;
            held.add(id);
            won.put(id, sold);
            revisions.put(id, revision);
            years.add(sold.wonDate().getYear());
            users.add(sold.userId());
            groups.add(sold.groupId());
        }

        void tombstone(String saleId) {
            won.remove(saleId);
        }

        BigDecimal sum(int year, Predicate<SaleWon> counts, java.util.function.Function<SaleWon, BigDecimal> measure) {
            return won.values().stream().filter(sale -> sale.wonDate().getYear() == year).filter(counts).map(measure)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    // --- what the CRM, or anyone, may put on crm.sales --------------------------------------------------------

    static Gen<Input> inputs() {
        return Gens.<Input>frequency(
                of(5, validWon().map(won -> input("SaleWon", Expect.READ, key(won), won))),
                of(2, validRetracted().map(retracted -> input("SaleRetracted", Expect.READ, key(retracted), retracted))),
                of(1, pick(SALES).map(sale -> new Input("tombstone", Expect.READ, bytes(TENANT + "/" + sale), null, List.of()))),
                of(4, brokenField()),
                of(1, brokenKey()),
                of(1, notARecord()),
                of(4, arbitrary())).zip(headers(), (input, headers) -> headers.isEmpty() ? input
                        : new Input(input.kind(), input.expect(), input.key(), input.value(), headers));
    }

    private static Input input(String kind, Expect expect, String key, Obj value) {
        return new Input(kind, expect, bytes(key), bytes(Json.write(value)), List.of());
    }

    private static String key(Obj record) {
        return record.get("tenantId") + "/" + record.get("saleId");
    }

    static Gen<Obj> validWon() {
        Gen<Object> revision = frequency(of(2, constant(Json.NULL)), of(3, Gens.longs(0, 6).map(r -> (Object) new Num(Long.toString(r)))));
        Gen<String> date = frequency(
                of(8, Gens.<Integer>weighted(6, 2026, 2, 2025).zip(Gens.integers(1, 12), Gens.integers(1, 28),
                        (y, m, d) -> LocalDate.of(y, m, d).toString())),
                of(1, pick("2000-01-01", "2100-12-31", "2024-02-29", "2026-12-31", "2026-01-01")));
        Gen<String> sale = pick(SALES);
        Gen<String> user = pick(USERS);
        Gen<String> group = pick(GROUPS);
        Gen<Object> amount = frequency(of(1, constant(Json.NULL)), of(6, amounts()));
        Gen<Map<String, String>> dimensions = Gens.maps(Gens.<String>weighted(4, "sale-type", 2, "company-category", 1, "all"),
                pick("st-1", "st-2", "st-3", "cat-1"), 3);
        Gen<String> currency = pick("", "NOK", "EUR");
        Gen<Boolean> occurred = Gens.booleans();
        return in -> {
            Obj won = Obj.of("type", "SaleWon", "tenantId", TENANT, "saleId", sale.generate(in), "wonDate", date.generate(in),
                    "userId", user.generate(in), "groupId", group.generate(in));
            Object rev = revision.generate(in);
            won = rev == Json.NULL ? won : won.with("revision", rev);
            Object a = amount.generate(in);
            Object p = amount.generate(in);
            Obj result = a == Json.NULL ? won : won.with("amount", a);
            result = p == Json.NULL ? result : result.with("profit", p);
            String code = currency.generate(in);
            result = code.isEmpty() ? result : result.with("currency", code);
            Map<String, String> dims = dimensions.generate(in);
            if (!dims.isEmpty()) {
                List<Map.Entry<String, Object>> entries = new ArrayList<>();
                dims.forEach((list, item) -> entries.add(Map.entry(list, item)));
                result = result.with("dimensions", new Obj(entries));
            }
            return occurred.generate(in) ? result.with("occurredAt", "2026-03-14T09:12:00Z") : result;
        };
    }

    /** Amounts and profits within the contract: up to 1e15 in magnitude, up to 10 decimals (trailing zeros and exponents aside). */
    static Gen<Object> amounts() {
        return frequency(
                of(6, Gens.longs(-100_000_000_000_000L, 100_000_000_000_000L).zip(Gens.integers(0, 10), (unscaled, scale) ->
                        (Object) new Num(new BigDecimal(BigInteger.valueOf(unscaled), scale).toPlainString()))),
                of(2, pick("0", "-0", "0.1", "0.2", "1e15", "-1e15", "1E+15", "999999999999999.9999999999", "12E+3",
                        "1.500000000000000", "0.0000000001", "-0.0000000001", "1000000000000000", "2.5e-3", "0e-500")
                        .map(literal -> (Object) new Num(literal))));
    }

    static Gen<Obj> validRetracted() {
        return pick(SALES).zip(frequency(of(1, constant(-1L)), of(2, Gens.longs(0, 6))), Gens.booleans(), (sale, revision, occurred) -> {
            Obj retracted = Obj.of("type", "SaleRetracted", "tenantId", TENANT, "saleId", sale);
            retracted = revision < 0 ? retracted : retracted.with("revision", new Num(Long.toString(revision)));
            return occurred ? retracted.with("occurredAt", "2026-03-14T09:12:00Z") : retracted;
        });
    }

    /** Values each field must not have (contract section 4, docs/decisions.md); a field marked required must not be missing. */
    static final Map<String, List<Object>> BAD_VALUES = badValues();

    private static Map<String, List<Object>> badValues() {
        List<Object> ids = List.of("a/b", "a b", "", "x".repeat(65), new Num("5"), "\u00e9", "a\u0000", Boolean.TRUE, List.of("x"));
        List<Object> amounts = List.of("12.5", new Num("1e16"), new Num("1000000000000000.1"), new Num("-1000000000000000.0000000001"),
                new Num("0.00000000001"), Boolean.TRUE, List.of(new Num("1")), Obj.of("a", new Num("1")), new Num("1E+2147483647"));
        Map<String, List<Object>> bad = new LinkedHashMap<>();
        bad.put("type", List.of("SaleLost", "", "saleWon", new Num("1"), Json.NULL, List.of("SaleWon")));
        bad.put("tenantId", ids);
        bad.put("saleId", ids);
        bad.put("userId", ids);
        bad.put("groupId", ids);
        bad.put("wonDate", List.of("14.03.2026", "2026-02-30", "2026-13-01", "1999-12-31", "2101-01-01", new Num("20260314"), "2026-3-14",
                "", "+12026-01-01", "-0001-01-01", Json.NULL, "2026-03-14T09:12:00Z"));
        bad.put("amount", amounts);
        bad.put("profit", amounts);
        bad.put("revision", List.of(new Num("-1"), new Num("1.5"), "3", new Num("9223372036854775808"), new Num("1e3"), Boolean.FALSE));
        bad.put("currency", List.of("nok", "NOKK", new Num("3"), "", "N0K"));
        bad.put("dimensions", List.of(Obj.of("Sale Type", "st-1"), Obj.of("sale-type", "st 1"), Obj.of("sale-type", Json.NULL),
                Obj.of("sale-type", new Num("5")), "st-1", List.of(), Obj.of("", "x"), Obj.of("sale-type", "a/b"),
                Obj.of("sale-type", "st-1", "sale-type", "st-2")));
        bad.put("occurredAt", List.of("yesterday", new Num("5"), "2026-03-14", "2026-03-14T25:00:00Z"));
        return bad;
    }

    static final List<String> REQUIRED_OF_WON = List.of("type", "tenantId", "saleId", "wonDate", "userId", "groupId");
    static final List<String> REQUIRED_OF_RETRACTED = List.of("type", "tenantId", "saleId");

    /** A valid record with one field that breaks the contract, or without one it requires: dead-lettered. */
    static Gen<Input> brokenField() {
        Gen<Input> wrongValue = Gens.<Boolean>weighted(3, true, 1, false).zip(pick(new ArrayList<>(BAD_VALUES.keySet())), Map::entry)
                .flatMap(choice -> {
                    boolean isWon = choice.getKey();
                    String field = choice.getValue();
                    boolean applies = isWon || List.of("type", "tenantId", "saleId", "revision", "occurredAt").contains(field);
                    Gen<Obj> valid = isWon || !applies ? validWon() : validRetracted();
                    // the key follows the record, so that the field is what is wrong (or the key, when the field is an id)
                    return valid.zip(pick(BAD_VALUES.get(field)), (record, bad) ->
                            input("bad " + field, Expect.DEAD_LETTER, key(record), record.with(field, bad)));
                });
        Gen<Input> missing = Gens.booleans().flatMap(isWon -> (isWon ? validWon() : validRetracted()).zip(
                pick(isWon ? REQUIRED_OF_WON : REQUIRED_OF_RETRACTED),
                (record, field) -> input("no " + field, Expect.DEAD_LETTER, key(record), record.without(field))));
        Gen<Input> duplicate = validWon().map(record -> input("a field twice", Expect.DEAD_LETTER, key(record),
                record.plus("userId", record.get("userId"))));
        Gen<Input> trailing = validWon().map(record -> new Input("text after the record", Expect.DEAD_LETTER,
                bytes(key(record)), bytes(Json.write(record) + " x"), List.of()));
        return frequency(of(6, wrongValue), of(3, missing), of(1, duplicate), of(1, trailing));
    }

    /** A valid record under a key that is not {@code <its tenant>/<its sale>}: dead-lettered. */
    static Gen<Input> brokenKey() {
        Gen<Obj> record = Gens.oneOf(validWon(), validRetracted());
        return record.zip(pick("none", TENANT, TENANT + "/s-1/x", "/s-1", TENANT + "/", TENANT + "/s 1", "other/s-1",
                TENANT + "/s-9", TENANT + "\\s-1", "", "bytes"), (sale, key) -> {
                    byte[] bytes = switch (key) {
                        case "none" -> null;
                        case "bytes" -> new byte[] {'T', (byte) 0xc3, (byte) 0x28, '/', 's'};
                        default -> bytes(key);
                    };
                    return new Input("bad key " + key, Expect.DEAD_LETTER, bytes, bytes(Json.write(sale)), List.of());
                });
    }

    /** Values that are no sale record at all: dead-lettered. */
    static Gen<Input> notARecord() {
        return pick(SALES).zip(pick("not json", "", " ", "null", "[]", "\"SaleWon\"", "{}", "1", "true",
                "{\"type\":\"SaleWon\"}", "{\"type\":\"SaleRetracted\",\"tenantId\":\"" + TENANT + "\"}", "{\"type\":null}", "{\"tenantId\":\"x\"",
                "\uFEFF\uFEFF{}", "{\"type\":\"SaleWon\",\"type\":\"SaleRetracted\"}"), (sale, value) ->
                new Input("not a record", Expect.DEAD_LETTER, bytes(TENANT + "/" + sale), bytes(value), List.of()));
    }

    /** Anything: a valid record mutated anywhere, any JSON, broken texts, bytes, deep nesting, many dimensions, any key. */
    static Gen<Input> arbitrary() {
        return frequency(
                of(6, validWon().flatMap(won -> Hostile.mutations(won).map(mutated ->
                        new Input("mutated", Expect.EITHER, bytes(key(won)), bytes(Json.write(mutated)), List.of())))),
                of(2, validRetracted().flatMap(retracted -> Hostile.mutations(retracted).map(mutated ->
                        new Input("mutated", Expect.EITHER, bytes(key(retracted)), bytes(Json.write(mutated)), List.of())))),
                of(2, pick(SALES).zip(Hostile.values(), (sale, value) ->
                        new Input("any JSON", Expect.EITHER, bytes(TENANT + "/" + sale), bytes(Json.write(value)), List.of()))),
                of(1, validWon().flatMap(won -> Hostile.brokenTexts(Json.write(won)).map(text ->
                        new Input("broken text", Expect.EITHER, bytes(key(won)), bytes(text), List.of())))),
                of(1, pick(SALES).zip(Hostile.bytes(), (sale, value) ->
                        new Input("bytes", Expect.EITHER, bytes(TENANT + "/" + sale), value, List.of()))),
                of(1, pick(SALES).zip(Hostile.deepNesting(), (sale, text) ->
                        new Input("deeply nested", Expect.EITHER, bytes(TENANT + "/" + sale), bytes(text), List.of()))),
                of(1, validWon().zip(pick(10, 64, 100, 101, 1_000, 40_000), (won, size) ->
                        new Input(size + " dimensions", Expect.EITHER, bytes(key(won)), bytes(Json.write(won.with("dimensions", dimensions(size)))),
                                List.of()))),
                of(1, validWon().zip(Hostile.strings(), (won, key) ->
                        new Input("any key", Expect.EITHER, bytes(key), bytes(Json.write(won)), List.of()))));
    }

    private static Obj dimensions(int size) {
        List<Map.Entry<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            entries.add(Map.entry(i == 0 ? "sale-type" : "list-" + i, i == 0 ? "st-1" : "item-" + i));
        }
        return new Obj(entries);
    }

    /** Mostly none; else one or two headers of any name, with any value or none. */
    static Gen<List<Map.Entry<String, byte[]>>> headers() {
        Gen<Map.Entry<String, byte[]>> header = Hostile.strings().zip(frequency(of(1, constant((byte[]) null)), of(3, Hostile.bytes())),
                (name, value) -> (Map.Entry<String, byte[]>) new AbstractMap.SimpleImmutableEntry<>(name, value));
        return frequency(of(5, constant(List.of())), of(1, Gens.lists(header, 1, 2)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes with every {@link #TENANT} replaced by the try's tenant. */
    private static byte[] replaced(byte[] data, String tenant) {
        if (data == null) {
            return null;
        }
        byte[] from = bytes(TENANT);
        byte[] to = bytes(tenant);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 16);
        for (int i = 0; i < data.length; i++) {
            if (i + from.length <= data.length && Arrays.equals(data, i, i + from.length, from, 0, from.length)) {
                out.writeBytes(to);
                i += from.length - 1;
            } else {
                out.write(data[i]);
            }
        }
        return out.toByteArray();
    }
}
