package io.salestargets.benchmarks;

import io.salestargets.events.json.EventJson;
import io.salestargets.localstack.demo.DemoTargets;
import io.salestargets.localstack.demo.SaleGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code deploy/bench/run}: measures the machine's Kafka ceiling and the Kafka Streams ceiling, then the pipeline
 * (catch-up, end-to-end latency, commands, queries, footprint) on the local stack, each step once the work before it
 * is done ({@link PreviousWork}), and writes a Markdown report
 * and a JSON of the raw figures under {@code deploy/bench/results/}.
 *
 * <pre>
 * Benchmarks --project-dir DIR [--scale small|full] [--only ceiling,catch-up,...] [--sales N] [--fresh]
 * </pre>
 */
public final class Benchmarks {

    static final List<String> STEPS = List.of("ceiling", "streams-ceiling", "catch-up", "latency", "commands", "queries", "footprint");

    /** How long a phase waits for the work of the phases before it; longer fails the run. */
    private static final java.time.Duration GATE_TIMEOUT = java.time.Duration.ofMinutes(10);

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Scale scale = Scale.named(options.getOrDefault("scale", "small"));
        Path projectDir = Path.of(options.getOrDefault("project-dir", ".")).toAbsolutePath().normalize();
        Set<String> steps = new LinkedHashSet<>(options.containsKey("only")
                ? Arrays.asList(options.get("only").split(",")) : STEPS);
        if (!STEPS.containsAll(steps)) {
            throw new IllegalArgumentException("--only takes " + String.join(",", STEPS));
        }
        String name = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm")) + "-" + scale.name();
        Path results = projectDir.resolve("deploy/bench/results");
        Files.createDirectories(results);
        Path log = results.resolve(name + ".log");
        LocalStackControl stack = new LocalStackControl(projectDir);
        BenchContext bench = new BenchContext(stack, log);
        Report report = new Report(scale.name(), Machine.describe(projectDir));

        bench.log("benchmarks, scale " + scale.name() + ": " + String.join(", ", steps) + "; details in " + log);
        if (options.containsKey("fresh")) {
            bench.log("--fresh: stopping the local stack, deleting its data");
            stack.wipe(log);
        }
        bench.log("starting the local stack (or finding it running)");
        stack.start(log);
        int recordSize = averageSaleRecordSize(bench);
        report.raw("saleRecordBytes", recordSize);
        bench.log("setting the targets of tenant " + BenchContext.TENANT);
        int rows = new DemoTargets(BenchContext.COMMAND_URL, bench.token()).load(BenchContext.BENCH_TENANT, bench.year());
        report.raw("targetRowsCreated", rows);
        bench.commandsSent();
        PreviousWork previousWork = new PreviousWork(bench);
        List<PreviousWork.Waited> waits = new ArrayList<>();
        report.raw("waits", waits);

        Ceiling ceiling = null;
        if (steps.contains("ceiling")) {
            waits.add(previousWork.await("ceiling", GATE_TIMEOUT));
            ceiling = Ceiling.measure(bench, scale, recordSize);
            ceiling.report(report);
        }
        // the catch-up's sales go onto crm.sales first (the projector reset and stopped), so that the Streams ceiling
        // reads the same records before the projector does
        CatchUp catchUp = steps.contains("catch-up") ? new CatchUp(bench) : null;
        if (catchUp != null) {
            waits.add(previousWork.await("catch-up (producing its sales)", GATE_TIMEOUT));
            catchUp.produce(options.containsKey("sales") ? Integer.parseInt(options.get("sales")) : scale.catchUpSales());
        }
        StreamsCeiling.Result streamsCeiling = null;
        if (steps.contains("streams-ceiling")) {
            waits.add(previousWork.await("streams-ceiling", GATE_TIMEOUT));
            streamsCeiling = new StreamsCeiling(bench).run();
            report.raw("streamsCeiling", streamsCeiling);
            report.atLeast("0 Ceiling", "Kafka Streams ceiling (exactly-once: repartition by tenant, last revision per sale in "
                    + "changelogged RocksDB, count per tenant in memory)", streamsCeiling.salesPerSecond(), "sales/s", null,
                    ceiling == null ? null : streamsCeiling.salesPerSecond() / ceiling.producer().recordsPerSecond(), "producer ceiling");
            WrittenPerSale.report(report, "0 Ceiling", "the Kafka Streams ceiling", streamsCeiling.written(), null);
            SaleGenerator.Totals sent = catchUp == null ? null : catchUp.totals();
            if (sent != null && streamsCeiling.sales() == catchUp.generated()) {
                long counted = streamsCeiling.counted().getOrDefault(BenchContext.TENANT, 0L);
                long counts = sent.of(SaleGenerator.Owner.COMPANY).count();
                if (counted != counts) {
                    throw new IllegalStateException("the Kafka Streams ceiling counted " + counted + " sales of tenant " + BenchContext.TENANT
                            + ", not the " + counts + " that count of those sent");
                }
                report.note("The Kafka Streams ceiling counted " + counted + " sales of tenant " + BenchContext.TENANT
                        + " that count, as many as the generator sent.");
            }
        }
        if (catchUp != null) {
            waits.add(previousWork.await("catch-up (the projector)", GATE_TIMEOUT));
            CatchUp.Result result = catchUp.project();
            report.raw("catchUp", result);
            report.atLeast("1 Catch-up", "sales/s until lag 0 (exactly-once, from nothing)", result.salesPerSecond(), "sales/s",
                    50_000.0, null, null);
            report.atLeast("1 Catch-up", "floor", result.salesPerSecond(), "sales/s", 20_000.0, null, null);
            if (streamsCeiling != null) {
                report.atLeast("1 Catch-up", "catch-up / Kafka Streams ceiling (sales/s over sales/s)",
                        result.salesPerSecond() / streamsCeiling.salesPerSecond(), "", 0.5, null, null);
            }
            if (ceiling != null) {
                report.atLeast("1 Catch-up", "catch-up / ProducerPerformance (sales/s over records/s)",
                        result.salesPerSecond() / ceiling.producer().recordsPerSecond(), "", 0.07, null, null);
            }
            WrittenPerSale.report(report, "1 Catch-up", "the projector", result.written(), 3.0);
            report.atMost("1 Catch-up", "projector start until ready", result.startSeconds(), "s", null, null, null);
            report.atMost("5 Footprint", "projector RSS after catch-up", result.projectorRssMib(), "MiB", null, null, null);
        }
        if (steps.contains("streams-ceiling") || catchUp != null) {
            report.note("What an application wrote per input sale: the growth of each topic's end offsets (AdminClient listOffsets), "
                    + "which count records and transaction markers alike (under exactly-once each commit writes one marker to every "
                    + "partition its transaction wrote to), and of its size on the broker's disk (describeLogDirs: after the "
                    + "producer's compression, with batch headers; compaction could make it smaller later). Internal topics are found "
                    + "by the application id prefix.");
        }
        if (steps.contains("latency")) {
            waits.add(previousWork.await("latency", GATE_TIMEOUT));
            CpuShares cpu = CpuShares.start(bench.stack());
            // as long a warm-up as the reads': the JIT compiles the live path (publishing every interval) only now, the
            // catch-up before it published every few seconds (C2 takes about a third of a core for the first minute)
            EndToEndLatency.Result latency = new EndToEndLatency(bench).run(scale.latencyRate(), scale.latencyTime(), scale.warmUp());
            Map<String, Object> cores = cpu.stop();
            bench.log("latency: cores used, " + CpuShares.describe(cores));
            report.raw("latency", latency);
            report.raw("latencyCores", cores);
            report.note("Cores used during the latency run (CPU time over wall time, per process; the machine's from /proc/stat): "
                    + CpuShares.describe(cores) + ".");
            Double ackP99 = ceiling == null ? null : ceiling.atRate().p99Ms();
            String at = " at " + scale.latencyRate() + " sales/s";
            for (Map.Entry<String, Map<String, Object>> path : List.of(Map.entry("on targets.progress", latency.onTopic()),
                    Map.entry("over REST (sampled)", latency.overRest()))) {
                double p50 = millis(path.getValue(), "p50Ms");
                double p99 = millis(path.getValue(), "p99Ms");
                report.atMost("2 Latency", "sale -> view " + path.getKey() + at + ", p50", p50, "ms", 120.0,
                        ackP99 == null ? null : p50 / ackP99, "produce-to-ack p99");
                report.atMost("2 Latency", "sale -> view " + path.getKey() + at + ", p99", p99, "ms", 250.0,
                        ackP99 == null ? null : p99 / ackP99, "produce-to-ack p99");
            }
            report.atMost("2 Latency", "sales never seen in their view", latency.unseen(), "sales", 0.0, null, null);
            report.note("The latencies count from when the schedule meant to send each sale; the harness handed them to its producer "
                    + "p99 %.0f ms, at most %.0f ms late (part of every latency above).".formatted(millis(latency.sentLate(), "p99Ms"),
                    millis(latency.sentLate(), "maxMs")));
        }
        if (steps.contains("commands")) {
            waits.add(previousWork.await("commands", GATE_TIMEOUT));
            String clients = " (" + scale.commandClients() + " clients)";
            PostgresCeiling.Result postgres = null;
            if (PostgresCeiling.available()) {
                postgres = new PostgresCeiling(stack.projectDir(), bench::log).run(PostgresCeiling.serverOf(stack),
                        scale.commandClients(), BenchContext.BENCH_TENANT.users().size(), scale.commandTime());
                report.raw("postgresCeiling", postgres);
                report.atLeast("0 Ceiling", "PostgreSQL ceiling: pgbench running one PUT's statements" + clients,
                        postgres.transactionsPerSecond(), "transactions/s", null, null, null);
                report.atMost("0 Ceiling", "PostgreSQL ceiling p99" + clients, postgres.p99Ms(), "ms", null, null, null);
            } else {
                report.note("No PostgreSQL ceiling: pgbench is not installed (it ships with the PostgreSQL server).");
            }
            Commands.Result commands = new Commands(bench).run(scale.commandClients(), scale.commandTime(), scale.warmUp().dividedBy(2));
            report.raw("commands", commands);
            report.atLeast("3 Commands", "PUT of target rows" + clients, commands.load().perSecond(), "commands/s", 2_000.0,
                    postgres == null ? null : commands.load().perSecond() / postgres.transactionsPerSecond(), "PostgreSQL ceiling");
            if (postgres != null) {
                report.atLeast("3 Commands", "PUT / PostgreSQL ceiling (commands/s over transactions/s)",
                        commands.load().perSecond() / postgres.transactionsPerSecond(), "", 0.6, null, null);
            }
            report.atMost("3 Commands", "PUT p99" + clients, commands.load().p99Ms(), "ms", 50.0, null, null);
            report.atMost("3 Commands", "failed PUTs", commands.load().failed(), "requests", 0.0, null, null);
            report.atMost("3 Commands", "relay lag (occurredAt -> read from targets.events), p99",
                    millis(commands.relayLag(), "p99Ms"), "ms", 100.0,
                    ceiling == null ? null : millis(commands.relayLag(), "p99Ms") / ceiling.atRate().p99Ms(), "produce-to-ack p99");
            report.atMost("3 Commands", "relay lag to publication (occurredAt -> the record's timestamp on targets.events), p99",
                    millis(commands.publishedLag(), "p99Ms"), "ms", null, null, null);
            String half = " at " + Report.format(Math.max(1, (long) (commands.load().perSecond() / 2))) + "/s (half the most)";
            report.atMost("3 Commands", "PUT p50" + half, commands.halfMost().p50Ms(), "ms", null, null, null);
            report.atMost("3 Commands", "PUT p99" + half, commands.halfMost().p99Ms(), "ms", 50.0, null, null);
            report.atMost("3 Commands", "failed PUTs" + half, commands.halfMost().failed(), "requests", 0.0, null, null);
            report.atMost("3 Commands", "relay lag p99" + half, millis(commands.relayLagAtHalf(), "p99Ms"), "ms", 100.0,
                    ceiling == null ? null : millis(commands.relayLagAtHalf(), "p99Ms") / ceiling.atRate().p99Ms(), "produce-to-ack p99");
            report.atMost("3 Commands", "relay lag to publication p99" + half, millis(commands.publishedLagAtHalf(), "p99Ms"), "ms",
                    null, null, null);
            report.atMost("5 Footprint", "command service RSS after the commands", commands.commandServiceRssMib(), "MiB", null, null,
                    null);
        }
        if (steps.contains("queries")) {
            waits.add(previousWork.await("queries", GATE_TIMEOUT));
            Queries.Result queries = new Queries(bench, scale.queryOwners()).run(scale.queryClients(), scale.queryRate(),
                    scale.queryTime(), scale.warmUp());
            report.raw("queries", queries);
            for (Queries.Run run : List.of(queries.oneInstance(), queries.twoInstances())) {
                boolean one = run.instances() == 1;
                String what = (one ? "1 instance" : "2 instances, half the reads forwarded") + ", " + scale.queryClients() + " clients";
                report.atLeast("4 Queries", what + ": most reads/s (closed loop)", run.mostPerSecond().perSecond(), "reads/s",
                        one ? (double) scale.queryRate() : null,
                        ceiling == null ? null : run.mostPerSecond().perSecond() / ceiling.consumer().recordsPerSecond(),
                        "consumer ceiling");
                report.atLeast("4 Queries", what + ": answered/s at " + Report.format(scale.queryRate()) + "/s asked",
                        run.fixedRate().perSecond(), "reads/s", one ? (double) scale.queryRate() : null, null, null);
                report.atMost("4 Queries", what + ": p99 at " + Report.format(scale.queryRate()) + "/s asked (unsent: from due to end)",
                        run.fixedRate().p99Ms(), "ms", one ? 10.0 : null, null, null);
                String half = Report.format(Math.max(1, (long) (run.mostPerSecond().perSecond() / 2))) + "/s (half the most)";
                report.atMost("4 Queries", what + ": p50 at " + half, run.halfMost().p50Ms(), "ms", null, null, null);
                report.atMost("4 Queries", what + ": p99 at " + half, run.halfMost().p99Ms(), "ms", one ? 10.0 : null, null, null);
                report.atMost("4 Queries", what + ": failed reads",
                        run.fixedRate().failed() + run.mostPerSecond().failed() + run.halfMost().failed(), "requests", 0.0, null, null);
            }
            report.atMost("4 Queries", "cost of forwarding half the reads: p50 at half the most, 2 instances minus 1",
                    queries.twoInstances().halfMost().p50Ms() - queries.oneInstance().halfMost().p50Ms(), "ms", null, null, null);
            report.note("Queries: partitions of the projector's repartition topics per instance: " + queries.oneInstance().split() + " with one, "
                    + queries.twoInstances().split() + " with two.");
        }
        if (steps.contains("footprint")) {
            waits.add(previousWork.await("footprint", GATE_TIMEOUT));
            Footprint.Restart restart = new Footprint(bench).restartProjector();
            report.raw("restart", restart);
            report.atMost("5 Footprint", "projector restart with state on disk, until ready", restart.startSeconds(), "s", null, null,
                    null);
            report.atMost("5 Footprint", "projector restart with state on disk, until caught up", restart.caughtUpSeconds(), "s", null,
                    null, null);
            report.atMost("5 Footprint", "projector RSS after the restart", restart.projectorRssMib(), "MiB", null, null, null);
            report.atMost("5 Footprint", "command service RSS at the end", restart.commandServiceRssMib(), "MiB", null, null, null);
        }
        waits.forEach(waited -> report.note("Phase " + waited.sentence() + "."));
        Path md = report.write(results, name);
        bench.log("report: " + md);
        System.out.println();
        System.out.println(report.markdown());
        if (scale == Scale.FULL) {
            long missed = report.figures().stream().filter(figure -> Boolean.FALSE.equals(figure.met())).count();
            bench.log(missed == 0 ? "every goal met" : missed + " goal(s) missed: see the report");
        }
    }

    private static double millis(Map<String, Object> latency, String percentile) {
        return ((Number) latency.get(percentile)).doubleValue();
    }

    /** The mean size of a sale record (key and value) as the generator makes them: the ceiling's record size. */
    private static int averageSaleRecordSize(BenchContext bench) {
        SaleGenerator generator = bench.generator(BenchContext.CATCH_UP_MIX);
        long bytes = 0;
        int records = 10_000;
        for (int i = 0; i < records; i++) {
            SaleGenerator.SaleRecord record = generator.next(true);
            bytes += record.key().length() + (record.value() == null ? 0 : record.value().length());
        }
        return (int) (bytes / records);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String value = !rest.isEmpty() && !rest.get(0).startsWith("--") ? rest.remove(0) : "";
            options.put(arg.substring(2), value);
        }
        return options;
    }
}
