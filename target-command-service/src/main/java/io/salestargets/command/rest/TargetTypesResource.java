package io.salestargets.command.rest;

import io.quarkus.security.Authenticated;
import io.salestargets.command.api.AddTargetTypeRequest;
import io.salestargets.command.api.TargetTypeView;
import io.salestargets.command.service.TargetQueries;
import io.salestargets.command.service.TargetTypeCommands;
import io.salestargets.events.Fields;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.access.Caller;
import io.salestargets.service.Callers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/target-types")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Target types")
@SecurityRequirement(name = "bearer")
public class TargetTypesResource {

    private final Callers callers;
    private final TargetQueries queries;
    private final TargetTypeCommands commands;

    public TargetTypesResource(Callers callers, TargetQueries queries, TargetTypeCommands commands) {
        this.callers = callers;
        this.queries = queries;
        this.commands = commands;
    }

    @GET
    @Operation(summary = "The tenant's target types", description = "The built-in \"All sales - Amount\" first, then the added ones by name.")
    public List<TargetTypeView> list() {
        return queries.types(callers.current());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One target type")
    @APIResponse(responseCode = "200", description = "The type")
    @APIResponse(responseCode = "400", description = "Not a type id (problem validation, field id)")
    @APIResponse(responseCode = "404", description = "No such type (problem not-found)")
    public TargetTypeView get(@PathParam("id") String id) {
        Caller caller = callers.current();
        // like every id in a path (RowPath): checked before it reaches the database, which refuses some strings (NUL)
        Fields.requireTypeId("id", id);
        return queries.type(caller, id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a target type", description = "Needs the sales-targets-unlimited licence and the targets-admin "
            + "functional right. Its dimension and unit never change. Emits TargetTypeAdded.")
    @APIResponse(responseCode = "201", description = "Added; Location names it")
    @APIResponse(responseCode = "400", description = "Invalid (problem validation, with the field at fault)")
    @APIResponse(responseCode = "403", description = "No licence (license-required) or no right (forbidden)")
    @APIResponse(responseCode = "409", description = "Same id, or same dimension and unit, as an existing type (duplicate)")
    public Response add(AddTargetTypeRequest request,
            @Parameter(description = Writing.IDEMPOTENCY_KEY_DESCRIPTION)
            @HeaderParam(Writing.IDEMPOTENCY_KEY) String idempotencyKey) {
        Caller caller = callers.current();
        if (request == null) {
            throw new InvalidInputException("body", "is required");
        }
        return Writing.response(commands.add(caller, request.command(),
                Writing.idempotency(idempotencyKey, "POST", "/api/v1/target-types", request)));
    }
}
