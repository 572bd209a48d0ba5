package io.salestargets.events;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input that breaks the contract, and the one type the project uses for it: a record of a topic that
 * cannot be read, a malformed Kafka key, a path, header or request body, a command's values. Each
 * {@link FieldError} names the field at fault. The services answer it as a {@code 400}
 * {@code application/problem+json} with {@code errors[]}; the projector dead-letters a record with its
 * message as the reason.
 */
public class InvalidInputException extends IllegalArgumentException {

    private static final String KEY = "key";

    private final List<FieldError> errors;

    public InvalidInputException(String field, String reason) {
        this(field, reason, null);
    }

    public InvalidInputException(String field, String reason, Throwable cause) {
        this(List.of(new FieldError(field, reason)), cause);
    }

    /** Several fields at fault at once: what a request answers with one 400. */
    public InvalidInputException(List<FieldError> errors) {
        this(errors, null);
    }

    private InvalidInputException(List<FieldError> errors, Throwable cause) {
        this(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")), errors, cause);
    }

    private InvalidInputException(String message, List<FieldError> errors, Throwable cause) {
        super(message, cause);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid input names at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /**
     * A Kafka key not of the contract's form. The message says what is wrong ({@code malformed key: ...}),
     * never the key itself: a reason goes into headers and logs, where an echo of a huge key would not fit.
     */
    public static InvalidInputException malformedKey(String reason) {
        return new InvalidInputException("malformed key: " + reason, List.of(new FieldError(KEY, reason)), null);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The (first) field at fault; empty when the whole input is at fault. */
    public String field() {
        return errors.get(0).field();
    }

    /** What is wrong with {@link #field()}. */
    public String reason() {
        return errors.get(0).message();
    }

    /** The same faults, seen from an enclosing object whose field {@code prefix} holds the input. */
    public InvalidInputException within(String prefix) {
        return new InvalidInputException(errors.stream().map(error -> error.within(prefix)).toList(), getCause());
    }
}
