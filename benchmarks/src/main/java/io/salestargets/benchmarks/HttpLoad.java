package io.salestargets.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * HTTP load from a number of clients, each a thread with its own kept-alive connection.
 * <ul>
 * <li>{@link #closedLoop}: each client sends its next request when the last one is answered (as many
 * requests as the service can take, with that many in flight); latency is the service time.</li>
 * <li>{@link #fixedRate}: the clients share a schedule of {@code rate} requests per second, and the
 * latency of a request is counted from when the schedule meant to send it, not from when a late
 * client got round to it: a stalled service cannot hide its stall by slowing the load down
 * (no coordinated omission).</li>
 * </ul>
 */
final class HttpLoad {

    /** One request of a client: sends it on {@code http} and returns its response. */
    interface Request {
        KeepAliveHttp.Response send(KeepAliveHttp http, int client, SplittableRandom random) throws IOException;
    }

    /**
     * @param answered  requests answered with a 2xx status
     * @param failed    requests answered otherwise, or not at all
     * @param unsent    requests of a fixed-rate schedule still not sent when the run ended (the service
     *                  could not keep up); their latency counts as the time from when they were due until the end
     * @param perSecond answered requests per second
     * @param firstFailure the first failure, for the log (null when none)
     */
    record Result(long answered, long failed, long unsent, double seconds, double perSecond, Map<String, Object> latency,
            String firstFailure) {

        double p99Ms() {
            return ((Number) latency.get("p99Ms")).doubleValue();
        }

        double p50Ms() {
            return ((Number) latency.get("p50Ms")).doubleValue();
        }
    }

    private final List<String> baseUrls;
    private final String token;
    private final int clients;

    /** Client {@code c} sends to {@code baseUrls[c % baseUrls.size()]}. */
    HttpLoad(List<String> baseUrls, String token, int clients) {
        this.baseUrls = List.copyOf(baseUrls);
        this.token = token;
        this.clients = clients;
    }

    Result closedLoop(Duration time, Request request) {
        return run(time, 0, request);
    }

    Result fixedRate(int rate, Duration time, Request request) {
        return run(time, rate, request);
    }

    private Result run(Duration time, int rate, Request request) {
        Latency latency = new Latency();
        AtomicLong answered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong unsent = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long start = System.nanoTime() + Duration.ofMillis(50).toNanos();
        long end = start + time.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(31L * client + 7);
                try (KeepAliveHttp http = new KeepAliveHttp(baseUrls.get(client % baseUrls.size()), token)) {
                    for (long n = 0; ; n++) {
                        long intended;
                        if (rate > 0) {
                            // request n of this client is request n * clients + client of the shared schedule
                            intended = start + (long) ((n * clients + client) * 1e9 / rate);
                            if (intended >= end) {
                                break;
                            }
                            if (System.nanoTime() >= end) {
                                // the service fell behind the schedule: what was due and is not sent yet counts with the
                                // least it would have waited, and the run ends on time
                                for (long due = intended; due < end; due = start + (long) ((++n * clients + client) * 1e9 / rate)) {
                                    latency.recordNanos(end - due);
                                    unsent.incrementAndGet();
                                }
                                break;
                            }
                            long wait = intended - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        } else {
                            intended = Math.max(System.nanoTime(), start);
                            if (intended >= end) {
                                break;
                            }
                            long wait = start - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        }
                        try {
                            KeepAliveHttp.Response response = request.send(http, client, random);
                            latency.recordNanos(System.nanoTime() - intended);
                            if (response.status() / 100 == 2) {
                                answered.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                                firstFailure.compareAndSet(null, response.status() + " " + response.body());
                            }
                        } catch (IOException e) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, e.toString());
                            http.close();
                        }
                    }
                }
            }, "load-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        double seconds = Math.max(System.nanoTime(), end) - start;
        seconds /= 1e9;
        Map<String, Object> summary = new LinkedHashMap<>(latency.summary());
        return new Result(answered.get(), failed.get(), unsent.get(), seconds, answered.get() / seconds, summary, firstFailure.get());
    }
}
