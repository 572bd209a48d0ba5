package io.salestargets.benchmarks;

import io.salestargets.events.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The gate in front of every phase: a phase starts only when the work that the phases before it left
 * is done, so that it does not share the cores with a backlog. Done means: the command service's relay
 * has published every event it stored (its gauge {@code relay_backlog_events} is 0), and the projector's
 * consumer group has no lag on {@code crm.sales}, {@code targets.events} and its own repartition topics
 * (found by the application id prefix: their names are the topology's). A projector that is stopped
 * (reset for the catch-up) has no work to finish.
 */
final class PreviousWork {

    /** What a phase waited for, and how long. */
    record Waited(String phase, double seconds, String what) {

        String sentence() {
            return "%s: started after %s; waited %.1f s".formatted(phase, what, seconds);
        }
    }

    /**
     * The relay's gauge is measured at most every 5 s (RelayBacklog.FRESH_MILLIS in the command service): only a
     * reading taken that long after the last command is known to include it.
     */
    private static final Duration RELAY_GAUGE_AGE = Duration.ofMillis(5_500);
    private static final String RELAY_GAUGE = "relay_backlog_events";

    private final BenchContext bench;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PreviousWork(BenchContext bench) {
        this.bench = bench;
    }

    /** Waits until the work before {@code phase} is done; fails the run after {@code timeout}. */
    Waited await(String phase, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String relay = awaitRelay(phase, deadline, timeout);
        String projector = awaitProjector(phase, deadline, timeout);
        Waited waited = new Waited(phase, (System.nanoTime() - start) / 1e9, relay + " and " + projector);
        bench.log(waited.sentence());
        return waited;
    }

    private String awaitRelay(String phase, long deadline, Duration timeout) {
        long knownAfter = bench.lastCommandNanos() + RELAY_GAUGE_AGE.toNanos();
        while (true) {
            long now = System.nanoTime();
            OptionalDouble pending = relayBacklog();
            if (pending.isEmpty()) {
                return "the relay's backlog could not be read (no " + RELAY_GAUGE + " on the command service's /q/metrics)";
            }
            if (pending.getAsDouble() == 0 && now >= knownAfter) {
                return "the relay had nothing pending";
            }
            if (now > deadline) {
                throw new IllegalStateException("%s: the command service's relay still had %s events to publish after %s"
                        .formatted(phase, Report.format(pending.getAsDouble()), timeout));
            }
            Pause.of(Duration.ofMillis(250));
        }
    }

    private String awaitProjector(String phase, long deadline, Duration timeout) {
        if (bench.stack().pid(LocalStackControl.PROJECTOR).isEmpty()) {
            return "the projector was stopped (nothing to finish)";
        }
        try (Broker broker = bench.broker()) {
            while (true) {
                Map<String, Long> lag = broker.lagPerTopic(BenchContext.PROJECTOR_GROUP, List.of(Topics.SALES, Topics.TARGET_EVENTS));
                long total = lag.values().stream().mapToLong(Long::longValue).sum();
                if (total == 0) {
                    return "the projector's lag was 0 on " + String.join(", ", lag.keySet());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("%s: the projector's lag was still %d after %s: %s".formatted(phase, total, timeout, lag));
                }
                Pause.of(Duration.ofMillis(100));
            }
        }
    }

    /** The relay's backlog gauge, or empty when the command service does not show it. NaN: its database cannot be reached. */
    private OptionalDouble relayBacklog() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(BenchContext.COMMAND_URL + "/q/metrics")).timeout(Duration.ofSeconds(10))
                .GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return OptionalDouble.empty();
            }
            return gauge(response.body(), RELAY_GAUGE);
        } catch (IOException e) {
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The value of a gauge in Prometheus's text format (the first series of that name), or empty. */
    static OptionalDouble gauge(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                String value = line.substring(line.lastIndexOf(' ') + 1).trim();
                return OptionalDouble.of(value.equals("NaN") ? Double.NaN : Double.parseDouble(value));
            }
        }
        return OptionalDouble.empty();
    }
}
