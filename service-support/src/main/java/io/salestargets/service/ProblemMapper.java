package io.salestargets.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.access.TokenClaims;
import io.salestargets.events.json.EventJson;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Where failures become {@code application/problem+json} answers: refused requests, unreadable
 * bodies, missing or bad tokens, the framework's own statuses, a database that cannot be reached
 * (503), and the unexpected (500, logged).
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final int DATABASE_RETRY_AFTER_SECONDS = 2;
    private static final int CONFLICT_RETRY_AFTER_SECONDS = 1;

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.response();
    }

    /** A body of the wrong shape: a string for a number, an unknown enum value, ... */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    /** A body that is not JSON, or not of the request's shape. */
    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        InvalidInputException malformed = EventJson.malformed(e);
        return invalid(malformed.field().isEmpty() ? new InvalidInputException("body", malformed.reason()) : malformed);
    }

    /** Input that breaks the contract, each field at fault named in {@code errors[]}. */
    @ServerExceptionMapper
    public Response invalid(InvalidInputException e) {
        return Problem.invalid(e.errors()).response();
    }

    @ServerExceptionMapper
    public Response unusableToken(TokenClaims.UnusableTokenException e) {
        return unauthenticated(e.getMessage());
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated("The bearer token is missing, expired or does not verify");
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated("A bearer token is required");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of("forbidden", "Not allowed", 403, e.getMessage()).response();
    }

    /** 404 for unknown paths, 405, 406, 415 ...: the framework's status, as a problem. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadable(unreadable);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String slug = status == 404 ? "not-found" : title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        return Problem.of(slug, title, status, e.getMessage()).response();
    }

    /**
     * The unexpected: 500, logged with its stack trace; except a database that cannot be reached,
     * which is 503 with {@code Retry-After} (logged in one line: an outage is not a bug), and a transaction that
     * PostgreSQL ended for a deadlock or a serialization failure, likewise 503 (the writes of the command service
     * retry those a few times first).
     */
    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        if (DatabaseFailures.unreachable(e)) {
            LOG.warnf("request refused, the database cannot be reached: %s", DatabaseFailures.rootMessage(e));
            return ProblemException.unavailable("The database cannot be reached; try again shortly", DATABASE_RETRY_AFTER_SECONDS)
                    .response();
        }
        if (DatabaseFailures.conflicting(e)) {
            LOG.warnf("request refused, its transaction met concurrent ones: %s", DatabaseFailures.rootMessage(e));
            return ProblemException.unavailable("The request met concurrent writes; try again shortly", CONFLICT_RETRY_AFTER_SECONDS)
                    .response();
        }
        LOG.error("request failed", e);
        return Problem.of("internal", "Internal error", 500, "The request failed; it has been logged").response();
    }

    private static Response unauthenticated(String detail) {
        return Response.fromResponse(Problem.of("unauthenticated", "Unauthenticated", 401, detail).response())
                .header("WWW-Authenticate", "Bearer").build();
    }
}
