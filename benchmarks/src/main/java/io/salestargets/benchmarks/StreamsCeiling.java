package io.salestargets.benchmarks;

import io.salestargets.events.Topics;
import io.salestargets.localstack.process.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The phase {@code streams-ceiling}: {@link StreamsCeilingApp}, the smallest exactly-once Kafka Streams
 * application that does the irreducible part of the projector's work, on the records of {@code crm.sales}
 * (the catch-up's sales, produced before it and before the projector starts) and the same broker. Sales per
 * second from when it is RUNNING until its consumer group's lag is 0, and what it wrote per input sale.
 *
 * <p>It runs as a JVM of its own with the projector's heap ({@code -Xmx384m}), so that the benchmark's JVM
 * (the generator holds every live sale) neither shares its heap nor its garbage collections; its own
 * application id, consumer group and state directory are new each run, and deleted after it.
 */
final class StreamsCeiling {

    static final String APPLICATION_ID = "bench-streams-ceiling";

    /**
     * The projector's Kafka Streams settings that the ceiling takes too, from its application.properties (the
     * {@code kafka-streams.} prefix): the same commit interval above all, and what else tunes the same work. Not the
     * projector's RocksDB config setter (its class is the projector's): the ceiling's stores have RocksDB's default
     * memory, more than the projector's bounded 64 MiB, which if anything makes the ceiling higher.
     */
    private static final List<String> SHARED_SETTINGS = List.of("commit.interval.ms", "statestore.cache.max.bytes",
            "num.stream.threads", "producer.compression.type", "producer.linger.ms", "producer.batch.size");

    /**
     * @param settings        the projector's settings it ran with
     * @param startSeconds    from launch until RUNNING
     * @param seconds         from RUNNING until its lag was 0
     * @param salesPerSecond  records of crm.sales per second over {@code seconds}
     * @param counted         what it counted per tenant (sales that count)
     * @param written         what it wrote per input sale
     */
    record Result(long sales, Map<String, String> settings, double startSeconds, double seconds, double salesPerSecond,
            Map<String, Long> counted, double rssMib, WrittenPerSale.Result written) {
    }

    private final BenchContext bench;

    StreamsCeiling(BenchContext bench) {
        this.bench = bench;
    }

    Result run() {
        Map<String, String> settings = projectorSettings(bench.stack().projectDir());
        Path stateDir = bench.stack().runDir().resolve(APPLICATION_ID + "-state");
        WrittenPerSale writes = new WrittenPerSale(APPLICATION_ID, List.of());
        long sales;
        WrittenPerSale.Snapshot before;
        try (Broker broker = bench.broker()) {
            broker.deleteApplication(APPLICATION_ID);
            Directories.delete(stateDir);
            sales = broker.endOffsets(Topics.SALES);
            before = writes.snapshot(broker);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                StreamsCeilingApp.class.getName(), bench.bootstrapServers(), APPLICATION_ID, stateDir.toString()));
        settings.forEach((name, value) -> command.add(name + "=" + value));
        bench.log("streams-ceiling: %d records on crm.sales; starting %s with the projector's %s".formatted(sales,
                StreamsCeilingApp.class.getSimpleName(), settings));
        Path logFile = bench.stack().runDir().resolve("logs").resolve(APPLICATION_ID + ".log");
        Output output = new Output(logFile);
        long launched = System.nanoTime();
        Process app = start(command, logFile);
        long running = output.awaitRunning(app, Duration.ofMinutes(2));
        long caughtUp = awaitCaughtUp(app, Duration.ofMinutes(20));
        double rss = LocalStackControl.residentMib(app.pid());
        stop(app);
        WrittenPerSale.Result written;
        try (Broker broker = bench.broker()) {
            written = writes.between(before, writes.snapshot(broker), sales);
            broker.deleteApplication(APPLICATION_ID);
        }
        Directories.delete(stateDir);
        double seconds = (caughtUp - running) / 1e9;
        Result result = new Result(sales, settings, (running - launched) / 1e9, seconds, sales / seconds, output.counted(), rss, written);
        bench.log(("streams-ceiling: %d records in %.1f s after it was running: %.0f sales/s; counted %s; wrote %.2f offsets, %.0f bytes "
                + "per sale (%s); its log: %s").formatted(sales, seconds, result.salesPerSecond(), result.counted(),
                written.total().offsetsPerSale(), written.total().bytesPerSale(), written.topics(), logFile));
        return result;
    }

    /** The projector's settings that the ceiling shares, as its application.properties has them (no profile, no expression). */
    static Map<String, String> projectorSettings(Path projectDir) {
        Properties properties = new Properties();
        Path file = projectDir.resolve("progress-projector/src/main/resources/application.properties");
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the projector's settings in " + file, e);
        }
        Map<String, String> settings = new TreeMap<>();
        for (String name : SHARED_SETTINGS) {
            String value = properties.getProperty("kafka-streams." + name);
            if (value != null && !value.contains("${")) {
                settings.put(name, value.trim());
            }
        }
        if (!settings.containsKey("commit.interval.ms")) {
            throw new IllegalStateException("no kafka-streams.commit.interval.ms in " + file + ": the ceiling takes the projector's");
        }
        return settings;
    }

    private long awaitCaughtUp(Process app, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Broker broker = bench.broker()) {
            while (System.nanoTime() < deadline) {
                if (!app.isAlive()) {
                    throw new IllegalStateException("the Streams ceiling stopped with " + app.exitValue() + ": see " + bench.log());
                }
                if (broker.lagPerTopic(APPLICATION_ID, List.of(Topics.SALES)).values().stream().allMatch(lag -> lag == 0)) {
                    return System.nanoTime();
                }
                Pause.of(Duration.ofMillis(100));
            }
        }
        stop(app);
        throw new IllegalStateException("the Streams ceiling did not catch up within " + timeout);
    }

    private Process start(List<String> command, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.deleteIfExists(logFile);
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(Process app) {
        app.destroy();
        try {
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.destroyForcibly();
                throw new IllegalStateException("the Streams ceiling did not stop within 60 s of SIGTERM");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The app's output (its own log file): when it said it was running, and what it counted. */
    private static final class Output {

        private final Path file;

        Output(Path file) {
            this.file = file;
        }

        long awaitRunning(Process app, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!lines().contains(StreamsCeilingApp.RUNNING)) {
                if (!app.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Streams ceiling was not RUNNING within " + timeout + ": see " + file);
                }
                Pause.of(Duration.ofMillis(20));
            }
            return System.nanoTime();
        }

        Map<String, Long> counted() {
            Map<String, Long> counted = new TreeMap<>();
            for (String line : lines()) {
                if (line.startsWith(StreamsCeilingApp.COUNTED)) {
                    String[] words = line.split(" ");
                    counted.merge(words[1], Long.parseLong(words[2]), Long::sum);
                }
            }
            return counted;
        }

        private List<String> lines() {
            try {
                return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
