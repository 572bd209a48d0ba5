package io.salestargets.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Benchmark 3, commands: concurrent clients {@code PUT} the bench tenant's user rows of "All sales -
 * Amount", each time with new values (so each PUT appends a {@code TargetSet}), as fast as the
 * service answers. Client {@code c} writes the users {@code c, c + clients, ...}, so two clients
 * never race for one row. Meanwhile a consumer of {@code targets.events} measures the relay lag:
 * from the event's {@code occurredAt} (set in the transaction that stores it) until it is read from
 * the topic. Then, at a fixed rate of half the most the clients reached, the same for half the time: the
 * latencies where the machine is not saturated (in the closed loop they are mostly the clients' queue).
 */
final class Commands {

    /**
     * @param relayLag      from each event's {@code occurredAt} until this consumer read it
     * @param publishedLag  from its {@code occurredAt} until the relay produced it (the record's timestamp): the part of
     *                      the relay lag before the consumer, which shares the loaded machine
     * @param halfMost      the same commands at a fixed rate of half the most, for half the time, and the relay lags
     *                      of their events: where the machine has room, the latencies the service and relay add
     */
    record Result(HttpLoad.Result warmUp, HttpLoad.Result load, long eventsSeen, Map<String, Object> relayLag,
            Map<String, Object> publishedLag, HttpLoad.Result halfMost, Map<String, Object> relayLagAtHalf,
            Map<String, Object> publishedLagAtHalf, double commandServiceRssMib) {
    }

    /** The relay lag of the events of one run. */
    private static final class Watch {
        final Latency relayLag = new Latency();
        final Latency publishedLag = new Latency();
        final AtomicLong seen = new AtomicLong();

        void record(Instant occurred, Instant read, Instant published) {
            relayLag.recordNanos(Duration.between(occurred, read).toNanos());
            publishedLag.recordNanos(Math.max(0, Duration.between(occurred, published).toNanos()));
            seen.incrementAndGet();
        }
    }

    private final BenchContext bench;

    Commands(BenchContext bench) {
        this.bench = bench;
    }

    Result run(int clients, Duration time, Duration warmUpTime) {
        List<String> users = BenchContext.BENCH_TENANT.users();
        AtomicLong version = new AtomicLong(System.currentTimeMillis() % 1_000_000);
        String rows = "/api/v1/targets/" + bench.year() + "/all-sales-amount/users/";
        HttpLoad.Request put = (http, client, random) -> {
            String user = users.get((client + clients * random.nextInt(Math.max(1, users.size() / clients))) % users.size());
            String monthly = Long.toString(40_000 + version.incrementAndGet() % 20_000);
            String body = "{\"interval\":\"MONTH\",\"values\":[" + String.join(",", Collections.nCopies(12, monthly))
                    + "],\"groupId\":\"" + BenchContext.BENCH_TENANT.groupOf(user) + "\"}";
            return http.put(rows + user, body);
        };
        HttpLoad load = new HttpLoad(List.of(BenchContext.COMMAND_URL), bench.token(), clients);
        bench.log("commands: warming up for %d s with %d clients".formatted(warmUpTime.toSeconds(), clients));
        HttpLoad.Result warmUp = load.closedLoop(warmUpTime, put);

        AtomicReference<Watch> watch = new AtomicReference<>(new Watch());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (KafkaConsumer<String, String> consumer = bench.consumerAtEnd(Topics.TARGET_EVENTS, "bench-relay")) {
            Thread watcher = new Thread(() -> {
                try {
                    while (running.get()) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                            Instant now = Instant.now();
                            if (record.value() == null || !record.key().startsWith(BenchContext.TENANT + "/")) {
                                continue;
                            }
                            JsonNode event = EventJson.mapper().readTree(record.value());
                            if ("TargetSet".equals(event.path("type").asText())) {
                                watch.get().record(Instant.parse(event.get("occurredAt").asText()), now,
                                        Instant.ofEpochMilli(record.timestamp()));
                            }
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "relay-watcher");
            watcher.start();
            bench.log("commands: %d clients for %d s".formatted(clients, time.toSeconds()));
            HttpLoad.Result result = load.closedLoop(time, put);
            Watch closedLoop = watch.get();
            bench.log("commands: %.0f/s, p50 %.1f ms, p99 %.1f ms, %d failed; relay lag p99 %.1f ms (to publication %.1f ms) over %d events"
                    .formatted(result.perSecond(), result.p50Ms(), result.p99Ms(), result.failed(), closedLoop.relayLag.millis(99),
                            closedLoop.publishedLag.millis(99), closedLoop.seen.get()));
            // the relay's backlog of the closed loop goes out before the run at half the most
            Pause.of(Duration.ofSeconds(5));
            Watch atHalf = new Watch();
            watch.set(atHalf);
            int half = (int) Math.max(1, result.perSecond() / 2);
            Duration halfTime = time.dividedBy(2);
            bench.log("commands: %d/s (half the most) for %d s".formatted(half, halfTime.toSeconds()));
            HttpLoad.Result halfMost = load.fixedRate(half, halfTime, put);
            bench.commandsSent();
            Pause.of(Duration.ofSeconds(5));
            running.set(false);
            try {
                watcher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (failure.get() != null) {
                throw new IllegalStateException("the relay watcher failed: " + failure.get(), failure.get());
            }
            double rss = LocalStackControl.residentMib(bench.stack().pid(LocalStackControl.COMMAND_SERVICE).orElseThrow());
            bench.log("commands at %d/s: p50 %.1f ms, p99 %.1f ms, %d failed; relay lag p99 %.1f ms (to publication %.1f ms) over %d events"
                    .formatted(half, halfMost.p50Ms(), halfMost.p99Ms(), halfMost.failed(), atHalf.relayLag.millis(99),
                            atHalf.publishedLag.millis(99), atHalf.seen.get()));
            if (result.firstFailure() != null) {
                bench.log("commands: first failure: " + result.firstFailure());
            }
            if (halfMost.firstFailure() != null) {
                bench.log("commands at half the most: first failure: " + halfMost.firstFailure());
            }
            return new Result(warmUp, result, closedLoop.seen.get(), closedLoop.relayLag.summary(), closedLoop.publishedLag.summary(),
                    halfMost, atHalf.relayLag.summary(), atHalf.publishedLag.summary(), rss);
        }
    }
}
