package io.salestargets.command.rest;

import io.quarkus.security.Authenticated;
import io.salestargets.command.api.CopyRequest;
import io.salestargets.command.api.CopyYearRequest;
import io.salestargets.command.api.PlanRequest;
import io.salestargets.command.api.PlanningAnswer;
import io.salestargets.command.service.TargetPlanning;
import io.salestargets.events.access.Caller;
import io.salestargets.events.targets.RowPath;
import io.salestargets.service.Callers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Bulk planning of a year and target type ({@code ?item=} for list types): {@code .../plan},
 * {@code .../copy} and {@code .../copy-year}. Each sets many rows in one transaction, one TargetSet per
 * changed row, and answers what it changed, what it left unchanged and which locked rows it skipped.
 */
@Path(TargetRowsResource.BASE + "/{year}/{typeId}")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Bulk planning")
@SecurityRequirement(name = "bearer")
public class TargetPlanningResource {

    private static final String ALL_OR_NOTHING = " All rows in one transaction: any refusal (validation, rights, "
            + "licences, interval) refuses the whole request and writes nothing; locked rows are skipped and reported. "
            + "Each changed row emits one TargetSet with the reason, as PUT does; each row needs the rights PUT needs. "
            + "At most " + TargetPlanning.MAX_ROWS + " rows.";

    private final Callers callers;
    private final TargetPlanning planning;

    public TargetPlanningResource(Callers callers, TargetPlanning planning) {
        this.callers = callers;
        this.planning = planning;
    }

    @POST
    @Path("/plan")
    @Operation(summary = "Set rows from yearly amounts", description = "Each row's values from its yearly amount, split over "
            + "the interval's periods evenly, by the working days (Monday to Friday) of each month, or by the row's monthly "
            + "actuals of the year before (read from the progress projector with the caller's token). Values have 2 decimals "
            + "(whole numbers for COUNT) and sum exactly to the yearly amount: the remainder of rounding goes to the periods "
            + "with the largest remainders." + ALL_OR_NOTHING)
    @APIResponse(responseCode = "200", description = "What changed, what did not, which locked rows were skipped",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanningAnswer.class)))
    @APIResponse(responseCode = "400", description = "Invalid, naming each field at fault (rows[2].yearly); "
            + "last-year for a row without actuals that year (rows[2].split)")
    @APIResponse(responseCode = "403", description = "A row readable but not changeable, or a licence missing")
    @APIResponse(responseCode = "404", description = "Unknown type, or a row the caller may not read")
    @APIResponse(responseCode = "409", description = "Another interval than the year's (interval-mismatch)")
    @APIResponse(responseCode = "503", description = "last-year asked, and the progress projector cannot be reached")
    public Response plan(@PathParam("year") String year, @PathParam("typeId") String typeId, @QueryParam("item") String item,
            PlanRequest request, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(description = Writing.IDEMPOTENCY_KEY_DESCRIPTION) @HeaderParam(Writing.IDEMPOTENCY_KEY) String key) {
        Caller caller = callers.current();
        RowPath plan = RowPath.plan(year, typeId, item);
        return Writing.response(planning.plan(caller, plan, TargetRowsResource.BASE, request, authorization,
                Writing.idempotency(key, "POST", uri(plan, "/plan"), request)));
    }

    @POST
    @Path("/copy")
    @Operation(summary = "Copy a row to other rows", description = "The values of one row (of any year and type the caller "
            + "may read) on each row named, every value changed by changePercent: the changed total, rounded half up to the "
            + "cent (whole for COUNT), split in the source's pattern so that the values sum exactly to it. Company and group "
            + "rows take the source's currency." + ALL_OR_NOTHING)
    @APIResponse(responseCode = "200", description = "What changed, what did not, which locked rows were skipped",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanningAnswer.class)))
    @APIResponse(responseCode = "400", description = "Invalid, naming each field at fault (to[1].groupId)")
    @APIResponse(responseCode = "403", description = "A row readable but not changeable, or a licence missing")
    @APIResponse(responseCode = "404", description = "Unknown type, no source row, or a row the caller may not read")
    @APIResponse(responseCode = "409", description = "The source's interval is not the year's (interval-mismatch)")
    public Response copy(@PathParam("year") String year, @PathParam("typeId") String typeId, @QueryParam("item") String item,
            CopyRequest request,
            @Parameter(description = Writing.IDEMPOTENCY_KEY_DESCRIPTION) @HeaderParam(Writing.IDEMPOTENCY_KEY) String key) {
        Caller caller = callers.current();
        RowPath plan = RowPath.plan(year, typeId, item);
        return Writing.response(planning.copy(caller, plan, TargetRowsResource.BASE, request,
                Writing.idempotency(key, "POST", uri(plan, "/copy"), request)));
    }

    @POST
    @Path("/copy-year")
    @Operation(summary = "Copy the year before", description = "Every row of the year before of this type (and item) that "
            + "the caller may read, on the same owner in this year, every value changed by changePercent as for copy; user "
            + "rows keep their group, company and group rows their currency. The body may be left out (no change, no "
            + "reason). A row the caller may read but not change is skipped and reported (forbidden), as a locked one is."
            + ALL_OR_NOTHING)
    @APIResponse(responseCode = "200", description = "What changed, what did not, which rows were skipped (locked, or not "
            + "the caller's to change)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanningAnswer.class)))
    @APIResponse(responseCode = "400", description = "Invalid (changePercent), or more rows than one request may copy")
    @APIResponse(responseCode = "403", description = "A licence missing")
    @APIResponse(responseCode = "404", description = "Unknown type")
    @APIResponse(responseCode = "409", description = "The year before has another interval than this year (interval-mismatch)")
    public Response copyYear(@PathParam("year") String year, @PathParam("typeId") String typeId, @QueryParam("item") String item,
            CopyYearRequest request,
            @Parameter(description = Writing.IDEMPOTENCY_KEY_DESCRIPTION) @HeaderParam(Writing.IDEMPOTENCY_KEY) String key) {
        Caller caller = callers.current();
        RowPath plan = RowPath.plan(year, typeId, item);
        return Writing.response(planning.copyYear(caller, plan, TargetRowsResource.BASE, request,
                Writing.idempotency(key, "POST", uri(plan, "/copy-year"), request)));
    }

    /** The request's path, with its item, for the idempotency key. */
    private static String uri(RowPath plan, String action) {
        return TargetRowsResource.BASE + "/" + plan.year() + "/" + plan.typeId() + action
                + (plan.item() == null ? "" : "?item=" + plan.item());
    }
}
