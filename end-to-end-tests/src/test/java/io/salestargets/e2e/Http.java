package io.salestargets.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.salestargets.events.json.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A REST client as a dashboard or a sales manager's tool would be: a token, JSON in, JSON out. */
final class Http {

    /** An answer: status, JSON body (null when empty), headers. */
    record Answer(int status, JsonNode body, HttpHeaders headers) {
        String text() {
            return body == null ? "" : body.toString();
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String token;

    Http(String base, String token) {
        this.base = base;
        this.token = token;
    }

    Answer get(String path) {
        return send("GET", path, null, null);
    }

    Answer put(String path, Object body) {
        return send("PUT", path, body, null);
    }

    Answer post(String path) {
        return send("POST", path, null, null);
    }

    Answer post(String path, Object body) {
        return send("POST", path, body, null);
    }

    /** With an {@code Idempotency-Key}. */
    Answer post(String path, Object body, String idempotencyKey) {
        return send("POST", path, body, idempotencyKey);
    }

    private Answer send(String method, String path, Object body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(EventJson.writeString(body)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : EventJson.mapper().readTree(response.body());
            return new Answer(response.statusCode(), json, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
