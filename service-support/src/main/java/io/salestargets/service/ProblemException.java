package io.salestargets.service;

import java.util.List;

/** A request refused with a problem of the API; {@link ProblemMapper} answers it as problem+json. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.invalid(List.of(new FieldError(field, message))));
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
}
