package io.salestargets.command.target.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.salestargets.command.target.domain.FieldError;
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

    public Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
