package io.salestargets.command.domain;

/**
 * A tenant's settings that the rules of target rows take as input.
 *
 * @param reasonRequiredAfterUnlock every change of a row that was once unlocked without a reason must say why
 */
public record TenantSettings(boolean reasonRequiredAfterUnlock) {

    /** What a tenant that never changed its settings has. */
    public static final TenantSettings DEFAULTS = new TenantSettings(false);
}
