package io.salestargets.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client of the live endpoint, as the dashboard reads it: a GET with the token in the
 * Authorization header, the answer read as server-sent events; the data of each "progress" event is
 * queued, every event is kept with when it came, and the end of the stream is noticed. Closing it
 * closes the connection.
 */
public final class EventStream implements AutoCloseable {

    /** An event of the stream (comments are not events). */
    public record Event(String name, String data, Instant at) {
    }

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<String> progress = new LinkedBlockingQueue<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Instant endedAt;
    private final String body;

    private EventStream(HttpResponse<InputStream> response) throws IOException {
        this.response = response;
        if (response.statusCode() != 200) {
            try (InputStream in = response.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return;
        }
        body = "";
        Thread reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public static EventStream open(HttpClient http, String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10)) // until the answer's headers
                .GET().build();
        try {
            return new EventStream(http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    public HttpResponse<InputStream> response() {
        return response;
    }

    /** The body of an answer that is not a stream. */
    public String body() {
        return body;
    }

    /** The next "progress" event's data, or a failure when none comes in time. */
    public String next(Duration timeout) {
        String data = poll(timeout);
        if (data == null) {
            throw new AssertionError("no event in " + timeout);
        }
        return data;
    }

    public String poll(Duration timeout) {
        try {
            return progress.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every event received so far, "progress" and others, in order. */
    public List<Event> events() {
        return List.copyOf(events);
    }

    /** Waits until the server ends the stream; false if it is still open after {@code timeout}. */
    public boolean awaitEnd(Duration timeout) {
        try {
            return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** When the server ended the stream; null while it is open. */
    public Instant endedAt() {
        return endedAt;
    }

    /** Nothing comes for a while (keep-alive comments are not events). */
    public void assertQuiet(Duration wait) {
        String data = poll(wait);
        assertThat(data).as("an event on a stream that should receive nothing").isNull();
    }

    /** No event that {@code unwanted} matches comes for a while (a late repeat of the view as it is may). */
    public void assertNone(Duration wait, Predicate<JsonPath> unwanted) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (long left = wait.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            String data = poll(Duration.ofNanos(left));
            if (data != null) {
                assertThat(data.equals("null") || unwanted.test(JsonPath.from(data))).as("an event it should not receive: " + data).isFalse();
            }
        }
    }

    /** Forgets the "progress" events received so far. */
    public void drain() {
        progress.clear();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String event = "message";
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(event, data.toString(), Instant.now()));
                        if (event.equals("progress")) {
                            progress.add(data.toString());
                        }
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = field(line);
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(field(line));
                }
            }
        } catch (IOException e) {
            // closed by close(), or by the server
        } finally {
            endedAt = Instant.now();
            ended.countDown();
        }
    }

    private static String field(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
