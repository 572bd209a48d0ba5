package io.salestargets.progress.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.json.MalformedRecordException;
import io.salestargets.events.MalformedKeyException;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.sale.SaleKey;
import io.salestargets.events.sale.SaleRecord;
import io.salestargets.events.sale.SaleRetracted;
import io.salestargets.events.sale.SaleWon;
import io.salestargets.events.target.RowId;
import io.salestargets.events.target.TargetType;
import io.salestargets.events.target.TargetTypeAdded;
import io.salestargets.events.target.Unit;
import io.salestargets.localstack.testing.properties.Hostile;
import io.salestargets.localstack.testing.properties.Json;
import io.salestargets.localstack.testing.properties.Json.Num;
import io.salestargets.localstack.testing.properties.Json.Obj;
import io.salestargets.localstack.testing.properties.RawHttp;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeTry;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Property-based tests of the sales stage (docs/security.md, "Property-based tests"), with jqwik on the
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

    @BeforeTry
    void aTenantOfItsOwn() {
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

    @AfterProperty
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
    @Property(tries = 200)
    void everyRecordIsAppliedOrDeadLetteredOnceAndTheActualsAreThoseOfTheAppliedSales(@ForAll("sequences") List<Input> records) {
        Model model = new Model();
        for (Input input : records) {
            Statistics.label("record").collect(input.kind());
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
            Statistics.label("outcome").collect(deadLetters.isEmpty() ? "read" : "dead letter");
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
            } catch (MalformedKeyException e) {
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
            } catch (MalformedRecordException e) {
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
                if (held.contains(id)) {
                    won.remove(id);
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

    @Provide
    Arbitrary<List<Input>> sequences() {
        return inputs().list().ofMinSize(2).ofMaxSize(10);
    }

    static Arbitrary<Input> inputs() {
        return Combinators.combine(Arbitraries.frequencyOf(
                Tuple.of(5, validWon().map(won -> input("SaleWon", Expect.READ, key(won), won))),
                Tuple.of(2, validRetracted().map(retracted -> input("SaleRetracted", Expect.READ, key(retracted), retracted))),
                Tuple.of(1, Arbitraries.of(SALES).map(sale -> new Input("tombstone", Expect.READ, bytes(TENANT + "/" + sale), null, List.of()))),
                Tuple.of(4, brokenField()),
                Tuple.of(1, brokenKey()),
                Tuple.of(1, notARecord()),
                Tuple.of(4, arbitrary())), headers()).as((input, headers) -> headers.isEmpty() ? input
                        : new Input(input.kind(), input.expect(), input.key(), input.value(), headers));
    }

    private static Input input(String kind, Expect expect, String key, Obj value) {
        return new Input(kind, expect, bytes(key), bytes(Json.write(value)), List.of());
    }

    private static String key(Obj record) {
        return record.get("tenantId") + "/" + record.get("saleId");
    }

    static Arbitrary<Obj> validWon() {
        Arbitrary<Object> revision = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(Json.NULL)),
                Tuple.of(3, Arbitraries.longs().between(0, 6).map(r -> (Object) new Num(Long.toString(r)))));
        Arbitrary<String> date = Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(Arbitraries.frequency(Tuple.of(6, 2026), Tuple.of(2, 2025)), Arbitraries.integers().between(1, 12),
                        Arbitraries.integers().between(1, 28)).as((y, m, d) -> LocalDate.of(y, m, d).toString())),
                Tuple.of(1, Arbitraries.of("2000-01-01", "2100-12-31", "2024-02-29", "2026-12-31", "2026-01-01")));
        Arbitrary<Obj> core = Combinators.combine(Arbitraries.of(SALES), revision, date, Arbitraries.of(USERS), Arbitraries.of(GROUPS))
                .as((sale, rev, day, user, group) -> {
                    Obj won = Obj.of("type", "SaleWon", "tenantId", TENANT, "saleId", sale, "wonDate", day, "userId", user, "groupId", group);
                    return rev == Json.NULL ? won : won.with("revision", rev);
                });
        Arbitrary<Object> amount = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Json.NULL)), Tuple.of(6, amounts()));
        Arbitrary<Map<String, String>> dimensions = Arbitraries.maps(Arbitraries.frequency(Tuple.of(4, "sale-type"),
                Tuple.of(2, "company-category"), Tuple.of(1, "all")), Arbitraries.of("st-1", "st-2", "st-3", "cat-1")).ofMaxSize(3);
        return Combinators.combine(core, amount, amount, Arbitraries.of("", "NOK", "EUR"), dimensions, Arbitraries.of(true, false))
                .as((won, a, p, currency, dims, occurred) -> {
                    Obj sale = a == Json.NULL ? won : won.with("amount", a);
                    sale = p == Json.NULL ? sale : sale.with("profit", p);
                    sale = currency.isEmpty() ? sale : sale.with("currency", currency);
                    if (!dims.isEmpty()) {
                        List<Map.Entry<String, Object>> entries = new ArrayList<>();
                        dims.forEach((list, item) -> entries.add(Map.entry(list, item)));
                        sale = sale.with("dimensions", new Obj(entries));
                    }
                    return occurred ? sale.with("occurredAt", "2026-03-14T09:12:00Z") : sale;
                });
    }

    /** Amounts and profits within the contract: up to 1e15 in magnitude, up to 10 decimals (trailing zeros and exponents aside). */
    static Arbitrary<Object> amounts() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Combinators.combine(Arbitraries.longs().between(-100_000_000_000_000L, 100_000_000_000_000L),
                        Arbitraries.integers().between(0, 10)).as((unscaled, scale) ->
                        (Object) new Num(new BigDecimal(BigInteger.valueOf(unscaled), scale).toPlainString()))),
                Tuple.of(2, Arbitraries.of("0", "-0", "0.1", "0.2", "1e15", "-1e15", "1E+15", "999999999999999.9999999999", "12E+3",
                        "1.500000000000000", "0.0000000001", "-0.0000000001", "1000000000000000", "2.5e-3", "0e-500")
                        .map(literal -> (Object) new Num(literal))));
    }

    static Arbitrary<Obj> validRetracted() {
        return Combinators.combine(Arbitraries.of(SALES), Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(-1L)),
                Tuple.of(2, Arbitraries.longs().between(0, 6))), Arbitraries.of(true, false)).as((sale, revision, occurred) -> {
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
    static Arbitrary<Input> brokenField() {
        Arbitrary<Input> wrongValue = Combinators.combine(Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false)),
                Arbitraries.of(BAD_VALUES.keySet())).flatAs((isWon, field) -> {
                    boolean applies = isWon || List.of("type", "tenantId", "saleId", "revision", "occurredAt").contains(field);
                    Arbitrary<Obj> valid = isWon || !applies ? validWon() : validRetracted();
                    return Combinators.combine(valid, Arbitraries.of(BAD_VALUES.get(field))).as((record, bad) -> {
                        // the key follows the record, so that the field is what is wrong (or the key, when the field is an id)
                        Obj broken = record.with(field, bad);
                        return input("bad " + field, Expect.DEAD_LETTER, key(record), broken);
                    });
                });
        Arbitrary<Input> missing = Arbitraries.of(true, false).flatMap(isWon -> Combinators.combine(
                isWon ? validWon() : validRetracted(), Arbitraries.of(isWon ? REQUIRED_OF_WON : REQUIRED_OF_RETRACTED))
                .as((record, field) -> input("no " + field, Expect.DEAD_LETTER, key(record), record.without(field))));
        Arbitrary<Input> duplicate = validWon().map(record -> input("a field twice", Expect.DEAD_LETTER, key(record),
                record.plus("userId", record.get("userId"))));
        Arbitrary<Input> trailing = validWon().map(record -> new Input("text after the record", Expect.DEAD_LETTER,
                bytes(key(record)), bytes(Json.write(record) + " x"), List.of()));
        return Arbitraries.frequencyOf(Tuple.of(6, wrongValue), Tuple.of(3, missing), Tuple.of(1, duplicate), Tuple.of(1, trailing));
    }

    /** A valid record under a key that is not {@code <its tenant>/<its sale>}: dead-lettered. */
    static Arbitrary<Input> brokenKey() {
        Arbitrary<Obj> record = Arbitraries.oneOf(validWon(), validRetracted());
        return Combinators.combine(record, Arbitraries.of("none", TENANT, TENANT + "/s-1/x", "/s-1", TENANT + "/", TENANT + "/s 1", "other/s-1",
                TENANT + "/s-9", TENANT + "\\s-1", "", "bytes")).as((sale, key) -> {
                    byte[] bytes = switch (key) {
                        case "none" -> null;
                        case "bytes" -> new byte[] {'T', (byte) 0xc3, (byte) 0x28, '/', 's'};
                        default -> bytes(key);
                    };
                    return new Input("bad key " + key, Expect.DEAD_LETTER, bytes, bytes(Json.write(sale)), List.of());
                });
    }

    /** Values that are no sale record at all: dead-lettered. */
    static Arbitrary<Input> notARecord() {
        return Combinators.combine(Arbitraries.of(SALES), Arbitraries.of("not json", "", " ", "null", "[]", "\"SaleWon\"", "{}", "1", "true",
                "{\"type\":\"SaleWon\"}", "{\"type\":\"SaleRetracted\",\"tenantId\":\"" + TENANT + "\"}", "{\"type\":null}", "{\"tenantId\":\"x\"",
                "\uFEFF\uFEFF{}", "{\"type\":\"SaleWon\",\"type\":\"SaleRetracted\"}")).as((sale, value) ->
                new Input("not a record", Expect.DEAD_LETTER, bytes(TENANT + "/" + sale), bytes(value), List.of()));
    }

    /** Anything: a valid record mutated anywhere, any JSON, broken texts, bytes, deep nesting, many dimensions, any key. */
    static Arbitrary<Input> arbitrary() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, validWon().flatMap(won -> Hostile.mutations(won).map(mutated ->
                        new Input("mutated", Expect.EITHER, bytes(key(won)), bytes(Json.write(mutated)), List.of())))),
                Tuple.of(2, validRetracted().flatMap(retracted -> Hostile.mutations(retracted).map(mutated ->
                        new Input("mutated", Expect.EITHER, bytes(key(retracted)), bytes(Json.write(mutated)), List.of())))),
                Tuple.of(2, Combinators.combine(Arbitraries.of(SALES), Hostile.values()).as((sale, value) ->
                        new Input("any JSON", Expect.EITHER, bytes(TENANT + "/" + sale), bytes(Json.write(value)), List.of()))),
                Tuple.of(1, validWon().flatMap(won -> Hostile.brokenTexts(Json.write(won)).map(text ->
                        new Input("broken text", Expect.EITHER, bytes(key(won)), bytes(text), List.of())))),
                Tuple.of(1, Combinators.combine(Arbitraries.of(SALES), Hostile.bytes()).as((sale, value) ->
                        new Input("bytes", Expect.EITHER, bytes(TENANT + "/" + sale), value, List.of()))),
                Tuple.of(1, Combinators.combine(Arbitraries.of(SALES), Hostile.deepNesting()).as((sale, text) ->
                        new Input("deeply nested", Expect.EITHER, bytes(TENANT + "/" + sale), bytes(text), List.of()))),
                Tuple.of(1, Combinators.combine(validWon(), Arbitraries.of(10, 64, 100, 101, 1_000, 40_000)).as((won, size) ->
                        new Input(size + " dimensions", Expect.EITHER, bytes(key(won)), bytes(Json.write(won.with("dimensions", dimensions(size)))),
                                List.of()))),
                Tuple.of(1, Combinators.combine(validWon(), Hostile.strings()).as((won, key) ->
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
    static Arbitrary<List<Map.Entry<String, byte[]>>> headers() {
        Arbitrary<Map.Entry<String, byte[]>> header = Combinators.combine(Hostile.strings(), Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((byte[]) null)), Tuple.of(3, Hostile.bytes())))
                .as((name, value) -> (Map.Entry<String, byte[]>) new AbstractMap.SimpleImmutableEntry<>(name, value));
        return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(List.of())), Tuple.of(1, header.list().ofMinSize(1).ofMaxSize(2)));
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
