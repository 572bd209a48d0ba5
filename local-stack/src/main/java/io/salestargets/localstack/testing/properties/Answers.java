package io.salestargets.localstack.testing.properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * What every answer of both services must be, whatever was asked (docs/security.md, "Property-based
 * tests"): never a 5xx; a 4xx with a body is {@code application/problem+json} of the contract (type
 * {@code /problems/<slug>}, its status, a title; a validation problem names each field at fault);
 * a 4xx without a body is one that Vert.x answers itself before any of the service's code.
 *
 * <p>One 400 names no field: RESTEasy's own {@code /problems/bad-request}, for a path parameter it
 * cannot decode before any of the service's code sees it (it decodes a segment with matrix parameters
 * twice: {@code /2026/%25a;x=y} leaves {@code %a}). docs/security.md says so.
 */
public final class Answers {

    /**
     * Vert.x's own answers, with an empty body (docs/security.md, "Limits"): a request line it cannot
     * parse (400), a body, request line or headers over the limits (413, 414, 431).
     */
    public static final Set<Integer> ANSWERED_BY_VERTX = Set.of(400, 413, 414, 431);

    /** RESTEasy's 400 for a parameter it cannot decode, as the services' problem mapper writes it. */
    public static final String FRAMEWORK_BAD_REQUEST = "/problems/bad-request";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Answers() {
    }

    /** Checks the answer; an {@link AssertionError} names the request, the answer and what is wrong. */
    public static void check(RawHttp.Request request, RawHttp.Response response) {
        int status = response.status();
        if (status >= 500 || status < 200) {
            fail("never a " + status, request, response);
        }
        if (status < 400 || request.method().equals("HEAD")) {
            return;
        }
        if (response.body().length == 0) {
            if (!ANSWERED_BY_VERTX.contains(status)) {
                fail("a " + status + " without a problem+json body, which is not one that Vert.x answers itself", request, response);
            }
            return;
        }
        String type = response.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            fail("a " + status + " is application/problem+json", request, response);
        }
        JsonNode problem;
        try {
            problem = MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("a problem+json body that is not JSON\n" + request + "\n-> " + response, e);
        }
        if (!problem.path("type").asText("").startsWith("/problems/")) {
            fail("a problem has a type /problems/<slug>", request, response);
        }
        if (problem.path("status").asInt() != status) {
            fail("a problem's status is the answer's", request, response);
        }
        if (problem.path("title").asText("").isBlank()) {
            fail("a problem has a title", request, response);
        }
        if (status == 400 && problem.path("type").asText().equals(FRAMEWORK_BAD_REQUEST)) {
            return;
        }
        if (status == 400) {
            JsonNode errors = problem.path("errors");
            if (!problem.path("type").asText().equals("/problems/validation") || !errors.isArray() || errors.isEmpty()) {
                fail("a 400 is a validation problem naming the fields at fault", request, response);
            }
            for (JsonNode error : errors) {
                if (error.path("field").asText("").isBlank() || error.path("message").asText("").isBlank()) {
                    fail("each error names its field and says what is wrong", request, response);
                }
            }
        }
    }

    /** Checks the answer ({@link #check}) and that it is a 400 validation problem naming {@code field}. */
    public static void refused(RawHttp.Request request, RawHttp.Response response, String field) {
        check(request, response);
        if (response.status() != 400) {
            fail("a 400 naming " + field, request, response);
        }
        JsonNode problem;
        try {
            problem = MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("a problem+json body that is not JSON\n" + request + "\n-> " + response, e);
        }
        boolean named = false;
        for (JsonNode error : problem.path("errors")) {
            named |= error.path("field").asText("").equals(field);
        }
        if (!named) {
            fail("a 400 naming " + field, request, response);
        }
    }

    private static void fail(String expectation, RawHttp.Request request, RawHttp.Response response) {
        throw new AssertionError("expected: " + expectation + "\nrequest: " + request + "\nanswer: " + response);
    }
}
