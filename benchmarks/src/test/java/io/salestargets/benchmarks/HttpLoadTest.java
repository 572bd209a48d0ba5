package io.salestargets.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator against a small HTTP server in the test: what it counts, and how it times a stall. */
class HttpLoadTest {

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong stallUntil = new AtomicLong();
    private String url;

    @BeforeEach
    void startServer() throws IOException {
        // without it, the JDK's server waits for delayed ACKs (Nagle) and answers in 40 ms at best
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            long stall = stallUntil.get() - System.nanoTime();
            if (stall > 0) {
                sleep(Duration.ofNanos(stall));
            }
            String path = exchange.getRequestURI().getPath();
            boolean ok = !path.startsWith("/missing");
            byte[] body = ("{\"path\":\"" + path + "\",\"auth\":\"" + exchange.getRequestHeaders().getFirst("Authorization") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            // chunked (length 0) on /chunked, Content-Length elsewhere: the client reads both
            exchange.sendResponseHeaders(ok ? 200 : 404, path.startsWith("/chunked") ? 0 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void readsBodiesWithContentLengthOrChunkedOnOneConnection() throws IOException {
        try (KeepAliveHttp http = new KeepAliveHttp(url, "t0k3n")) {
            KeepAliveHttp.Response plain = http.get("/plain");
            KeepAliveHttp.Response chunked = http.get("/chunked");
            KeepAliveHttp.Response put = http.put("/plain/put", "{\"values\":[1]}");

            assertThat(plain.status()).isEqualTo(200);
            assertThat(plain.body()).isEqualTo("{\"path\":\"/plain\",\"auth\":\"Bearer t0k3n\"}");
            assertThat(chunked.body()).isEqualTo("{\"path\":\"/chunked\",\"auth\":\"Bearer t0k3n\"}");
            assertThat(put.body()).contains("/plain/put");
        }
    }

    @Test
    void aFixedRateSendsWhatItsScheduleSaysAndCountsFailures() {
        HttpLoad load = new HttpLoad(List.of(url), "t", 4);
        AtomicInteger sent = new AtomicInteger();

        HttpLoad.Result result = load.fixedRate(200, Duration.ofSeconds(1),
                (http, client, random) -> http.get(sent.incrementAndGet() % 10 == 0 ? "/missing" : "/ok"));

        assertThat(result.answered() + result.failed()).isEqualTo(200);
        assertThat(result.failed()).isEqualTo(20);
        assertThat(result.firstFailure()).startsWith("404");
        assertThat(requests.get()).isEqualTo(200);
    }

    @Test
    void aStallCountsForEveryRequestThatWasDueDuringIt() {
        HttpLoad load = new HttpLoad(List.of(url), "t", 2);
        AtomicInteger sent = new AtomicInteger();

        // 100 requests/s for 2 s; the 50th request stalls the server for 500 ms: the ~50 requests due meanwhile
        // are late, and their latency counts from when they were due, not from when they were sent
        HttpLoad.Result result = load.fixedRate(100, Duration.ofSeconds(2), (http, client, random) -> {
            if (sent.incrementAndGet() == 50) {
                stallUntil.set(System.nanoTime() + Duration.ofMillis(500).toNanos());
            }
            return http.get("/ok");
        });

        assertThat(result.answered()).isEqualTo(200);
        assertThat(((Number) result.latency().get("p90Ms")).doubleValue()).isGreaterThan(100);
        assertThat(result.p99Ms()).isGreaterThan(400);
        assertThat(result.p50Ms()).isLessThan(100);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aScheduleTheServiceCannotKeepUpWithEndsOnTimeAndCountsWhatWasNotSent() {
        HttpLoad load = new HttpLoad(List.of(url), "t", 2);
        stallUntil.set(System.nanoTime() + Duration.ofMillis(1_500).toNanos());

        long started = System.nanoTime();
        HttpLoad.Result result = load.fixedRate(100, Duration.ofSeconds(1), (http, client, random) -> http.get("/ok"));
        double seconds = (System.nanoTime() - started) / 1e9;

        // each client's first read waits out the stall; by then the run is over, and the other 98 were never sent
        assertThat(result.answered()).isEqualTo(2);
        assertThat(result.unsent()).isEqualTo(98);
        assertThat(seconds).isLessThan(5);
        assertThat(((Number) result.latency().get("count")).longValue()).isEqualTo(100);
        assertThat(result.p50Ms()).isGreaterThan(0);
    }
}
