package io.salestargets.command.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.Authenticated;
import io.salestargets.command.api.ChangeReason;
import io.salestargets.command.api.HistoryEntry;
import io.salestargets.command.api.SetTargetRequest;
import io.salestargets.command.api.TargetDialogView;
import io.salestargets.command.api.TargetRowView;
import io.salestargets.command.service.Precondition;
import io.salestargets.command.service.TargetQueries;
import io.salestargets.command.service.TargetRowCommands;
import io.salestargets.events.Fields;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.access.Caller;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.targets.RowPath;
import io.salestargets.service.Callers;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Target rows: {@code /api/v1/targets/{year}/{typeId}/company}, {@code .../groups/{groupId}},
 * {@code .../users/{userId}} (plus {@code ?item=} for list types), and the target dialog of a year
 * and type.
 */
@Path(TargetRowsResource.BASE + "/{year}/{typeId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Target rows")
@SecurityRequirement(name = "bearer")
public class TargetRowsResource {

    static final String BASE = "/api/v1/targets";

    /** {@code company}, {@code groups/<groupId>} or {@code users/<userId>}. */
    private static final String ROW = "/{owner: company|groups/[^/]+|users/[^/]+}";

    /** What {@code ?asOf=} means, for every GET that takes it, and an example. */
    private static final String AS_OF = "An ISO-8601 instant, e.g. 2026-06-30T00:00:00Z (Z or an offset; years 2000 to 2100 in UTC): the state as it was known then, "
            + "replayed from the events (an instant in the future is now). Rights are those of the row's relation now.";
    private static final String AS_OF_EXAMPLE = "2026-06-30T00:00:00Z";

    private final Callers callers;
    private final TargetQueries queries;
    private final TargetRowCommands commands;

    public TargetRowsResource(Callers callers, TargetQueries queries, TargetRowCommands commands) {
        this.callers = callers;
        this.queries = queries;
        this.commands = commands;
    }

    @GET
    @Operation(summary = "The target dialog", description = "The company row, and per group its row, its users' rows and "
            + "the read-only sum of those per period. Only rows the caller may read. With asOf: the rows that existed then, "
            + "with the values, locks and groups of that time.")
    @APIResponse(responseCode = "200", description = "The dialog")
    @APIResponse(responseCode = "400", description = "Invalid (validation, e.g. field asOf)")
    public TargetDialogView dialog(@PathParam("year") String year, @PathParam("typeId") String typeId,
            @QueryParam("item") String item,
            @Parameter(description = AS_OF, example = AS_OF_EXAMPLE) @QueryParam("asOf") String asOf) {
        Caller caller = callers.current();
        RowPath plan = RowPath.plan(year, typeId, item);
        Instant instant = asOf(asOf);
        return instant == null ? queries.dialog(caller, plan) : queries.dialogAsOf(caller, plan, instant);
    }

    @GET
    @Path(ROW)
    @Operation(summary = "A target row", description = "With its version as ETag. With asOf: the row as it was known then, "
            + "its version then as ETag.")
    @APIResponse(responseCode = "200", description = "The row")
    @APIResponse(responseCode = "400", description = "Invalid (validation, e.g. field asOf)")
    @APIResponse(responseCode = "404", description = "No such row (at asOf), unknown type, or a row the caller may not read")
    public Response get(@PathParam("year") String year, @PathParam("typeId") String typeId, @PathParam("owner") String owner,
            @QueryParam("item") String item,
            @Parameter(description = AS_OF, example = AS_OF_EXAMPLE) @QueryParam("asOf") String asOf) {
        Caller caller = callers.current();
        RowPath path = RowPath.parse(year, typeId, owner, item);
        Instant instant = asOf(asOf);
        TargetRowView row = instant == null ? queries.row(caller, path) : queries.rowAsOf(caller, path, instant);
        return Response.ok(row).header("ETag", Writing.etag(row.version())).build();
    }

    @PUT
    @Path(ROW)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a row's values", description = "Creates or changes the row. Nothing changes (200, same version, "
            + "no event) when the values are those it holds. Emits TargetSet.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Changed, or unchanged")
    @APIResponse(responseCode = "400", description = "Invalid (validation, with each field at fault)")
    @APIResponse(responseCode = "403", description = "Readable but not changeable (forbidden), or licence missing (license-required)")
    @APIResponse(responseCode = "404", description = "Unknown type, or a row the caller may not read")
    @APIResponse(responseCode = "409", description = "Locked (target-locked), or another interval than the year's (interval-mismatch)")
    @APIResponse(responseCode = "412", description = "If-Match names another version (version-conflict)")
    public Response set(@BeanParam RowWrite row, SetTargetRequest request) {
        Caller caller = callers.current();
        RowPath path = row.path();
        if (request == null) {
            throw new InvalidInputException("body", "is required");
        }
        return Writing.response(commands.set(caller, path, path.uri(BASE), request.command(), Precondition.ifMatch(row.ifMatch),
                Writing.idempotency(row.idempotencyKey, "PUT", path.uri(BASE), request)));
    }

    @POST
    @Path(ROW + "/lock")
    @Operation(summary = "Lock a row", description = "Needs the lock-targets functional right and update on the row. "
            + "Already locked: 200, no event. The body, {\"reason\":\"...\"}, is optional. Emits TargetLocked.")
    @APIResponse(responseCode = "200", description = "Locked, or locked already")
    @APIResponse(responseCode = "400", description = "Invalid reason, or none where the tenant requires one (validation, field reason)")
    public Response lock(@BeanParam RowWrite row, @RequestBody(description = "Optional: why", required = false, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangeReason.class))) String body)
            throws JsonProcessingException {
        return changeLock(row, true, body);
    }

    @POST
    @Path(ROW + "/unlock")
    @Operation(summary = "Unlock a row", description = "Needs the lock-targets functional right and update on the row. "
            + "Already unlocked: 200, no event. The body, {\"reason\":\"...\"}, is optional; an unlock without a reason "
            + "makes every later change of the row need one when the tenant's setting reasonRequiredAfterUnlock is on. "
            + "Emits TargetUnlocked.")
    @APIResponse(responseCode = "200", description = "Unlocked, or unlocked already")
    @APIResponse(responseCode = "400", description = "Invalid reason, or none where the tenant requires one (validation, field reason)")
    public Response unlock(@BeanParam RowWrite row, @RequestBody(description = "Optional: why", required = false,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangeReason.class)))
            String body) throws JsonProcessingException {
        return changeLock(row, false, body);
    }

    /** Lock and unlock: one path, {@code locked} the state the caller asks for. */
    private Response changeLock(RowWrite row, boolean locked, String body) throws JsonProcessingException {
        Caller caller = callers.current();
        RowPath path = row.path();
        String reason = reasonIn(body);
        String uri = path.uri(BASE) + (locked ? "/lock" : "/unlock");
        return Writing.response(commands.changeLock(caller, path, locked, reason, Precondition.ifMatch(row.ifMatch),
                Writing.idempotency(row.idempotencyKey, "POST", uri, fingerprintOf(reason))));
    }

    @DELETE
    @Path(ROW)
    @Operation(summary = "Remove a row", description = "Needs delete on the row; a locked row is refused (409). Its history "
            + "stays. The reason is a query parameter: not every client and proxy carries the body of a DELETE. "
            + "Emits TargetRemoved.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", description = "Invalid reason, or none where the tenant requires one (validation, field reason)")
    public Response remove(@BeanParam RowWrite row,
            @Parameter(description = "Why; shown in the history and carried by TargetRemoved", example = "Merged into g-north")
            @QueryParam("reason") String reason) {
        Caller caller = callers.current();
        RowPath path = row.path();
        return Writing.response(commands.remove(caller, path, reason, Precondition.ifMatch(row.ifMatch),
                Writing.idempotency(row.idempotencyKey, "DELETE", path.uri(BASE), fingerprintOf(reason))));
    }

    @GET
    @Path(ROW + "/history")
    @Operation(summary = "A row's history", description = "Every event of the row, oldest first, with its reason, and from/to "
            + "per period for TargetSet. It outlives the row's removal. With asOf: the entries up to then (404 if none).")
    @APIResponse(responseCode = "200", description = "The history")
    @APIResponse(responseCode = "400", description = "Invalid (validation, e.g. field asOf)")
    @APIResponse(responseCode = "404", description = "No events (until asOf), unknown type, or a row the caller may not read")
    public List<HistoryEntry> history(@PathParam("year") String year, @PathParam("typeId") String typeId,
            @PathParam("owner") String owner, @QueryParam("item") String item,
            @Parameter(description = AS_OF, example = AS_OF_EXAMPLE) @QueryParam("asOf") String asOf) {
        Caller caller = callers.current();
        RowPath path = RowPath.parse(year, typeId, owner, item);
        return queries.history(caller, path, asOf(asOf));
    }

    /** The row a write names, and the headers every write of a row takes. */
    public static class RowWrite {

        @PathParam("year")
        String year;
        @PathParam("typeId")
        String typeId;
        @PathParam("owner")
        String owner;
        @QueryParam("item")
        String item;
        @Parameter(description = "The row's ETag, e.g. \"3\": refuse (412) if it changed meanwhile")
        @HeaderParam("If-Match")
        String ifMatch;
        @Parameter(description = Writing.IDEMPOTENCY_KEY_DESCRIPTION)
        @HeaderParam(Writing.IDEMPOTENCY_KEY)
        String idempotencyKey;

        RowPath path() {
            return RowPath.parse(year, typeId, owner, item);
        }
    }

    /** The instant of {@code ?asOf=} ({@link Fields#requireInstant}), null without one. */
    private static Instant asOf(String asOf) {
        return asOf == null ? null : Fields.requireInstant("asOf", asOf);
    }

    /**
     * The reason in the optional body of lock and unlock. Read here rather than by the framework, which refuses
     * (415) a POST without a Content-Type as soon as the method takes a body: such calls, without a body, stay valid.
     * A body that is not a {@link ChangeReason} is refused like any other (400, naming the field).
     */
    private static String reasonIn(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return null;
        }
        ChangeReason request = EventJson.mapper().readValue(body, ChangeReason.class);
        return request == null ? null : request.reason();
    }

    /** What tells one reason from another for an idempotency key: no reason and an empty body are the same request. */
    private static ChangeReason fingerprintOf(String reason) {
        return reason == null ? null : new ChangeReason(reason);
    }
}
