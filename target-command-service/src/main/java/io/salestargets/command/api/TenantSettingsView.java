package io.salestargets.command.api;

import io.salestargets.command.domain.TenantSettings;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The tenant's settings ({@code GET /api/v1/settings}); {@code updatedAt} and {@code updatedBy} are null while it has the defaults. */
@Schema(name = "TenantSettings", example = """
        {"reasonRequiredAfterUnlock":true,"updatedAt":"2026-11-26T10:00:00Z","updatedBy":"u-boss"}""")
public record TenantSettingsView(
        @Schema(description = "Every change (set, lock, unlock, remove) of a row once unlocked without a reason must carry a reason")
        boolean reasonRequiredAfterUnlock,
        Instant updatedAt,
        String updatedBy) {

    public static TenantSettingsView of(TenantSettings.Changed changed) {
        return new TenantSettingsView(changed.settings().reasonRequiredAfterUnlock(), changed.at(), changed.by());
    }

    public static TenantSettingsView defaults() {
        return new TenantSettingsView(TenantSettings.DEFAULTS.reasonRequiredAfterUnlock(), null, null);
    }
}
