package io.salestargets.command.target.domain;

import java.util.List;

/** A command that the rules, rights or licences refuse. Nothing was stored. */
public class CommandRefused extends RuntimeException {

    /** Why; each maps to one problem type of the API. */
    public enum Reason {
        INVALID,
        FORBIDDEN,
        LICENSE_REQUIRED,
        NOT_FOUND,
        TARGET_LOCKED,
        INTERVAL_MISMATCH,
        VERSION_CONFLICT,
        DUPLICATE
    }

    private final Reason reason;
    private final List<FieldError> errors;

    public CommandRefused(Reason reason, String detail) {
        this(reason, detail, List.of());
    }

    public CommandRefused(Reason reason, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.reason = reason;
        this.errors = List.copyOf(errors);
    }

    public static CommandRefused invalid(List<FieldError> errors) {
        return new CommandRefused(Reason.INVALID, errors.size() == 1 ? errors.get(0).field() + " " + errors.get(0).message()
                : errors.size() + " fields are invalid", errors);
    }

    public static CommandRefused invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public Reason reason() {
        return reason;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
