package io.salestargets.localstack.testing.properties;

import static io.salestargets.localstack.testing.properties.Gens.constant;
import static io.salestargets.localstack.testing.properties.Gens.frequency;
import static io.salestargets.localstack.testing.properties.Gens.integers;
import static io.salestargets.localstack.testing.properties.Gens.of;
import static io.salestargets.localstack.testing.properties.Gens.pick;

import io.salestargets.localstack.testing.properties.Json.Num;
import io.salestargets.localstack.testing.properties.Json.Obj;
import io.salestargets.localstack.testing.properties.Json.Raw;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.quicktheories.core.Gen;

/**
 * What a hostile or broken client sends, as QuickTheories generators ({@link Gens}): strings (any character, control
 * characters, lone surrogates, injections, near-valid ids), numbers (huge, tiny, extreme exponents,
 * a thousand digits), any JSON value, mutations of a valid document, texts that are not JSON, random
 * bytes, deep nesting and path segments. docs/security.md, "Property-based tests".
 */
public final class Hostile {

    /** Strings that have broken parsers, validators, databases and logs before. */
    public static final List<String> NASTY = List.of(
            "", " ", "  \t", "null", "true", "0", "-1", "NaN", "\u0000", "a\u0000b", "\uFEFF", "\uFEFFa", "\ud800",
            "a\udc00", "\udbff\udfff", "\ud83d\ude00", "\ud834\udd1e", "\u202e", "\u2028", "\u00df", "\u0130", "\u00f8",
            "\u0645\u0631\u062d\u0628\u0627", "../..", "..", ".", "/", "//", "%2F", "%00", "%", "%zz", "a/b", "a b", "a\tb",
            "a\r\nX-Injected: 1", "'", "\"", "\\", "'; DROP TABLE events; --", "${jndi:ldap://127.0.0.1/a}", "#{1+1}",
            "<script>alert(1)</script>", "MONTH", "QUARTER", "month", "WEEK", "AMOUNT", "COUNT", "PROFIT", "NOK", "nok",
            "XXX", "EURO", "all", "ALL", "company", "g-north", "u-anna", "u-boss", "sale-type", "st-3", "all-sales-amount",
            "2026", "2026-03-14", "2026-02-30", "2026-13-01", "1999-12-31", "2101-01-01", "9999-12-31", "+999999999-12-31",
            "-999999999-01-01", "2026-03-14T09:12:00Z", "1e400", "9".repeat(64), "x".repeat(64), "x".repeat(65),
            "\ud83d\ude00".repeat(300), "r".repeat(500), "r".repeat(501), "N".repeat(100), "N".repeat(101));

    /** Number literals at the edges: signs, exponents beyond any scale, precision beyond any long. */
    public static final List<String> EDGE_NUMBERS = List.of(
            "0", "-0", "0.0", "-0.0", "0e0", "0E-2", "0.000000000000000000000", "1", "-1", "0.1", "0.01", "0.001", "1.005",
            "12.345", "0.10", "1.50", "1.000000000000000", "10000.00", "2.5E+1", "1E+2", "1e1", "1e12", "1e+12", "1E12",
            "1000000000000", "1000000000000.00", "1000000000000.01", "999999999999.99", "1e13", "1e15", "1E+15", "-1e15",
            "1000000000000000", "1000000000000000.1", "1e16", "0.0000000001", "0.00000000001", "1.5000000000000",
            "12E+3", "1e309", "-1e309", "1e-400", "4.9e-324", "1.7976931348623157e308", "2147483647", "2147483648",
            "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "123456789012345678901234567890", "123456789012345678901234567890.123456789", "0e-10000", "0e+10000",
            "0E+2147483647", "0E-2147483647", "1E+2147483647", "1E-2147483647", "1e-2147483648", "1e2147483648",
            "-0e-99999", "1e-99999", "5e-1", "0.99e1");

    /** Literals that are not JSON: a conforming parser refuses them. */
    public static final List<String> INVALID_LITERALS = List.of(
            "NaN", "Infinity", "-Infinity", "+1", "01", "-01", ".5", "1.", "-", "1e", "1e+", "0x1F", "1_000", "--1",
            "1.2.3", "undefined", "True", "NULL", "'single'", "\"unterminated", "{", "[", "]", "}", ":", ",", "/* c */ 1",
            "// c\n1", "1 2", "\"a\" \"b\"", "\u00a01");

    private Hostile() {
    }

    /** Any string: random characters of the whole range, ASCII, control characters, long ones, {@link #NASTY}, near-ids. */
    public static Gen<String> strings() {
        return frequency(
                of(3, Gens.strings(Gens.anyChar(), 0, 40)),
                of(3, Gens.strings(Gens.ascii(), 0, 40)),
                of(1, Gens.strings(Gens.chars('\u0000', '\u001f'), 1, 5)),
                of(1, Gens.strings(Gens.anyChar(), 100, 2000)),
                of(3, pick(NASTY)),
                of(4, spiked()),
                of(3, idLike()));
    }

    /** A plausible text with one character that breaks something inserted: NUL, a lone surrogate, a BOM, a line break. */
    public static Gen<String> spiked() {
        Gen<String> text = pick("Sale type", "g-north", "Budget 2026", "x", "NOK", "Anna");
        Gen<Character> spike = pick('\u0000', '\ud800', '\udfff', '\ufeff', '\ufffe', '\uffff', '\n', '\r', '\u202e', '\u0085', '\u001b', '\u007f');
        Gen<Integer> position = integers(0, 12);
        return text.zip(spike, position, Hostile::inserted);
    }

    /**
     * Strings near the ids' patterns ({@code [A-Za-z0-9][A-Za-z0-9._:-]{0,63}}, {@code [a-z0-9][a-z0-9-]{0,63}}):
     * mostly their characters, lengths around the limit, sometimes one character outside them.
     */
    public static Gen<String> idLike() {
        Gen<String> close = Gens.strings(Gens.charsOf("abcxyzABZ019._:-"), 1, 70);
        Gen<String> typeLike = Gens.strings(Gens.charsOf("abcz09-"), 1, 66);
        Gen<String> oneOff = close.zip(pick('/', ' ', '%', '?', '#', '\u00e9', '\u0000', '_', '+', '~', '@'), integers(0, 70),
                Hostile::inserted);
        return frequency(of(3, close), of(2, typeLike), of(2, oneOff));
    }

    private static String inserted(String text, char c, int at) {
        int i = Math.min(at, text.length());
        return text.substring(0, i) + c + text.substring(i);
    }

    /** Number literals: small and large whole numbers, decimals of any scale, exponents, {@link #EDGE_NUMBERS}, a thousand digits. */
    public static Gen<Num> numbers() {
        Gen<String> decimals = Gens.longs(-1_000_000_000_000_000L, 1_000_000_000_000_000L).zip(integers(0, 14),
                (unscaled, scale) -> new BigDecimal(BigInteger.valueOf(unscaled), scale).toPlainString());
        Gen<String> exponents = integers(-99, 99).zip(pick("e", "E", "e+", "e-", "E-"),
                frequency(of(3, integers(0, 20)), of(1, integers(0, Integer.MAX_VALUE))),
                (mantissa, e, exponent) -> mantissa + e + exponent);
        Gen<String> digits = Gens.strings(Gens.digits(), 19, 60).map(d -> "1" + d);
        Gen<String> thousand = integers(990, 1010).map(n -> "7".repeat(n));
        return Gens.<String>frequency(
                of(3, integers(-1000, 100_000).map(n -> String.valueOf(n))),
                of(3, decimals),
                of(1, Gens.longs().map(n -> String.valueOf(n))),
                of(1, digits),
                of(2, exponents),
                of(5, pick(EDGE_NUMBERS)),
                of(1, thousand)).map(Num::new);
    }

    /** A JSON scalar, or (rarely) a literal that is not JSON. */
    public static Gen<Object> scalars() {
        return frequency(
                of(1, constant(Json.NULL)),
                of(1, pick(Boolean.TRUE, Boolean.FALSE)),
                of(3, numbers()),
                of(3, strings()),
                of(1, pick(INVALID_LITERALS).map(Raw::new)));
    }

    /** Any JSON value: scalars, arrays and objects nested up to four levels. */
    public static Gen<Object> values() {
        Gen<Integer> depth = integers(0, 4);
        return in -> nested(depth.generate(in)).generate(in);
    }

    private static Gen<Object> nested(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Gen<Object> inner = nested(depth - 1);
        return frequency(of(2, inner), of(1, Gens.lists(inner, 0, 5).map(list -> (Object) list)), of(1, objects(inner)));
    }

    /** Field names: the ones a document has, and hostile ones. */
    public static Gen<String> keys(List<String> known) {
        return known.isEmpty() ? strings() : frequency(of(2, pick(known)), of(1, strings()));
    }

    private static Gen<Object> objects(Gen<Object> values) {
        Gen<Map.Entry<String, Object>> field = keys(List.of("type", "id", "name", "value", "values")).zip(values, Map::entry);
        return Gens.lists(field, 0, 5).map(fields -> (Object) new Obj(new ArrayList<>(fields)));
    }

    /**
     * One to three changes of a valid document, each anywhere in it: a field removed, its value
     * replaced (by any JSON value, a number or a string), added, or given twice; an array's entry
     * changed, removed or added, or the array resized; the whole replaced.
     */
    public static Gen<Object> mutations(Obj valid) {
        List<String> known = valid.fields().stream().map(Map.Entry::getKey).toList();
        Gen<Integer> times = integers(1, 3);
        return in -> {
            Object document = valid;
            for (int n = times.generate(in); n > 0; n--) {
                document = mutateOnce(document, known).generate(in);
            }
            return document;
        };
    }

    /** A valid document with one field's value replaced by a hostile scalar, mostly a string. */
    public static Gen<Obj> oneField(Obj valid) {
        Gen<Object> scalar = frequency(of(4, strings()), of(1, scalars()));
        return integers(0, valid.fields().size() - 1).zip(scalar, (i, value) -> replaced(valid, i, value));
    }

    private static Gen<Object> mutateOnce(Object value, List<String> known) {
        if (value instanceof Obj obj && !obj.fields().isEmpty()) {
            int size = obj.fields().size();
            Gen<Integer> index = integers(0, size - 1);
            return frequency(
                    of(4, index.flatMap(i -> mutateOnce(obj.fields().get(i).getValue(), known).map(changed -> (Object) replaced(obj, i, changed)))),
                    of(2, index.map(i -> (Object) removed(obj, i))),
                    of(1, keys(known).zip(values(), (key, added) -> (Object) obj.plus(key, added))),
                    of(1, index.zip(values(), (i, other) -> (Object) obj.plus(obj.fields().get(i).getKey(), other))),
                    of(1, values()));
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            Gen<Integer> index = integers(0, list.size() - 1);
            return frequency(
                    of(4, index.flatMap(i -> mutateOnce(list.get(i), known).map(changed -> (Object) replaced(list, i, changed)))),
                    of(1, index.map(i -> (Object) removed(list, i))),
                    of(1, index.zip(values(), (i, added) -> (Object) inserted(list, i, added))),
                    of(1, pick(0, 1, 3, 4, 5, 11, 12, 13, 100, 5000).map(n -> (Object) resized(list, n))),
                    of(1, values()));
        }
        return frequency(
                of(2, scalars()),
                of(2, numbers()),
                of(2, strings()),
                of(1, values()));
    }

    /**
     * Texts that are not the document, or not JSON at all: cut short, with garbage after it, a BOM,
     * comments, single quotes, NaN for a number, two documents, an empty body.
     */
    public static Gen<String> brokenTexts(String validText) {
        Gen<Integer> cut = integers(0, Math.max(0, validText.length() - 1));
        Gen<String> invalid = pick(INVALID_LITERALS);
        return frequency(
                of(2, cut.map(i -> validText.substring(0, i))),
                of(1, invalid.map(garbage -> validText + garbage)),
                of(1, invalid.map(literal -> validText.replaceFirst("[0-9]+(\\.[0-9]+)?", literal))),
                of(1, cut.zip(invalid, (i, garbage) -> validText.substring(0, i) + garbage + validText.substring(i))),
                of(1, pick("\uFEFF" + validText, validText.replace('"', '\''), "/* c */" + validText,
                        validText + validText, "[" + validText + "]", "", " ", "\n", "null", "{}", "[]", "\"\"", "0", "true")));
    }

    /**
     * Request bodies around the valid ones: valid, mutated, any JSON value, broken texts, random
     * bytes, deep nesting, and bodies at and over the 64 KiB limit (a long field, a long array, padding).
     */
    public static Gen<Body> bodies(Gen<Obj> valid) {
        return frequency(
                of(1, valid.map(document -> Body.json("valid", document))),
                of(6, valid.flatMap(Hostile::mutations).map(document -> Body.json("mutated", document))),
                of(3, valid.flatMap(Hostile::oneField).map(document -> Body.json("one field", document))),
                of(2, values().map(document -> Body.json("any JSON", document))),
                of(1, valid.flatMap(document -> brokenTexts(Json.write(document))).map(text -> Body.text("broken", text))),
                of(1, bytes().map(bytes -> new Body("bytes", bytes))),
                of(1, deepNesting().map(text -> Body.text("deeply nested", text))),
                of(1, valid.zip(pick(65_536, 65_537, 70_000), pick("reason", "values", "padding"), Hostile::large)));
    }

    /** A valid document made {@code bytes} long (or as near as a long field or array gets) by {@code how}. */
    private static Body large(Obj valid, int bytes, String how) {
        int room = Math.max(0, bytes - Json.write(valid).getBytes(StandardCharsets.UTF_8).length);
        String text = switch (how) {
            case "reason" -> Json.write(valid.with("reason", "r".repeat(Math.max(0, room - 12))));
            case "values" -> Json.write(valid.with("values", Collections.nCopies(Math.max(1, room / 2), new Num("1"))));
            default -> " ".repeat(room) + Json.write(valid);
        };
        return Body.text("large, by " + how, text);
    }

    /** Header values: hostile strings without the line breaks that would end the header (and so the request's head). */
    public static Gen<String> headerValues() {
        return strings().map(text -> text.replaceAll("[\\r\\n]", "").replaceAll("[\\x00-\\x08\\x0b-\\x1f\\x7f]", "")
                .replaceAll("\\p{Cs}", "?").strip());
    }

    /** Bytes of no particular encoding, sometimes starting like a document. */
    public static Gen<byte[]> bytes() {
        Gen<byte[]> random = Gens.bytes(300);
        return frequency(
                of(3, random),
                of(1, random.map(tail -> concat("{\"type\":\"".getBytes(StandardCharsets.UTF_8), tail))),
                of(1, pick(new byte[] {(byte) 0xff, (byte) 0xfe, '{', 0, '}', 0}, new byte[] {(byte) 0xc3, (byte) 0x28},
                        new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}, new byte[] {'{', '"', (byte) 0xc0, (byte) 0xaf, '"', ':', '1', '}'},
                        new byte[] {0}, new byte[0])));
    }

    /** Arrays and objects nested {@code depth} deep: within a 64 KiB body, far beyond any parser's nesting limit. */
    public static Gen<String> deepNesting() {
        return integers(1, 20_000).zip(pick("[", "{\"a\":", "{\"values\":["), (depth, open) -> {
            String close = switch (open) {
                case "[" -> "]";
                case "{\"a\":" -> "}";
                default -> "]}";
            };
            int fit = Math.min(depth, 60_000 / (open.length() + close.length()));
            return open.repeat(fit) + "1" + close.repeat(fit);
        });
    }

    /**
     * A path segment as it stands in a request line: mostly a valid one, else a hostile string
     * percent-encoded, or raw (ASCII without spaces and line breaks: the request line stays one line),
     * or bytes that no request line should carry.
     */
    public static Gen<String> pathSegments(List<String> valid) {
        // mostly valid: a path of three or four segments is then often valid but for one, or valid altogether
        return frequency(
                of(14, pick(valid)),
                of(3, strings().map(Hostile::percentEncoded)),
                of(2, idLike().map(Hostile::percentEncoded)),
                of(2, Gens.strings(Gens.chars('!', '~'), 0, 30)),
                of(1, pick("", ".", "..", "%2e%2e", "%2F", "a%2Fb", "%00", "%", "%zz", "%c3%28", "%ed%a0%80", ";a=b",
                        "a;b", "~", "%20", "+", "*", "\u00e9", "\ud83d\ude00", "a b", "a\tb", "a\r\nX-Injected: 1")));
    }

    /** A path segment: mostly one of the valid ones, sometimes a near miss, else anything ({@link #pathSegments}). */
    public static Gen<String> pathSegments(List<String> valid, List<String> nearMisses) {
        return frequency(of(4, pick(valid)), of(1, pick(nearMisses)), of(2, pathSegments(valid)));
    }

    /**
     * Query strings: none, the endpoint's own parameters with valid or hostile values, unknown ones, repeated
     * ones. A listed value goes mostly as a client sends it, percent-encoded ({@code +} as {@code %2B}, {@code :}
     * as {@code %3A}), sometimes raw (a {@code +} then reads as a space).
     */
    public static Gen<String> queries(Map<String, List<String>> parameters) {
        List<String> names = new ArrayList<>(parameters.keySet());
        Gen<String> name = frequency(of(4, pick(names)), of(1, strings().map(Hostile::percentEncoded)));
        Gen<String> pair = name.flatMap(n -> {
            Gen<String> listed = pick(parameters.getOrDefault(n, List.of("x")));
            return Gens.<String>frequency(
                    of(2, listed.map(Hostile::percentEncoded)),
                    of(1, listed),
                    of(3, strings().map(Hostile::percentEncoded)),
                    of(1, Gens.strings(Gens.charsOf(QUERY_CHARACTERS), 0, 20)))
                    .map(v -> n + "=" + v);
        });
        return frequency(
                of(3, constant("")),
                of(4, pair.map(p -> "?" + p)),
                of(2, Gens.lists(pair, 2, 4).map(pairs -> "?" + String.join("&", pairs))),
                of(1, pick("?", "?&", "?item", "?item=", "?asOf", "?asOf=", "?=", "?item=a&item=b", "??", "?#")));
    }

    /** The visible ASCII characters but {@code #} and {@code &}, raw in a query's value. */
    private static final String QUERY_CHARACTERS = visibleAsciiBut("#&");

    private static String visibleAsciiBut(String excluded) {
        StringBuilder chars = new StringBuilder();
        for (char c = '!'; c <= '~'; c++) {
            if (excluded.indexOf(c) < 0) {
                chars.append(c);
            }
        }
        return chars.toString();
    }

    /**
     * Dates as a client writes them ({@code YYYY-MM-DD}): mostly around the contract's years (1998 to 2102), else
     * any {@code LocalDate} (years to ±999999999), the edges ({@code +999999999-12-31}, {@code -999999999-01-01},
     * {@code 0000-01-01}, {@code 1999-12-31}, {@code 2101-01-01}, ...), or any string.
     */
    public static Gen<String> dates() {
        Gen<String> near = integers(1998, 2102).zip(integers(1, 12), integers(1, 31),
                (year, month, day) -> LocalDate.of(year, month, Math.min(day, YearMonth.of(year, month).lengthOfMonth())).toString());
        Gen<String> any = Gens.longs(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay()).map(day -> LocalDate.ofEpochDay(day).toString());
        return frequency(of(4, near), of(2, any), of(3, pick(DATE_EDGES)), of(1, strings()));
    }

    /** Dates at the edges of the contract's years and of {@code LocalDate}, and near misses of the format. */
    public static final List<String> DATE_EDGES = List.of("2026-03-14", "2026-12-31", "2000-01-01", "2100-12-31", "1999-12-31", "2101-01-01", "0000-01-01",
            "+999999999-12-31", "-999999999-01-01", "9999-12-31", "+10000-01-01", "2024-02-29", "2026-02-29", "2026-13-01",
            "20260314", "2026-3-14", "2026-03-14T00:00:00Z", "");

    /**
     * Instants as a client writes them (ISO-8601 with {@code Z} or an offset): mostly around the contract's years
     * (1999 to 2101 in UTC, any offset from -18:00 to +18:00, with or without nanoseconds), else any {@code Instant}
     * (years to ±1000000000), the edges, or any string.
     */
    public static Gen<String> instants() {
        long from = LocalDate.of(1999, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long to = LocalDate.of(2102, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        Gen<ZoneOffset> offset = frequency(of(3, constant(ZoneOffset.UTC)),
                of(2, integers(-18 * 3600, 18 * 3600).map(seconds -> ZoneOffset.ofTotalSeconds(seconds / 60 * 60))));
        Gen<Integer> nanos = frequency(of(3, constant(0)), of(1, integers(0, 999_999_999)));
        Gen<String> near = Gens.longs(from, to).zip(nanos, offset, (seconds, nano, zone) -> DateTimeFormatter.ISO_OFFSET_DATE_TIME
                .format(Instant.ofEpochSecond(seconds, nano).atOffset(zone)));
        Gen<String> any = Gens.longs(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()).zip(nanos,
                (seconds, nano) -> Instant.ofEpochSecond(seconds, nano).toString());
        return frequency(of(4, near), of(2, any), of(3, pick(INSTANT_EDGES)), of(1, strings()));
    }

    /** Instants at the edges of the contract's years (UTC, with offsets) and of {@code Instant}, and near misses. */
    public static final List<String> INSTANT_EDGES = List.of("2000-01-01T00:00:00Z", "2100-12-31T23:59:59.999999999Z",
            "1999-12-31T23:59:59.999999999Z", "2101-01-01T00:00:00Z", "2000-01-01T00:30:00+01:00", "1999-12-31T23:00:00-01:00",
            "2101-01-01T00:59:59+01:00", "2100-12-31T23:00:00-01:00", "0000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z",
            "+1000000001-01-01T00:00:00Z", "2026-06-30T02:00:00+02:00", "2026-06-30T00:00:00+18:00", "2026-06-30T00:00:00+19:00",
            "2026-06-30", "2026-06-30T00:00:00", "2026-06-30T24:00:00Z", "2026-06-30T00:00Z", "");

    /** Every byte of the text's UTF-8 except the unreserved characters of RFC 3986 as {@code %XX}. */
    public static String percentEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static Obj replaced(Obj obj, int index, Object value) {
        List<Map.Entry<String, Object>> fields = new ArrayList<>(obj.fields());
        fields.set(index, Map.entry(fields.get(index).getKey(), value));
        return new Obj(fields);
    }

    private static Obj removed(Obj obj, int index) {
        List<Map.Entry<String, Object>> fields = new ArrayList<>(obj.fields());
        fields.remove(index);
        return new Obj(fields);
    }

    private static List<Object> replaced(List<?> list, int index, Object value) {
        List<Object> changed = new ArrayList<>(list);
        changed.set(index, value);
        return changed;
    }

    private static List<Object> removed(List<?> list, int index) {
        List<Object> changed = new ArrayList<>(list);
        changed.remove(index);
        return changed;
    }

    private static List<Object> inserted(List<?> list, int index, Object value) {
        List<Object> changed = new ArrayList<>(list);
        changed.add(index, value);
        return changed;
    }

    private static List<Object> resized(List<?> list, int size) {
        return new ArrayList<>(Collections.nCopies(size, list.get(0)));
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
