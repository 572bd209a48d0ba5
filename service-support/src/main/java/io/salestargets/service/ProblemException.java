package io.salestargets.service;

import jakarta.ws.rs.core.Response;

/** A request refused with a problem of the API; {@link ProblemMapper} answers it as problem+json. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final Integer retryAfterSeconds;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    private ProblemException(Problem problem, Integer retryAfterSeconds) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 503 with {@code Retry-After}: the answer exists, but cannot be given right now. */
    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(Problem.of("unavailable", "Service unavailable", 503, detail), retryAfterSeconds);
    }

    /** 429 with {@code Retry-After}: the caller, or everyone, has as many as may be open of something. */
    public static ProblemException tooManyRequests(String detail, int retryAfterSeconds) {
        return new ProblemException(Problem.of("too-many-requests", "Too many requests", 429, detail), retryAfterSeconds);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of("not-found", "Not found", 404, detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of("forbidden", "Not allowed", 403, detail));
    }

    public static ProblemException licenseRequired(String detail) {
        return new ProblemException(Problem.of("license-required", "Licence required", 403, detail));
    }

    public Problem problem() {
        return problem;
    }

    public Response response() {
        Response response = problem.response();
        return retryAfterSeconds == null ? response
                : Response.fromResponse(response).header("Retry-After", retryAfterSeconds).build();
    }
}
