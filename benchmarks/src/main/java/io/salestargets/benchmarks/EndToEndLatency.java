package io.salestargets.benchmarks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.progress.TargetAttained;
import io.salestargets.localstack.demo.SaleGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Benchmark 2, end-to-end latency: won sales of the bench tenant's users at a fixed rate; for each,
 * the time from when the schedule meant to produce it until the user's view shows it, on
 * {@code targets.progress} (a read_committed consumer, as downstream would read) and over REST
 * (a sampler that polls the user's view of the latest sale every 10 ms).
 *
 * <p>A user's view "shows" a sale when its year total reaches the user's total before the run plus
 * every sale of the run up to that one: sales only add, so the totals only grow.
 */
final class EndToEndLatency {

    /**
     * @param onTopic  latency until the view on targets.progress shows the sale
     * @param overRest latency until a REST read shows it (sampled)
     * @param unseen   sales whose view never showed them (30 s after the run): should be 0
     * @param sentLate how late the harness handed each sale to its producer against the schedule: the part of the
     *                 latencies that the load generator itself adds (a harness held off the cores)
     */
    record Result(int rate, double seconds, long sales, Map<String, Object> onTopic, Map<String, Object> overRest, long unseen,
            Map<String, Object> sentLate) {
    }

    /** A sale sent and not yet seen in its user's view: the total that shows it, and when it was due. */
    private record Pending(BigDecimal total, long intendedNanos) {
    }

    /**
     * One sampler polling every 10 ms: about 100 reads a second, so that the measurement does not take
     * the CPU it measures (two samplers every 2 ms, 1,000 reads a second, slowed the projector down on
     * two cores); the figures are 10 ms coarse.
     */
    private static final int REST_SAMPLERS = 1;
    private static final long REST_POLL_NANOS = Duration.ofMillis(10).toNanos();

    private final BenchContext bench;

    EndToEndLatency(BenchContext bench) {
        this.bench = bench;
    }

    /**
     * @param warmUp how long the sales are sent at the rate before their latencies count: the step from idle to the
     *               rate (the first publications, the JIT, the consumers' first fetches) is not the steady state; the
     *               log names the run's worst seconds, the warm-up's included
     */
    Result run(int rate, Duration time, Duration warmUp) {
        String prefix = BenchContext.TENANT + "/" + bench.year() + "/all-sales-amount/user/";
        Map<String, BigDecimal> totals = new HashMap<>();
        for (String user : BenchContext.BENCH_TENANT.users()) {
            totals.put(user, userTotal(user));
        }
        Map<String, ArrayDeque<Pending>> pending = BenchContext.BENCH_TENANT.users().stream()
                .collect(Collectors.toMap(user -> user, user -> new ArrayDeque<>()));
        Latency onTopic = new Latency();
        Latency overRest = new Latency();
        Latency sentLate = new Latency();
        // per second of the schedule (System.nanoTime's), the longest a sale of it waited for its view: on the topic, over REST
        Map<Long, Long> worstBySecond = new ConcurrentHashMap<>();
        Map<Long, Long> restWorstBySecond = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<Object[]> latest = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong measuredFrom = new AtomicLong(Long.MAX_VALUE);

        try (KafkaConsumer<String, byte[]> consumer = bench.consumerAtEnd(Topics.PROGRESS, "bench-latency", new ByteArrayDeserializer())) {
            Thread watcher = new Thread(() -> {
                try {
                    while (running.get()) {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                            long now = System.nanoTime();
                            if (record.value() == null || TargetAttained.isKey(record.key()) || !record.key().startsWith(prefix)) {
                                continue;
                            }
                            String user = record.key().substring(prefix.length());
                            ArrayDeque<Pending> waiting = pending.get(user);
                            if (waiting == null) {
                                continue;
                            }
                            BigDecimal actual = totalActual(record.value());
                            synchronized (waiting) {
                                while (!waiting.isEmpty() && waiting.peekFirst().total().compareTo(actual) <= 0) {
                                    long intended = waiting.pollFirst().intendedNanos();
                                    if (intended >= measuredFrom.get()) {
                                        onTopic.recordNanos(now - intended);
                                    }
                                    worstBySecond.merge(intended / 1_000_000_000L, now - intended, Math::max);
                                }
                            }
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "progress-watcher");
            watcher.start();
            List<Thread> samplers = new java.util.ArrayList<>();
            for (int i = 0; i < REST_SAMPLERS; i++) {
                Thread sampler = new Thread(() -> sampleRest(running, latest, overRest, measuredFrom, restWorstBySecond, failure), "rest-sampler-" + i);
                sampler.start();
                samplers.add(sampler);
            }

            SaleGenerator generator = new SaleGenerator(BenchContext.BENCH_TENANT, System.currentTimeMillis(), bench.today(),
                    new SaleGenerator.Mix(0, 0, 0));
            long sales = (long) rate * (warmUp.toSeconds() + time.toSeconds());
            bench.log("latency: %d won sales at %d/s, watching targets.progress and REST after the first %d s".formatted(sales, rate,
                    warmUp.toSeconds()));
            long start = System.nanoTime();
            measuredFrom.set(start + warmUp.toNanos());
            try (SalesProducer producer = new SalesProducer(bench.bootstrapServers(), SalesProducer.STEADY_LINGER_MS)) {
                for (long i = 0; i < sales; i++) {
                    long intended = start + (long) (i * 1e9 / rate);
                    long wait = intended - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    SaleGenerator.SaleRecord record = generator.next(false);
                    JsonNode sale = EventJson.mapper().readTree(record.value());
                    String user = sale.get("userId").asText();
                    BigDecimal total = totals.merge(user, sale.get("amount").decimalValue(), BigDecimal::add);
                    ArrayDeque<Pending> waiting = pending.get(user);
                    synchronized (waiting) {
                        waiting.addLast(new Pending(total, intended));
                    }
                    latest.set(new Object[] {user, total, intended});
                    producer.send(record);
                    if (intended >= measuredFrom.get()) {
                        sentLate.recordNanos(System.nanoTime() - intended);
                    }
                }
                producer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (unseen(pending) > 0 && System.nanoTime() < deadline && failure.get() == null) {
                Pause.of(Duration.ofMillis(100));
            }
            running.set(false);
            for (Thread thread : samplers) {
                join(thread);
            }
            join(watcher);
            if (failure.get() != null) {
                throw new IllegalStateException("the latency run failed: " + failure.get(), failure.get());
            }
            long unseen = unseen(pending);
            long firstSecond = start / 1_000_000_000L;
            bench.log("latency: the seconds of the run whose sales waited longest on targets.progress: " + worst(worstBySecond, firstSecond)
                    + "; over REST: " + worst(restWorstBySecond, firstSecond));
            bench.log("latency: on targets.progress p50 %.0f ms, p99 %.0f ms; over REST p50 %.0f ms, p99 %.0f ms; %d unseen; "
                    .formatted(onTopic.millis(50), onTopic.millis(99), overRest.millis(50), overRest.millis(99), unseen)
                    + "the harness sent p99 %.0f ms, at most %.0f ms late".formatted(sentLate.millis(99), sentLate.millis(100)));
            return new Result(rate, seconds, sales, onTopic.summary(), overRest.summary(), unseen, sentLate.summary());
        }
    }

    /** Polls the view of the latest sale's user until it shows that sale; again and again until the run ends. */
    private void sampleRest(AtomicBoolean running, AtomicReference<Object[]> latest, Latency overRest, AtomicLong measuredFrom,
            Map<Long, Long> restWorstBySecond, AtomicReference<Throwable> failure) {
        String path = "/api/v1/progress/" + bench.year() + "/all-sales-amount/users/";
        try (KeepAliveHttp http = new KeepAliveHttp(BenchContext.PROJECTOR_URL, bench.token())) {
            Object[] last = null;
            while (running.get()) {
                Object[] sample = latest.get();
                if (sample == null || sample == last) {
                    LockSupport.parkNanos(REST_POLL_NANOS);
                    continue;
                }
                last = sample;
                BigDecimal expected = (BigDecimal) sample[1];
                long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (running.get() && System.nanoTime() < giveUp) {
                    KeepAliveHttp.Response response = http.get(path + sample[0]);
                    long now = System.nanoTime();
                    if (response.status() != 200) {
                        throw new IllegalStateException("GET " + path + sample[0] + " answered " + response.status() + ": " + response.body());
                    }
                    if (EventJson.mapper().readTree(response.body()).at("/total/actual").decimalValue().compareTo(expected) >= 0) {
                        if ((long) sample[2] >= measuredFrom.get()) {
                            overRest.recordNanos(now - (long) sample[2]);
                        }
                        restWorstBySecond.merge((long) sample[2] / 1_000_000_000L, now - (long) sample[2], Math::max);
                        break;
                    }
                    LockSupport.parkNanos(REST_POLL_NANOS);
                }
            }
        } catch (IOException | RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    /** The five seconds of the schedule (counted from its start) with the longest waits, and those waits. */
    private static String worst(Map<Long, Long> worstBySecond, long firstSecond) {
        return worstBySecond.entrySet().stream().sorted(Map.Entry.<Long, Long>comparingByValue().reversed()).limit(5)
                .map(worst -> "second %d: %d ms".formatted(worst.getKey() - firstSecond, worst.getValue() / 1_000_000))
                .collect(Collectors.joining(", "));
    }

    /**
     * A view's {@code total.actual}, read by streaming up to it: the watcher sees every view of the tenant (thousands a
     * second), and a tree of each would take the cores it measures.
     */
    static BigDecimal totalActual(byte[] view) throws IOException {
        try (JsonParser parser = EventJson.mapper().getFactory().createParser(view)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (!field.equals("total")) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String inTotal = parser.currentName();
                    parser.nextToken();
                    if (inTotal.equals("actual")) {
                        return parser.getDecimalValue();
                    }
                }
            }
        }
        throw new IOException("a view without total.actual");
    }

    private BigDecimal userTotal(String user) {
        return new Rest(bench.token()).get(BenchContext.PROJECTOR_URL + "/api/v1/progress/" + bench.year() + "/all-sales-amount/users/" + user)
                .at("/total/actual").decimalValue();
    }

    private static long unseen(Map<String, ArrayDeque<Pending>> pending) {
        long unseen = 0;
        for (ArrayDeque<Pending> waiting : pending.values()) {
            synchronized (waiting) {
                unseen += waiting.size();
            }
        }
        return unseen;
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
