package io.salestargets.events.json;

/**
 * A record or request body that cannot be read: not JSON, an unknown {@code type}, a missing or
 * malformed field. {@link #field()} names the field at fault as a JSON path ({@code values[3]},
 * {@code target.year}); it is empty when the whole input is at fault.
 */
public class MalformedRecordException extends RuntimeException {

    private final String field;
    private final String reason;

    public MalformedRecordException(String field, String reason, Throwable cause) {
        super(field.isEmpty() ? reason : field + ": " + reason, cause);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
