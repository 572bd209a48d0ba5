package io.salestargets.command.rest;

import io.salestargets.command.domain.CommandRefused;
import io.salestargets.service.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refused command as the problem of its kind (the rest of the problem mapping is shared: {@code service-support}). */
public class RefusalMapper {

    @ServerExceptionMapper
    public Response refused(CommandRefused refused) {
        return problem(refused).response();
    }

    static Problem problem(CommandRefused refused) {
        String detail = refused.getMessage();
        return switch (refused.reason()) {
            case FORBIDDEN -> Problem.of("forbidden", "Not allowed", 403, detail);
            case LICENSE_REQUIRED -> Problem.of("license-required", "Licence required", 403, detail);
            case NOT_FOUND -> Problem.of("not-found", "Not found", 404, detail);
            case TARGET_LOCKED -> Problem.of("target-locked", "Target row locked", 409, detail);
            case INTERVAL_MISMATCH -> Problem.of("interval-mismatch", "Interval mismatch", 409, detail);
            case DUPLICATE -> Problem.of("duplicate", "Already exists", 409, detail);
            case VERSION_CONFLICT -> Problem.of("version-conflict", "Version conflict", 412, detail);
        };
    }
}
