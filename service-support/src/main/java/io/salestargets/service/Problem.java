package io.salestargets.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.salestargets.events.FieldError;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem: {@code {"type":"/problems/<slug>","title","status","detail","errors":[{"field","message"}]}}. */
@Schema(name = "Problem", example = """
        {"type":"/problems/validation","title":"Invalid request","status":400,"detail":"values[3] must not be negative",
         "errors":[{"field":"values[3]","message":"must not be negative"}]}""")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem("/problems/" + slug, title, status, detail, List.of());
    }

    public static Problem invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + " " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new Problem("/problems/validation", "Invalid request", 400, detail, errors);
    }

    public Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
