package io.salestargets.command.service;

import io.salestargets.command.domain.CommandRefused;
import io.salestargets.command.domain.TargetRow;
import io.salestargets.events.InvalidInputException;

/**
 * What {@code If-Match} asks of a row: a version ({@code "3"}), any existing row ({@code *}), or
 * nothing (no header). A stale version is a 412, never a silent overwrite.
 */
public record Precondition(Long version, boolean anyExisting) {

    public static final Precondition NONE = new Precondition(null, false);

    /** Reads an {@code If-Match} value: {@code "3"}, {@code W/"3"}, {@code 3} or {@code *}; null for none. */
    public static Precondition ifMatch(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        String value = header.trim();
        if (value.equals("*")) {
            return new Precondition(null, true);
        }
        String bare = value.startsWith("W/") ? value.substring(2) : value;
        bare = bare.startsWith("\"") && bare.endsWith("\"") && bare.length() >= 2 ? bare.substring(1, bare.length() - 1) : bare;
        if (!bare.matches("[0-9]{1,18}")) {
            throw new InvalidInputException("If-Match", "must be the row's ETag, e.g. \"3\", or *");
        }
        return new Precondition(Long.parseLong(bare), false);
    }

    /** True when the caller named what it expects: then a concurrent change is refused, not retried. */
    public boolean named() {
        return version != null || anyExisting;
    }

    public void check(TargetRow row) {
        if (anyExisting && !row.exists()) {
            throw new CommandRefused(CommandRefused.Reason.VERSION_CONFLICT, "If-Match: * but the row does not exist");
        }
        if (version != null && version != row.version()) {
            throw new CommandRefused(CommandRefused.Reason.VERSION_CONFLICT,
                    "If-Match names version " + version + " but the row is at version " + row.version());
        }
    }
}
