package io.salestargets.command.rest;

import io.quarkus.security.Authenticated;
import io.salestargets.command.api.TenantSettingsRequest;
import io.salestargets.command.api.TenantSettingsView;
import io.salestargets.command.service.TenantSettingsCommands;
import io.salestargets.service.Callers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/settings}: the settings of the caller's tenant (from the token). */
@Path("/api/v1/settings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tenant settings")
@SecurityRequirement(name = "bearer")
public class TenantSettingsResource {

    private final Callers callers;
    private final TenantSettingsCommands settings;

    public TenantSettingsResource(Callers callers, TenantSettingsCommands settings) {
        this.callers = callers;
        this.settings = settings;
    }

    @GET
    @Operation(summary = "The tenant's settings", description = "Anyone of the tenant may read them (those who change targets "
            + "need to know whether a reason is required). A tenant that never changed them has the defaults "
            + "(reasonRequiredAfterUnlock false, updatedAt and updatedBy null).")
    @APIResponse(responseCode = "200", description = "The settings")
    public TenantSettingsView get() {
        return settings.read(callers.current());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the tenant's settings", description = "Needs the targets-admin functional right. Every "
            + "setting is required. reasonRequiredAfterUnlock: every change (PUT, DELETE, lock, unlock) of a row whose "
            + "history has a TargetUnlocked without a reason must then carry a reason, else 400 validation, field reason.")
    @APIResponse(responseCode = "200", description = "Changed; the settings as they are now")
    @APIResponse(responseCode = "400", description = "Invalid (validation, with the field at fault)")
    @APIResponse(responseCode = "403", description = "Without targets-admin (forbidden)")
    public TenantSettingsView change(TenantSettingsRequest request) {
        return settings.change(callers.current(), request);
    }
}
