package io.salestargets.localstack.testing.properties;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The building blocks of the property-based tests' generators (QuickTheories {@link Gen}s; docs/security.md,
 * "Property-based tests"), where QuickTheories has none of its own: weighted choices, whole ranges with their
 * edge cases, strings of any character (lone surrogates and undefined ones included), lists and maps.
 *
 * <p>A generator is a function of QuickTheories' random draws only, so that a seed replays it and QuickTheories
 * shrinks a failing value by shrinking the draws: each choice shrinks to its first alternative, a number to
 * zero (or the bound nearest it), a string or list to its shortest.
 */
public final class Gens {

    private Gens() {
    }

    /** One alternative of {@link #frequency}: its weight and its generator. */
    public record Choice<T>(int weight, Gen<? extends T> gen) {
    }

    public static <T> Choice<T> of(int weight, Gen<? extends T> gen) {
        return new Choice<>(weight, gen);
    }

    /** One of the alternatives, each as often as its weight says; shrinks towards the first. */
    @SafeVarargs
    public static <T> Gen<T> frequency(Choice<? extends T>... choices) {
        List<Choice<? extends T>> all = List.of(choices);
        int total = all.stream().mapToInt(Choice::weight).sum();
        Gen<Integer> index = Generate.range(0, total - 1);
        return in -> {
            int at = index.generate(in);
            for (Choice<? extends T> choice : all) {
                if (at < choice.weight()) {
                    return choice.gen().generate(in);
                }
                at -= choice.weight();
            }
            throw new IllegalStateException("no choice at " + at);
        };
    }

    /** Weighted constants: {@code weighted(6, 2026, 2, 2025)}. */
    @SuppressWarnings("unchecked")
    public static <T> Gen<T> weighted(Object... weightsAndValues) {
        List<Choice<T>> choices = new ArrayList<>();
        for (int i = 0; i < weightsAndValues.length; i += 2) {
            choices.add(of((Integer) weightsAndValues[i], Generate.constant((T) weightsAndValues[i + 1])));
        }
        return frequency(choices.toArray(Choice[]::new));
    }

    public static <T> Gen<T> constant(T value) {
        return Generate.constant(value);
    }

    /** One of the values, each as often; shrinks towards the first. */
    public static <T> Gen<T> pick(List<? extends T> values) {
        List<T> copy = List.copyOf(values);
        return Generate.pick(copy);
    }

    @SafeVarargs
    public static <T> Gen<T> pick(T... values) {
        return Generate.pick(List.of(values));
    }

    /** One of the generators, each as often. */
    @SafeVarargs
    public static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Choice<T>> choices = new ArrayList<>();
        for (Gen<? extends T> gen : gens) {
            choices.add(of(1, gen));
        }
        return frequency(choices.toArray(Choice[]::new));
    }

    /**
     * Any int from {@code min} to {@code max}; one in ten is an edge case: a bound, one past it, or -1, 0, 1
     * where they are within.
     */
    public static Gen<Integer> integers(int min, int max) {
        return longs(min, max).map(Long::intValue);
    }

    /** Any long from {@code min} to {@code max}, with the edge cases of {@link #integers}. */
    public static Gen<Long> longs(long min, long max) {
        TreeSet<Long> edges = new TreeSet<>(List.of(min, max));
        for (long edge : new long[] {min == Long.MAX_VALUE ? min : min + 1, max == Long.MIN_VALUE ? max : max - 1, -1, 0, 1}) {
            if (edge >= min && edge <= max) {
                edges.add(edge);
            }
        }
        return frequency(of(9, Generate.longRange(min, max, Math.max(min, Math.min(0, max)))), of(1, pick(new ArrayList<>(edges))));
    }

    /** Any long. */
    public static Gen<Long> longs() {
        return longs(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Any char from {@code from} to {@code to}, surrogates and unassigned ones included. */
    public static Gen<Character> chars(char from, char to) {
        Gen<Integer> code = Generate.range(from, to);
        return in -> (char) code.generate(in).intValue();
    }

    /** One of the characters of {@code chars}. */
    public static Gen<Character> charsOf(String chars) {
        List<Character> all = chars.chars().mapToObj(c -> (char) c).toList();
        return pick(all);
    }

    /** Strings of {@code min} to {@code max} characters of {@code chars}. */
    public static Gen<String> strings(Gen<Character> chars, int min, int max) {
        Gen<Integer> length = integers(min, max);
        return in -> {
            int n = length.generate(in);
            StringBuilder text = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                text.append(chars.generate(in));
            }
            return text.toString();
        };
    }

    /** Any char of the whole range, U+0000 to U+FFFF. */
    public static Gen<Character> anyChar() {
        return chars(Character.MIN_VALUE, Character.MAX_VALUE);
    }

    public static Gen<Character> ascii() {
        return chars('\u0000', '\u007f');
    }

    public static Gen<Character> digits() {
        return chars('0', '9');
    }

    /** Lists of {@code min} to {@code max} values. */
    public static <T> Gen<List<T>> lists(Gen<? extends T> values, int min, int max) {
        Gen<Integer> size = integers(min, max);
        return in -> {
            int n = size.generate(in);
            List<T> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(values.generate(in));
            }
            return List.copyOf(list);
        };
    }

    /** Maps of up to {@code max} entries (a key drawn twice keeps its last value), in the order drawn. */
    public static <K, V> Gen<Map<K, V>> maps(Gen<K> keys, Gen<V> values, int max) {
        Gen<Integer> size = integers(0, max);
        return in -> {
            int n = size.generate(in);
            Map<K, V> map = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                map.put(keys.generate(in), values.generate(in));
            }
            return map;
        };
    }

    /** Byte arrays of up to {@code max} bytes of any value. */
    public static Gen<byte[]> bytes(int max) {
        return Generate.byteArrays(integers(0, max), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    /** Booleans, false first. */
    public static Gen<Boolean> booleans() {
        return Generate.booleans();
    }
}
