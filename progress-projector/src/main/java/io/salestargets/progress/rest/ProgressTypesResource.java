package io.salestargets.progress.rest;

import io.quarkus.security.Authenticated;
import io.salestargets.events.target.TargetType;
import io.salestargets.progress.query.ProgressQueries;
import io.salestargets.service.Callers;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
    public List<TargetType> types() {
        String tenant = callers.current().tenantId();
        return queries.retrying(() -> Optional.of(queries.types(tenant)));
    }
}
