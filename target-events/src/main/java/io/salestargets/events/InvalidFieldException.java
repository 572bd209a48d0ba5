package io.salestargets.events;

/**
 * A field of a record, key or request that breaks the contract: names the field (a JSON path such
 * as {@code values[3]} or {@code target.year}) and says what is wrong with it.
 */
public class InvalidFieldException extends IllegalArgumentException {

    private final String field;
    private final String reason;

    public InvalidFieldException(String field, String reason) {
        super(field == null || field.isEmpty() ? reason : field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** The field at fault, as a JSON path; empty when the whole value is at fault. */
    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }

    /** The same fault, seen from an enclosing object whose field {@code prefix} holds this one. */
    public InvalidFieldException within(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        String path = field == null || field.isEmpty() ? prefix
                : field.startsWith("[") ? prefix + field : prefix + "." + field;
        return new InvalidFieldException(path, reason);
    }
}
