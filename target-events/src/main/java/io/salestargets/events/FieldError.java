package io.salestargets.events;

/**
 * What is wrong with one field of a record, key, path, header or request body: the field as a JSON
 * path ({@code values[3]}, {@code target.year}, {@code key}; empty when the whole input is at fault) and
 * what is wrong with it.
 */
public record FieldError(String field, String message) {

    public FieldError {
        field = field == null ? "" : field;
    }

    /** The same fault, seen from an enclosing object whose field {@code prefix} holds this one. */
    public FieldError within(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        String path = field.isEmpty() ? prefix : field.startsWith("[") ? prefix + field : prefix + "." + field;
        return new FieldError(path, message);
    }

    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
