package io.salestargets.command.api;

import io.salestargets.command.domain.TenantSettings;
import io.salestargets.events.InvalidInputException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT /api/v1/settings}: every setting, each required. */
@Schema(name = "ChangeTenantSettings", example = """
        {"reasonRequiredAfterUnlock":true}""")
public record TenantSettingsRequest(
        @Schema(required = true, description = "Every change (set, lock, unlock, remove) of a row once unlocked without a "
                + "reason must carry a reason (else 400 validation, field reason)")
        Boolean reasonRequiredAfterUnlock) {

    public TenantSettings settings() {
        if (reasonRequiredAfterUnlock == null) {
            throw new InvalidInputException("reasonRequiredAfterUnlock", "is required: true or false");
        }
        return new TenantSettings(reasonRequiredAfterUnlock);
    }
}
