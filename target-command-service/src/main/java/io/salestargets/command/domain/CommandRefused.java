package io.salestargets.command.domain;

import io.salestargets.events.InvalidInputException;

/**
 * A command that the rules, rights or licences refuse. Nothing was stored. (A command whose input breaks
 * the contract is refused with {@link io.salestargets.events.InvalidInputException} instead.)
 */
public class CommandRefused extends RuntimeException {

    /** Why; each maps to one problem type of the API. */
    public enum Reason {
        FORBIDDEN,
        LICENSE_REQUIRED,
        NOT_FOUND,
        TARGET_LOCKED,
        INTERVAL_MISMATCH,
        VERSION_CONFLICT,
        DUPLICATE
    }

    private final Reason reason;

    public CommandRefused(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
