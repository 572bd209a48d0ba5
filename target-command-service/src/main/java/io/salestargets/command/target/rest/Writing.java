package io.salestargets.command.target.rest;

import io.salestargets.command.target.domain.CommandRefused;
import io.salestargets.command.target.service.WriteAnswer;
import io.salestargets.command.target.service.Writes;
import io.salestargets.events.json.EventJson;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
            throw CommandRefused.invalid(IDEMPOTENCY_KEY, "must be a UUID");
        }
        String request = method + " " + path + " " + sha256(body == null ? "" : EventJson.writeString(body));
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

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
