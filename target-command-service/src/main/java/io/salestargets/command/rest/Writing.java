package io.salestargets.command.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salestargets.command.service.WriteAnswer;
import io.salestargets.command.service.Writes;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.json.EventJson;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/** What the write endpoints share: reading {@code Idempotency-Key}, answering with ETag and Location. */
final class Writing {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** What {@code Idempotency-Key} means, for every write that takes it. */
    static final String IDEMPOTENCY_KEY_DESCRIPTION = "A UUID: a repeat with the same key by the same user within 24 h returns "
            + "the first answer and writes nothing, once the caller's rights and licences are checked again (refused as the "
            + "request would be now: 404 for a row the caller may no longer read, 403 for one it may no longer change). "
            + "The same key with another request is 400. Keys are per tenant and user and expire after 24 h.";

    /**
     * How a body is written for its fingerprint: the product's JSON, but decimals as Java writes them
     * ({@code 1E+3}), not plainly. The fingerprint is taken before the command checks the body, and plain
     * writing refuses a decimal whose scale is beyond 9999 ({@code 1E+2147483647}, {@code 0e-10000}): such
     * a body, with a key, was a 500 instead of its 400 (or its 200, for a zero).
     */
    private static final ObjectMapper FINGERPRINT = EventJson.mapper().copy()
            .configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, false);

    private Writing() {
    }

    /**
     * The key of a write and what identifies its request (method, path, body), so that a key sent
     * again with another request is refused instead of answered with the first one's answer.
     */
    static Optional<Writes.Idempotency> idempotency(String key, String method, String path, Object body) {
        if (key == null) {
            return Optional.empty();
        }
        try {
            UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(IDEMPOTENCY_KEY, "must be a UUID");
        }
        String request = method + " " + path + " " + sha256(body == null ? "" : fingerprint(body));
        return Optional.of(new Writes.Idempotency(key.toLowerCase(), request));
    }

    static Response response(WriteAnswer answer) {
        Response.ResponseBuilder response = Response.status(answer.status());
        if (answer.body() != null) {
            response.type(MediaType.APPLICATION_JSON_TYPE).entity(answer.body());
        }
        if (answer.version() != null) {
            response.header("ETag", etag(answer.version()));
        }
        if (answer.location() != null) {
            response.location(URI.create(answer.location()));
        }
        return response.build();
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    private static String fingerprint(Object body) {
        try {
            return FINGERPRINT.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
