package io.salestargets.benchmarks;

import java.time.Duration;

/**
 * How much each benchmark does. {@code full} is what the goals are stated for; {@code small} checks
 * that the harness works end to end in a few minutes (CI), and says nothing about speed.
 *
 * @param ceilingRecords      records that Kafka's ProducerPerformance and ConsumerPerformance move
 * @param catchUpSales        sale records on {@code crm.sales} before the projector starts from nothing
 * @param latencyRate         sales per second during the end-to-end latency run
 * @param latencyTime         how long the latency run lasts
 * @param commandClients      concurrent clients putting target rows
 * @param commandTime         how long they put
 * @param queryOwners         owners (users with one sale each) that the reads pick from
 * @param queryClients        concurrent readers
 * @param queryRate           reads per second that the fixed-rate run asks for
 * @param queryTime           how long each read run lasts
 * @param warmUp              how long the reads and the latency run (the commands: half of it) run before they are measured (the JIT
 *                            compiles their paths meanwhile)
 */
public record Scale(String name, int ceilingRecords, int catchUpSales, int latencyRate, Duration latencyTime,
        int commandClients, Duration commandTime, int queryOwners, int queryClients, int queryRate, Duration queryTime,
        Duration warmUp) {

    public static final Scale FULL = new Scale("full", 2_000_000, 1_000_000, 2_000, Duration.ofSeconds(60),
            32, Duration.ofSeconds(60), 100_000, 32, 10_000, Duration.ofSeconds(30), Duration.ofSeconds(20));
    public static final Scale SMALL = new Scale("small", 200_000, 20_000, 200, Duration.ofSeconds(10),
            8, Duration.ofSeconds(5), 2_000, 8, 500, Duration.ofSeconds(4), Duration.ofSeconds(3));

    public static Scale named(String name) {
        return switch (name) {
            case "full" -> FULL;
            case "small" -> SMALL;
            default -> throw new IllegalArgumentException("--scale is small or full, not '" + name + "'");
        };
    }
}
