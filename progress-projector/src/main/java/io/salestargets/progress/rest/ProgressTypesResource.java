package io.salestargets.progress.rest;

import io.quarkus.security.Authenticated;
import io.salestargets.events.targets.TargetType;
import io.salestargets.progress.query.InstanceForwarder;
import io.salestargets.progress.query.ProgressQueries;
import io.salestargets.service.Callers;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The target types a dashboard can show progress for. */
@Path("/api/v1/progress/types")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Progress")
@SecurityRequirement(name = "bearer")
public class ProgressTypesResource {

    private final Callers callers;
    private final ProgressQueries queries;

    public ProgressTypesResource(Callers callers, ProgressQueries queries) {
        this.callers = callers;
        this.queries = queries;
    }

    @GET
    @Operation(summary = "The tenant's target types", description = "The built-in type and those added, as the projector knows them.")
    @APIResponse(responseCode = "200", description = "The types, by id",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TargetType.class)))
    public Response types(@HeaderParam(InstanceForwarder.FORWARDED) String forwarded, @Context UriInfo uri) {
        String tenant = callers.current().tenantId();
        return queries.answer(tenant, forwarded != null, uri.getRequestUri().getRawPath(), callers.rawToken(),
                state -> queries.types(state, tenant));
    }
}
