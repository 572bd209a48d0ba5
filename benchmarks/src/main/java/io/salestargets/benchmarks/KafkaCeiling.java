package io.salestargets.benchmarks;

import io.salestargets.localkafka.KafkaDistribution;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The machine's Kafka ceiling, measured with Kafka's own tools on the same broker and at the sale
 * records' size: {@code ProducerPerformance} flat out and at a fixed rate (for the ack latency),
 * then {@code ConsumerPerformance} reading it all back. The other figures are also reported as
 * ratios to these, because absolute figures drift between runs on a shared machine.
 */
final class KafkaCeiling {

    static final String TOPIC = "bench.ceiling";

    /** {@code ProducerPerformance}'s last line. */
    record ProducerResult(long records, double recordsPerSecond, double megabytesPerSecond, double avgMs, double p50Ms,
            double p95Ms, double p99Ms, double p999Ms) {
    }

    /** {@code ConsumerPerformance}'s figures, fetch time only (without joining the group). */
    record ConsumerResult(long records, double recordsPerSecond, double megabytesPerSecond) {
    }

    private static final Pattern PRODUCER_SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, [\\d.]+ ms max latency, "
                    + "(\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th");

    private KafkaCeiling() {
    }

    /** Parses ProducerPerformance's output: its summary line is the one with percentiles. */
    static ProducerResult parseProducer(String output) {
        Matcher summary = null;
        for (String line : output.split("\n")) {
            Matcher matcher = PRODUCER_SUMMARY.matcher(line);
            if (matcher.find() && line.contains("99.9th")) {
                summary = matcher;
            }
        }
        if (summary == null) {
            throw new IllegalStateException("no summary in ProducerPerformance's output:\n" + output);
        }
        return new ProducerResult(Long.parseLong(summary.group(1)), Double.parseDouble(summary.group(2)),
                Double.parseDouble(summary.group(3)), Double.parseDouble(summary.group(4)), Double.parseDouble(summary.group(5)),
                Double.parseDouble(summary.group(6)), Double.parseDouble(summary.group(7)), Double.parseDouble(summary.group(8)));
    }

    /** Parses ConsumerPerformance's output: a header line of comma-separated names, then the values. */
    static ConsumerResult parseConsumer(String output) {
        List<String> lines = Arrays.stream(output.split("\n")).map(String::trim).filter(line -> !line.isEmpty()).toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("start.time")) {
                List<String> names = Arrays.stream(lines.get(i).split(",")).map(String::trim).toList();
                List<String> values = Arrays.stream(lines.get(i + 1).split(",")).map(String::trim).toList();
                return new ConsumerResult(Long.parseLong(values.get(names.indexOf("data.consumed.in.nMsg"))),
                        Double.parseDouble(values.get(names.indexOf("fetch.nMsg.sec"))),
                        Double.parseDouble(values.get(names.indexOf("fetch.MB.sec"))));
            }
        }
        throw new IllegalStateException("no figures in ConsumerPerformance's output:\n" + output);
    }

    /** Produces {@code records} records of {@code size} bytes as fast as the broker takes them (acks=all). */
    static ProducerResult produceFlatOut(String bootstrap, int records, int size, Path log) {
        return parseProducer(run(log, "org.apache.kafka.tools.ProducerPerformance", "--topic", TOPIC,
                "--num-records", Integer.toString(records), "--record-size", Integer.toString(size), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all", "linger.ms=10", "batch.size=131072"));
    }

    /**
     * Produces at a fixed rate with the latency run's batching delay ({@link SalesProducer#STEADY_LINGER_MS}): the
     * broker's acknowledgement latency at that rate, linger included.
     */
    static ProducerResult produceAtRate(String bootstrap, int rate, int records, int size, Path log) {
        return parseProducer(run(log, "org.apache.kafka.tools.ProducerPerformance", "--topic", TOPIC,
                "--num-records", Integer.toString(records), "--record-size", Integer.toString(size),
                "--throughput", Integer.toString(rate), "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all",
                "linger.ms=" + SalesProducer.STEADY_LINGER_MS));
    }

    /** Reads {@code records} records of the ceiling topic from the start. */
    static ConsumerResult consume(String bootstrap, long records, Path log) {
        return parseConsumer(run(log, "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrap,
                "--topic", TOPIC, "--messages", Long.toString(records), "--timeout", "60000",
                "--group", "bench-ceiling-" + System.currentTimeMillis()));
    }

    private static String run(Path log, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", KafkaDistribution.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                mainClass));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            java.nio.file.Files.writeString(log, "$ " + mainClass + " " + String.join(" ", args) + "\n" + output,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(mainClass + " exited with " + process.exitValue() + ": see " + log);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
