package io.salestargets.progress.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.salestargets.events.json.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares two {@link ProgressTopic}s, view by view and field by field, and says where they differ in the words of a
 * reader of the topic: the key, the field ({@code periods[3].actual}, counting from 0), what was expected and what was found.
 *
 * <ul>
 *   <li>{@link Decimals#NUMERIC}: numbers equal as numbers ({@code 1.50} is {@code 1.5}), everything else as written. For
 *       version 1, whose decimal scales depend on the history (a retracted {@code 0.25} leaves {@code 0.00}).</li>
 *   <li>{@link Decimals#EXACT}: the JSON texts equal character for character (a difference is still shown field by
 *       field, where there is one).</li>
 * </ul>
 *
 * <p>{@code TargetAttained} records are compared by publication, in key order within one (the tasks of one publication
 * may send them in any order), on the same terms.
 */
public final class ViewComparison {

    /** How decimals compare. */
    public enum Decimals { NUMERIC, EXACT }

    /**
     * One difference.
     *
     * @param key      the record's key on {@code targets.progress} ({@code ...#attained @n} for a TargetAttained of the n-th publication)
     * @param field    the JSON path in the record ({@code total.actual}), or {@code (record)} when one side has none
     */
    public record Difference(String key, String field, String expected, String actual) {

        @Override
        public String toString() {
            return key + " " + field + ": expected " + expected + ", found " + actual;
        }
    }

    private static final int SHOWN = 25;
    /** The product's mapper, reading decimals as written: Jackson's trees strip their trailing zeros by default. */
    private static final ObjectMapper READER = EventJson.mapper().copy()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private ViewComparison() {
    }

    public static List<Difference> differences(ProgressTopic expected, ProgressTopic actual, Decimals decimals) {
        List<Difference> differences = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(expected.views().keySet());
        keys.addAll(actual.views().keySet());
        for (String key : keys) {
            compare(key, expected.views().get(key), actual.views().get(key), decimals, differences);
        }
        List<ProgressTopic.Attained> expectedAttained = sorted(expected.attained());
        List<ProgressTopic.Attained> actualAttained = sorted(actual.attained());
        TreeSet<String> attainedKeys = new TreeSet<>();
        expectedAttained.forEach(record -> attainedKeys.add(attainedKey(record)));
        actualAttained.forEach(record -> attainedKeys.add(attainedKey(record)));
        for (String key : attainedKeys) {
            compare(key, find(expectedAttained, key), find(actualAttained, key), decimals, differences);
        }
        return differences;
    }

    /** Fails, listing the differences (the first {@value #SHOWN}), unless there are none. */
    public static void assertSame(String what, ProgressTopic expected, ProgressTopic actual, Decimals decimals) {
        List<Difference> differences = differences(expected, actual, decimals);
        if (differences.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(what + ": " + differences.size() + " difference(s) (" + decimals + " decimals)");
        differences.stream().limit(SHOWN).forEach(difference -> message.append("\n  ").append(difference));
        if (differences.size() > SHOWN) {
            message.append("\n  ...");
        }
        throw new AssertionError(message.toString());
    }

    private static List<ProgressTopic.Attained> sorted(List<ProgressTopic.Attained> attained) {
        return attained.stream().sorted(Comparator.comparingInt(ProgressTopic.Attained::publication)
                .thenComparing(ProgressTopic.Attained::key)).toList();
    }

    private static String attainedKey(ProgressTopic.Attained record) {
        return record.key() + " @" + record.publication();
    }

    /** The JSON of a key's records joined (one a publication is expected; a second shows as a difference). */
    private static String find(List<ProgressTopic.Attained> attained, String key) {
        List<String> found = attained.stream().filter(record -> attainedKey(record).equals(key)).map(ProgressTopic.Attained::json).toList();
        return found.isEmpty() ? null : found.size() == 1 ? found.get(0) : found.toString();
    }

    private static void compare(String key, String expected, String actual, Decimals decimals, List<Difference> differences) {
        if (Objects.equals(expected, actual)) {
            return;
        }
        if (expected == null || actual == null) {
            differences.add(new Difference(key, "(record)", expected == null ? "none" : expected, actual == null ? "none" : actual));
            return;
        }
        int before = differences.size();
        compare(key, "", tree(expected), tree(actual), decimals, differences);
        if (decimals == Decimals.EXACT && differences.size() == before) {
            differences.add(new Difference(key, "(text)", expected, actual)); // the same fields, written otherwise
        }
    }

    private static void compare(String key, String path, JsonNode expected, JsonNode actual, Decimals decimals,
            List<Difference> differences) {
        if (expected.isNumber() && actual.isNumber()) {
            boolean same = decimals == Decimals.NUMERIC ? expected.decimalValue().compareTo(actual.decimalValue()) == 0
                    : expected.decimalValue().toPlainString().equals(actual.decimalValue().toPlainString());
            if (!same) {
                differences.add(new Difference(key, path, expected.toString(), actual.toString()));
            }
        } else if (expected.isObject() && actual.isObject()) {
            TreeSet<String> fields = new TreeSet<>();
            expected.fieldNames().forEachRemaining(fields::add);
            actual.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                String at = path.isEmpty() ? field : path + "." + field;
                JsonNode e = expected.get(field);
                JsonNode a = actual.get(field);
                if (e == null || a == null) {
                    differences.add(new Difference(key, at, e == null ? "no field" : e.toString(), a == null ? "no field" : a.toString()));
                } else {
                    compare(key, at, e, a, decimals, differences);
                }
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext(); i++) {
                compare(key, path + "[" + i + "]", e.next(), a.next(), decimals, differences);
            }
        } else if (!expected.equals(actual)) {
            differences.add(new Difference(key, path, expected.toString(), actual.toString()));
        }
    }

    private static JsonNode tree(String json) {
        try {
            return READER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
