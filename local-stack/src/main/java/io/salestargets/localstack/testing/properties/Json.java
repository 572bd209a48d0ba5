package io.salestargets.localstack.testing.properties;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON documents as the property-based tests build them: a tree of {@link #NULL}, {@link Boolean},
 * {@link String}, {@link Num}, {@link List} and {@link Obj}, plus {@link Raw} text that is written as
 * it is (and so may make the document invalid). Unlike a JSON library's tree it keeps what a hostile
 * client can send: duplicate keys, number literals of any size, lone surrogates, control characters.
 */
public final class Json {

    /** JSON {@code null} (Java null never appears in a tree, so that lists of values can hold it). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private Json() {
    }

    /** A number, written exactly as its literal: {@code -0}, {@code 1e400}, a thousand digits. */
    public record Num(String literal) {
        @Override
        public String toString() {
            return literal;
        }
    }

    /** Text written verbatim: {@code NaN}, {@code 'single'}, half a document. */
    public record Raw(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** An object: its fields in order, a key possibly more than once. */
    public record Obj(List<Map.Entry<String, Object>> fields) {

        public Obj {
            fields = List.copyOf(fields);
        }

        public static Obj of(Object... keysAndValues) {
            List<Map.Entry<String, Object>> fields = new ArrayList<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                fields.add(Map.entry((String) keysAndValues[i], keysAndValues[i + 1]));
            }
            return new Obj(fields);
        }

        /** The value of the first field named {@code key}, or null when there is none. */
        public Object get(String key) {
            return fields.stream().filter(field -> field.getKey().equals(key)).map(Map.Entry::getValue).findFirst().orElse(null);
        }

        /** This object with {@code key} set to {@code value}: in place of the first such field, else appended. */
        public Obj with(String key, Object value) {
            List<Map.Entry<String, Object>> changed = new ArrayList<>(fields);
            for (int i = 0; i < changed.size(); i++) {
                if (changed.get(i).getKey().equals(key)) {
                    changed.set(i, Map.entry(key, value));
                    return new Obj(changed);
                }
            }
            changed.add(Map.entry(key, value));
            return new Obj(changed);
        }

        /** This object with one more field, even if the key is there already. */
        public Obj plus(String key, Object value) {
            List<Map.Entry<String, Object>> changed = new ArrayList<>(fields);
            changed.add(Map.entry(key, value));
            return new Obj(changed);
        }

        public Obj without(String key) {
            return new Obj(fields.stream().filter(field -> !field.getKey().equals(key)).toList());
        }

        @Override
        public String toString() {
            return write(this);
        }
    }

    /** The document's text. Only {@link Raw} parts can make it invalid JSON. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null || value == NULL) {
            out.append("null");
        } else if (value instanceof Boolean || value instanceof Num || value instanceof Raw) {
            out.append(value);
        } else if (value instanceof Number number) {
            out.append(number);
        } else if (value instanceof String text) {
            string(text, out);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Obj obj) {
            out.append('{');
            for (int i = 0; i < obj.fields().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(obj.fields().get(i).getKey(), out);
                out.append(':');
                write(obj.fields().get(i).getValue(), out);
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    /**
     * A JSON string: quotes, backslashes and control characters escaped, surrogate pairs as they are
     * (UTF-8 of the character), a lone surrogate as its {@code \}{@code uXXXX} escape (valid JSON that
     * no UTF-8 text can carry otherwise).
     */
    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
