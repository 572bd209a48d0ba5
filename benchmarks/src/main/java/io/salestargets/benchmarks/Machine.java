package io.salestargets.benchmarks;

import io.salestargets.localkafka.KafkaDistribution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the run ran on: CPU, cores, memory, OS, JDK, Kafka and the commit. */
final class Machine {

    private Machine() {
    }

    static Map<String, Object> describe(Path projectDir) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("startedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        machine.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        String memTotal = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        machine.put("memoryGib", memTotal == null ? null
                : Math.round(Long.parseLong(memTotal.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0 * 10) / 10.0);
        machine.put("os", osName());
        machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("kafka", KafkaDistribution.kafkaVersion());
        machine.put("commit", commit(projectDir));
        return machine;
    }

    private static String firstValue(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith(name)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static String osName() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // not Linux: the JVM's name for it below
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    private static String commit(Path projectDir) {
        try {
            Process git = new ProcessBuilder("git", "-C", projectDir.toString(), "describe", "--always", "--dirty")
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
