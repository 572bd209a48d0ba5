package io.salestargets.localstack.testing.properties;

import io.salestargets.localstack.testing.properties.Json.Num;
import io.salestargets.localstack.testing.properties.Json.Obj;
import io.salestargets.localstack.testing.properties.Json.Raw;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * What a hostile or broken client sends, as jqwik arbitraries: strings (any character, control
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
    public static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(3, Arbitraries.strings().ascii().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(5)),
                Tuple.of(1, Arbitraries.strings().all().ofMinLength(100).ofMaxLength(2000)),
                Tuple.of(3, Arbitraries.of(NASTY)),
                Tuple.of(4, spiked()),
                Tuple.of(3, idLike()));
    }

    /** A plausible text with one character that breaks something inserted: NUL, a lone surrogate, a BOM, a line break. */
    public static Arbitrary<String> spiked() {
        return Combinators.combine(Arbitraries.of("Sale type", "g-north", "Budget 2026", "x", "NOK", "Anna"),
                Arbitraries.of('\u0000', '\ud800', '\udfff', '\ufeff', '\ufffe', '\uffff', '\n', '\r', '\u202e', '\u0085', '\u001b', '\u007f'),
                Arbitraries.integers().between(0, 12)).as((text, c, at) -> {
                    int i = Math.min(at, text.length());
                    return text.substring(0, i) + c + text.substring(i);
                });
    }

    /**
     * Strings near the ids' patterns ({@code [A-Za-z0-9][A-Za-z0-9._:-]{0,63}}, {@code [a-z0-9][a-z0-9-]{0,63}}):
     * mostly their characters, lengths around the limit, sometimes one character outside them.
     */
    public static Arbitrary<String> idLike() {
        Arbitrary<String> close = Arbitraries.strings().withChars("abcxyzABZ019._:-").ofMinLength(1).ofMaxLength(70);
        Arbitrary<String> typeLike = Arbitraries.strings().withChars("abcz09-").ofMinLength(1).ofMaxLength(66);
        Arbitrary<String> oneOff = Combinators.combine(close, Arbitraries.of('/', ' ', '%', '?', '#', '\u00e9', '\u0000', '_', '+', '~', '@'),
                Arbitraries.integers().between(0, 70)).as((id, c, at) -> {
                    int i = Math.min(at, id.length());
                    return id.substring(0, i) + c + id.substring(i);
                });
        return Arbitraries.frequencyOf(Tuple.of(3, close), Tuple.of(2, typeLike), Tuple.of(2, oneOff));
    }

    /** Number literals: small and large whole numbers, decimals of any scale, exponents, {@link #EDGE_NUMBERS}, a thousand digits. */
    public static Arbitrary<Num> numbers() {
        Arbitrary<String> decimals = Combinators.combine(Arbitraries.longs().between(-1_000_000_000_000_000L, 1_000_000_000_000_000L),
                Arbitraries.integers().between(0, 14)).as((unscaled, scale) -> new java.math.BigDecimal(
                        java.math.BigInteger.valueOf(unscaled), scale).toPlainString());
        Arbitrary<String> exponents = Combinators.combine(Arbitraries.integers().between(-99, 99),
                Arbitraries.of("e", "E", "e+", "e-", "E-"), Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.integers().between(0, 20)),
                        Tuple.of(1, Arbitraries.integers().between(0, Integer.MAX_VALUE))))
                .as((mantissa, e, exponent) -> mantissa + e + exponent);
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(19).ofMaxLength(60).map(d -> "1" + d);
        Arbitrary<String> thousand = Arbitraries.integers().between(990, 1010).map(n -> "7".repeat(n));
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(-1000, 100_000).map(String::valueOf)),
                Tuple.of(3, decimals),
                Tuple.of(1, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(1, digits),
                Tuple.of(2, exponents),
                Tuple.of(5, Arbitraries.of(EDGE_NUMBERS)),
                Tuple.of(1, thousand)).map(Num::new);
    }

    /** A JSON scalar, or (rarely) a literal that is not JSON. */
    public static Arbitrary<Object> scalars() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Json.NULL)),
                Tuple.of(1, Arbitraries.of(Boolean.TRUE, Boolean.FALSE)),
                Tuple.of(3, numbers()),
                Tuple.of(3, strings()),
                Tuple.of(1, Arbitraries.of(INVALID_LITERALS).map(Raw::new)));
    }

    /** Any JSON value: scalars, arrays and objects nested up to four levels. */
    public static Arbitrary<Object> values() {
        return Arbitraries.recursive(Hostile::scalars, inner -> Arbitraries.frequencyOf(
                Tuple.of(2, inner),
                Tuple.of(1, inner.list().ofMaxSize(5).map(list -> (Object) list)),
                Tuple.of(1, objects(inner))), 0, 4);
    }

    /** Field names: the ones a document has, and hostile ones. */
    public static Arbitrary<String> keys(List<String> known) {
        return known.isEmpty() ? strings() : Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.of(known)), Tuple.of(1, strings()));
    }

    private static Arbitrary<Object> objects(Arbitrary<Object> values) {
        return Combinators.combine(keys(List.of("type", "id", "name", "value", "values")), values).as(Map::entry)
                .list().ofMaxSize(5).map(fields -> (Object) new Obj(new ArrayList<>(fields)));
    }

    /**
     * One to three changes of a valid document, each anywhere in it: a field removed, its value
     * replaced (by any JSON value, a number or a string), added, or given twice; an array's entry
     * changed, removed or added, or the array resized; the whole replaced.
     */
    public static Arbitrary<Object> mutations(Obj valid) {
        List<String> known = valid.fields().stream().map(Map.Entry::getKey).toList();
        return Arbitraries.integers().between(1, 3).flatMap(times -> mutated(valid, times, known));
    }

    /** A valid document with one field's value replaced by a hostile scalar, mostly a string. */
    public static Arbitrary<Obj> oneField(Obj valid) {
        Arbitrary<Object> scalar = Arbitraries.frequencyOf(Tuple.of(4, strings().map(text -> (Object) text)), Tuple.of(1, scalars()));
        return Combinators.combine(Arbitraries.integers().between(0, valid.fields().size() - 1), scalar)
                .as((i, value) -> replaced(valid, i, value));
    }

    private static Arbitrary<Object> mutated(Object document, int times, List<String> known) {
        if (times == 0) {
            return Arbitraries.just(document);
        }
        return mutateOnce(document, known).flatMap(changed -> mutated(changed, times - 1, known));
    }

    private static Arbitrary<Object> mutateOnce(Object value, List<String> known) {
        if (value instanceof Obj obj && !obj.fields().isEmpty()) {
            int size = obj.fields().size();
            Arbitrary<Integer> index = Arbitraries.integers().between(0, size - 1);
            return Arbitraries.frequencyOf(
                    Tuple.of(4, index.flatMap(i -> mutateOnce(obj.fields().get(i).getValue(), known)
                            .map(changed -> (Object) replaced(obj, i, changed)))),
                    Tuple.of(2, index.map(i -> (Object) removed(obj, i))),
                    Tuple.of(1, Combinators.combine(keys(known), values()).as((key, added) -> (Object) obj.plus(key, added))),
                    Tuple.of(1, Combinators.combine(index, values()).as((i, other) -> (Object) obj.plus(obj.fields().get(i).getKey(), other))),
                    Tuple.of(1, values()));
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            Arbitrary<Integer> index = Arbitraries.integers().between(0, list.size() - 1);
            return Arbitraries.frequencyOf(
                    Tuple.of(4, index.flatMap(i -> mutateOnce(list.get(i), known).map(changed -> (Object) replaced(list, i, changed)))),
                    Tuple.of(1, index.map(i -> (Object) removed(list, i))),
                    Tuple.of(1, Combinators.combine(index, values()).as((i, added) -> (Object) inserted(list, i, added))),
                    Tuple.of(1, Arbitraries.of(0, 1, 3, 4, 5, 11, 12, 13, 100, 5000).map(n -> (Object) resized(list, n))),
                    Tuple.of(1, values()));
        }
        return Arbitraries.frequencyOf(
                Tuple.of(2, scalars()),
                Tuple.of(2, numbers().map(n -> (Object) n)),
                Tuple.of(2, strings().map(s -> (Object) s)),
                Tuple.of(1, values()));
    }

    /**
     * Texts that are not the document, or not JSON at all: cut short, with garbage after it, a BOM,
     * comments, single quotes, NaN for a number, two documents, an empty body.
     */
    public static Arbitrary<String> brokenTexts(String validText) {
        Arbitrary<Integer> cut = Arbitraries.integers().between(0, Math.max(0, validText.length() - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(2, cut.map(i -> validText.substring(0, i))),
                Tuple.of(1, Arbitraries.of(INVALID_LITERALS).map(garbage -> validText + garbage)),
                Tuple.of(1, Arbitraries.of(INVALID_LITERALS).map(literal -> validText.replaceFirst("[0-9]+(\\.[0-9]+)?", literal))),
                Tuple.of(1, Combinators.combine(cut, Arbitraries.of(INVALID_LITERALS)).as((i, garbage) ->
                        validText.substring(0, i) + garbage + validText.substring(i))),
                Tuple.of(1, Arbitraries.of("\uFEFF" + validText, validText.replace('"', '\''), "/* c */" + validText,
                        validText + validText, "[" + validText + "]", "", " ", "\n", "null", "{}", "[]", "\"\"", "0", "true")));
    }

    /**
     * Request bodies around the valid ones: valid, mutated, any JSON value, broken texts, random
     * bytes, deep nesting, and bodies at and over the 64 KiB limit (a long field, a long array, padding).
     */
    public static Arbitrary<Body> bodies(Arbitrary<Obj> valid) {
        return Arbitraries.frequencyOf(
                Tuple.of(1, valid.map(document -> Body.json("valid", document))),
                Tuple.of(6, valid.flatMap(Hostile::mutations).map(document -> Body.json("mutated", document))),
                Tuple.of(3, valid.flatMap(Hostile::oneField).map(document -> Body.json("one field", document))),
                Tuple.of(2, values().map(document -> Body.json("any JSON", document))),
                Tuple.of(1, valid.flatMap(document -> brokenTexts(Json.write(document))).map(text -> Body.text("broken", text))),
                Tuple.of(1, bytes().map(bytes -> new Body("bytes", bytes))),
                Tuple.of(1, deepNesting().map(text -> Body.text("deeply nested", text))),
                Tuple.of(1, Combinators.combine(valid, Arbitraries.of(65_536, 65_537, 70_000), Arbitraries.of("reason", "values", "padding"))
                        .as(Hostile::large)));
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
    public static Arbitrary<String> headerValues() {
        return strings().map(text -> text.replaceAll("[\\r\\n]", "").replaceAll("[\\x00-\\x08\\x0b-\\x1f\\x7f]", "")
                .replaceAll("\\p{Cs}", "?").strip());
    }

    /** Bytes of no particular encoding, sometimes starting like a document. */
    public static Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        return Arbitraries.frequencyOf(
                Tuple.of(3, random),
                Tuple.of(1, random.map(tail -> concat("{\"type\":\"".getBytes(StandardCharsets.UTF_8), tail))),
                Tuple.of(1, Arbitraries.of(new byte[] {(byte) 0xff, (byte) 0xfe, '{', 0, '}', 0}, new byte[] {(byte) 0xc3, (byte) 0x28},
                        new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}, new byte[] {'{', '"', (byte) 0xc0, (byte) 0xaf, '"', ':', '1', '}'},
                        new byte[] {0}, new byte[0])));
    }

    /** Arrays and objects nested {@code depth} deep: within a 64 KiB body, far beyond any parser's nesting limit. */
    public static Arbitrary<String> deepNesting() {
        return Combinators.combine(Arbitraries.integers().between(1, 20_000), Arbitraries.of("[", "{\"a\":", "{\"values\":["))
                .as((depth, open) -> {
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
    public static Arbitrary<String> pathSegments(List<String> valid) {
        // mostly valid: a path of three or four segments is then often valid but for one, or valid altogether
        return Arbitraries.frequencyOf(
                Tuple.of(14, Arbitraries.of(valid)),
                Tuple.of(3, strings().map(Hostile::percentEncoded)),
                Tuple.of(2, idLike().map(Hostile::percentEncoded)),
                Tuple.of(2, Arbitraries.strings().withCharRange('!', '~').ofMaxLength(30)),
                Tuple.of(1, Arbitraries.of("", ".", "..", "%2e%2e", "%2F", "a%2Fb", "%00", "%", "%zz", "%c3%28", "%ed%a0%80", ";a=b",
                        "a;b", "~", "%20", "+", "*", "\u00e9", "\ud83d\ude00", "a b", "a\tb", "a\r\nX-Injected: 1")));
    }

    /** A path segment: mostly one of the valid ones, sometimes a near miss, else anything ({@link #pathSegments}). */
    public static Arbitrary<String> pathSegments(List<String> valid, List<String> nearMisses) {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(valid)), Tuple.of(1, Arbitraries.of(nearMisses)),
                Tuple.of(2, pathSegments(valid)));
    }

    /** Query strings: none, the endpoint's own parameters with valid or hostile values, unknown ones, repeated ones. */
    public static Arbitrary<String> queries(Map<String, List<String>> parameters) {
        List<String> names = new ArrayList<>(parameters.keySet());
        Arbitrary<String> name = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(names)),
                Tuple.of(1, strings().map(Hostile::percentEncoded)));
        Arbitrary<String> pair = name.flatMap(n -> Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(parameters.getOrDefault(n, List.of("x")))),
                Tuple.of(3, strings().map(Hostile::percentEncoded)),
                Tuple.of(1, Arbitraries.strings().withCharRange('!', '~').excludeChars('#', '&').ofMaxLength(20)))
                .map(v -> n + "=" + v));
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("")),
                Tuple.of(4, pair.map(p -> "?" + p)),
                Tuple.of(2, pair.list().ofMinSize(2).ofMaxSize(4).map(pairs -> "?" + String.join("&", pairs))),
                Tuple.of(1, Arbitraries.of("?", "?&", "?item", "?item=", "?asOf", "?asOf=", "?=", "?item=a&item=b", "??", "?#")));
    }

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
