package io.salestargets.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Where the machine's cores went during a phase: the CPU time of each of the stack's processes (the projector, the
 * command service, the broker) and of this harness (the load generator and the consumers that time the views), and
 * the machine's busy time from {@code /proc/stat}, each divided by the phase's wall time, so in cores. A phase whose
 * machine is busy nearly all the time measures the contention as much as the process it times; these figures say
 * who takes the cores.
 */
final class CpuShares {

    /** The processes measured: the launcher's pid files (under its run directory), and this harness. */
    private static final List<String> STACK = List.of(LocalStackControl.PROJECTOR, LocalStackControl.COMMAND_SERVICE, "kafka/broker");

    private final Map<String, ProcessHandle> processes = new LinkedHashMap<>();
    private final Map<String, Duration> startedAt = new LinkedHashMap<>();
    private final long[] machineAtStart;
    private final long wallAtStart = System.nanoTime();

    private CpuShares(LocalStackControl stack) {
        for (String name : STACK) {
            OptionalLong pid = stack.pid(name);
            if (pid.isPresent()) {
                ProcessHandle.of(pid.getAsLong()).ifPresent(process -> processes.put(name.substring(name.indexOf('/') + 1), process));
            }
        }
        processes.put("benchmark harness", ProcessHandle.current());
        processes.forEach((name, process) -> startedAt.put(name, cpu(process)));
        machineAtStart = machine();
    }

    static CpuShares start(LocalStackControl stack) {
        return new CpuShares(stack);
    }

    /** Cores used since the start: per process, all of them added up, the machine's busy cores, and its cores. */
    Map<String, Object> stop() {
        double seconds = (System.nanoTime() - wallAtStart) / 1e9;
        Map<String, Object> cores = new LinkedHashMap<>();
        double measured = 0;
        for (Map.Entry<String, ProcessHandle> process : processes.entrySet()) {
            double used = cpu(process.getValue()).minus(startedAt.get(process.getKey())).toNanos() / 1e9 / seconds;
            cores.put(process.getKey(), Latency.round(used));
            measured += used;
        }
        long[] machine = machine();
        double ticks = machine[1] - machineAtStart[1];
        int available = Runtime.getRuntime().availableProcessors();
        double busy = ticks == 0 ? 0 : (machine[0] - machineAtStart[0]) / ticks * available;
        cores.put("everything else", Latency.round(Math.max(0, busy - measured)));
        cores.put("machine busy", Latency.round(busy));
        cores.put("machine cores", available);
        return cores;
    }

    /** One line for the log: each figure in cores. */
    static String describe(Map<String, Object> cores) {
        List<String> parts = new ArrayList<>();
        cores.forEach((name, value) -> parts.add(name + " " + value));
        return String.join(", ", parts);
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The machine's busy and total jiffies (the first line of /proc/stat: idle and iowait are not busy). */
    private static long[] machine() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                long value = Long.parseLong(fields[i]);
                total += value;
                if (i == 4 || i == 5) {
                    idle += value;
                }
            }
            return new long[] {total - idle, total};
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/stat", e);
        }
    }
}
