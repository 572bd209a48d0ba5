package io.salestargets.progress.rest;

import io.quarkus.security.Authenticated;
import io.salestargets.events.Fields;
import io.salestargets.events.access.Caller;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.RowKey;
import io.salestargets.events.targets.RowPath;
import io.salestargets.progress.query.InstanceForwarder;
import io.salestargets.progress.query.ProgressQueries;
import io.salestargets.service.Callers;
import io.salestargets.service.Problem;
import io.salestargets.service.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Progress views (contract section 5). Any instance answers any request: {@link ProgressQueries} answers
 * from the tenant's partition here, or forwards to the instance that runs it; this resource only parses
 * and delegates.
 */
@Path("/api/v1/progress/{year}/{typeId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Progress")
@SecurityRequirement(name = "bearer")
public class ProgressResource {

    private static final String ROW = "/{owner: company|groups/[^/]+|users/[^/]+}";
    private static final String TARGETS_AS_OF = "An instant (ISO-8601, with Z or an offset; years 2000 to 2100 in UTC): the targets (values, totals, to date, pace, "
            + "targetVersion, locked, interval) as they stood then, from the row's last change at or before it (none if it had "
            + "no target then); the actuals stay those of now. Default: the targets now";

    private final Callers callers;
    private final ProgressQueries queries;
    private final LiveProgress live;
    private final Clock clock = Clock.systemUTC();

    public ProgressResource(Callers callers, ProgressQueries queries, LiveProgress live) {
        this.callers = callers;
        this.queries = queries;
        this.live = live;
    }

    @GET
    @Path(ROW)
    @Operation(summary = "An owner's progress", description = "Target and actuals per period of the row's interval (MONTH "
            + "without a row), for the year and to date, and the pace: the year-end actual projected at the run rate to date, "
            + "what is needed per working day (Monday to Friday) to reach the target, and a status (ahead from 105% of the "
            + "target to date, on-track from 95%, behind below). An owner with neither row nor sales answers zero actuals and null targets.")
    @APIResponse(responseCode = "200", description = "The progress", content = @Content(examples = @ExampleObject(name = "user", value = """
            {"tenantId":"acme","year":2026,"typeId":"all-sales-amount","level":"USER","ownerId":"u-anna","item":null,"unit":"AMOUNT",
             "interval":"MONTH","locked":false,"targetVersion":3,
             "periods":[{"period":1,"label":"2026-01","target":10000,"actual":8500.50,"attainment":0.8500}],
             "total":{"target":120000,"actual":8500.50,"attainment":0.0708},
             "toDate":{"asOf":"2026-11-26","target":108666.67,"actual":8500.50,"attainment":0.0782},
             "pace":{"projectedActual":9402.07,"workingDaysLeft":25,"neededPerWorkingDay":4459.98,"status":"behind"}}""")))
    @APIResponse(responseCode = "404", description = "Unknown type, or an owner the caller may not read")
    @APIResponse(responseCode = "503", description = "The streams are rebalancing; try again after Retry-After")
    public Uni<Response> view(@PathParam("year") String year, @PathParam("typeId") String typeId, @PathParam("owner") String owner,
            @QueryParam("item") String item,
            @Parameter(description = "YYYY-MM-DD, 2000-01-01 to 2100-12-31; default today (UTC)") @QueryParam("asOf") String asOf,
            @Parameter(description = TARGETS_AS_OF, example = "2026-06-30T00:00:00Z") @QueryParam("targetsAsOf") String targetsAsOf,
            @HeaderParam(InstanceForwarder.FORWARDED) String forwarded, @Context UriInfo uri) {
        Caller caller = callers.current();
        return queries.viewAnswer(caller, RowPath.parse(year, typeId, owner, item), asOf(asOf), targetsAsOf(targetsAsOf),
                forwarded != null, pathAndQuery(uri), callers.rawToken());
    }

    @GET
    @Path(ROW + "/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "An owner's progress, live", description = "Server-sent events: a \"progress\" event with the view "
            + "now, then one each time it changes (within a second of a sale), and a comment every 15 s to keep the connection. "
            + "Same token and rights as the view; read it with fetch() and the Authorization header (EventSource cannot send one). "
            + "A view that no longer exists comes as data null. Each view sent is read with the caller's rights, as the view is. "
            + "The stream ends with a last event named after a problem, its data the problem (application/problem+json's "
            + "body): \"token-expired\" at the token's exp (open it again with a fresh token), or the view's problem, such as "
            + "\"not-found\" once the caller may no longer read it. At most progress.live.max-streams-per-caller (5) streams "
            + "per caller and progress.live.max-streams (1000) per instance: past either, 429.")
    @APIResponse(responseCode = "200", description = "The stream", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS))
    @APIResponse(responseCode = "404", description = "Unknown type, or an owner the caller may not read")
    @APIResponse(responseCode = "429", description = "Too many live streams open, of the caller or on this instance; try again "
            + "after Retry-After")
    public void events(@PathParam("year") String year, @PathParam("typeId") String typeId, @PathParam("owner") String owner,
            @QueryParam("item") String item, @Context UriInfo uri, @Context Sse sse, @Context SseEventSink sink) {
        Caller caller = callers.current();
        RowPath path = RowPath.parse(year, typeId, owner, item);
        String viewPath = pathAndQuery(uri).replaceFirst("/events(\\?|$)", "$1");
        String token = callers.rawToken();
        String key = new RowKey(caller.tenantId(), new RowId(path.year(), path.typeId(), path.level(), path.ownerId(), path.item())).format();
        live.stream(sink, sse, caller, callers.expiresAt(), key,
                () -> json(viewResponse(caller, path, LocalDate.now(clock), null, null, viewPath, token)));
    }

    /** A row's view: from this instance's partition, or forwarded with {@code token} to the instance that runs it. */
    private Response viewResponse(Caller caller, RowPath path, LocalDate day, Instant targetsAsOf, String forwarded, String pathAndQuery,
            String token) {
        return queries.answer(caller.tenantId(), forwarded != null, pathAndQuery, token,
                state -> queries.view(state, caller, path, day, targetsAsOf));
    }

    /** The JSON of a view answer, or its problem. */
    private static String json(Response response) {
        Object entity = response.getEntity();
        String body = entity instanceof String text ? text : EventJson.writeString(entity);
        if (response.getStatus() != 200) {
            throw new ProblemException(EventJson.read(body, Problem.class));
        }
        return body;
    }

    @GET
    @Path("/items")
    @Operation(summary = "The list items of a year and type", description = "Every item that has a row or sales, for list types.")
    public Response items(@PathParam("year") String year, @PathParam("typeId") String typeId,
            @HeaderParam(InstanceForwarder.FORWARDED) String forwarded, @Context UriInfo uri) {
        Caller caller = callers.current();
        RowPath plan = RowPath.plan(year, typeId, null);
        return queries.answer(caller.tenantId(), forwarded != null, pathAndQuery(uri), callers.rawToken(),
                state -> queries.items(state, caller.tenantId(), plan.year(), typeId));
    }

    @GET
    @Operation(summary = "The progress of a year, type and item", description = "The company, and per group its progress, "
            + "its users' and the sum of their targets: every owner with a row or sales that the caller may read.")
    public Response dialog(@PathParam("year") String year, @PathParam("typeId") String typeId, @QueryParam("item") String item,
            @Parameter(description = "YYYY-MM-DD, 2000-01-01 to 2100-12-31; default today (UTC)") @QueryParam("asOf") String asOf,
            @Parameter(description = TARGETS_AS_OF, example = "2026-06-30T00:00:00Z") @QueryParam("targetsAsOf") String targetsAsOf,
            @HeaderParam(InstanceForwarder.FORWARDED) String forwarded, @Context UriInfo uri) {
        Caller caller = callers.current();
        RowPath plan = RowPath.plan(year, typeId, item);
        LocalDate day = asOf(asOf);
        Instant targetsAt = targetsAsOf(targetsAsOf);
        return queries.answer(caller.tenantId(), forwarded != null, pathAndQuery(uri), callers.rawToken(),
                state -> queries.dialog(state, caller, plan, day, targetsAt));
    }

    /** The day of {@code asOf} ({@link Fields#requireDate}), today without one. */
    private LocalDate asOf(String asOf) {
        return asOf == null || asOf.isBlank() ? LocalDate.now(clock) : Fields.requireDate("asOf", asOf);
    }

    /** The instant of {@code targetsAsOf} ({@link Fields#requireInstant}), or null without one (the targets now). */
    private static Instant targetsAsOf(String targetsAsOf) {
        return targetsAsOf == null || targetsAsOf.isBlank() ? null : Fields.requireInstant("targetsAsOf", targetsAsOf);
    }

    private static String pathAndQuery(UriInfo uri) {
        String query = uri.getRequestUri().getRawQuery();
        return uri.getRequestUri().getRawPath() + (query == null ? "" : "?" + query);
    }

}
