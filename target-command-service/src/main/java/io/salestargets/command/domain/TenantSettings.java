package io.salestargets.command.domain;

import java.time.Instant;

/**
 * A tenant's settings that the rules of target rows take as input.
 *
 * @param reasonRequiredAfterUnlock every change of a row that was once unlocked without a reason must say why
 */
public record TenantSettings(boolean reasonRequiredAfterUnlock) {

    /** What a tenant that never changed its settings has. */
    public static final TenantSettings DEFAULTS = new TenantSettings(false);

    /** The settings as a tenant last changed them: when, and by whom. */
    public record Changed(TenantSettings settings, Instant at, String by) {
    }
}
