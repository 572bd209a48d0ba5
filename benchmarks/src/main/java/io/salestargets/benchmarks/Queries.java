package io.salestargets.benchmarks;

import io.salestargets.localstack.LocalStack;
import io.salestargets.localstack.demo.DemoTenant;
import io.salestargets.localstack.demo.SaleGenerator;
import io.salestargets.localstack.service.ServiceProcess;
import io.salestargets.localstack.token.DevKeys;
import io.salestargets.localstack.token.DevToken;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Benchmark 4, queries: progress reads of random users of a tenant with many owners (one sale each),
 * from concurrent clients: first at a fixed rate (latency counted from when each read was due), then
 * as fast as they are answered (the most reads per second). Then again with a second projector
 * instance in the group, half the clients reading from each instance: an instance answers the reads
 * of the keys it holds and forwards the others to their owner, so that about half the reads are
 * forwarded whatever the split (a new instance holds no keys until its warm-up replicas have caught
 * up, Kafka Streams' probing rebalances), and the difference is the cost of forwarding.
 */
final class Queries {

    /** The tenant whose users are read: one sale each, nothing else. */
    static final String TENANT = "bench-q";
    private static final int USERS_PER_GROUP = 250;
    private static final String SECOND_INSTANCE = "progress-projector-2";
    private static final int SECOND_PORT = 8082;

    /**
     * @param fixedRate     reads at the scale's rate (the goal's), latency from when each was due
     * @param mostPerSecond reads as fast as they are answered
     * @param halfMost      reads at a fixed rate of half the most: the latency where the service keeps up
     * @param split         how many partitions of the projector's repartition topics each instance holds (found by the
     *                      application id prefix: their names are the topology's)
     */
    record Run(int instances, HttpLoad.Result fixedRate, HttpLoad.Result mostPerSecond, HttpLoad.Result halfMost,
            Map<String, Long> split) {
    }

    record Result(int owners, Run oneInstance, Run twoInstances) {
    }

    private final BenchContext bench;
    private final DemoTenant tenant;
    private final String token;

    Queries(BenchContext bench, int owners) {
        this.bench = bench;
        int groups = (owners + USERS_PER_GROUP - 1) / USERS_PER_GROUP;
        this.tenant = DemoTenant.generated(TENANT, groups, Math.min(owners, USERS_PER_GROUP));
        this.token = DevToken.builder().tenant(TENANT).sign();
    }

    Result run(int clients, int rate, Duration time, Duration warmUp) {
        List<String> users = tenant.users();
        bench.log("queries: one sale for each of %d users of tenant %s".formatted(users.size(), TENANT));
        try (SalesProducer producer = new SalesProducer(bench.bootstrapServers(), 20)) {
            for (int i = 0; i < users.size(); i++) {
                String user = users.get(i);
                producer.send(new SaleGenerator.SaleRecord(TENANT + "/q-" + user, sale(user, i), SaleGenerator.Kind.WON));
            }
            producer.flush();
        }
        bench.awaitProjectorCaughtUp(Duration.ofMinutes(10));
        check(users.get(users.size() / 2), users.size() / 2);

        Run one = measure(1, clients, rate, time, warmUp);
        ServiceProcess second = secondInstance();
        try {
            bench.log("queries: starting a second projector instance on port " + SECOND_PORT);
            second.start(secondEnvironment(), Duration.ofMinutes(3));
            awaitBothReady(second);
            Run two = measure(2, clients, rate, time, warmUp);
            return new Result(users.size(), one, two);
        } finally {
            bench.log("queries: stopping the second instance");
            second.stop(Duration.ofSeconds(30));
            bench.awaitProjectorCaughtUp(Duration.ofMinutes(5));
        }
    }

    private Run measure(int instances, int clients, int rate, Duration time, Duration warmUp) {
        List<String> users = tenant.users();
        String views = "/api/v1/progress/" + bench.year() + "/all-sales-amount/users/";
        HttpLoad.Request read = (http, client, random) -> http.get(views + users.get(random.nextInt(users.size())));
        // with two instances, half the clients read from each: whichever keys each holds, about half the reads
        // reach an instance that does not hold their key and forwards them
        List<String> urls = instances == 1 ? List.of(BenchContext.PROJECTOR_URL)
                : List.of(BenchContext.PROJECTOR_URL, "http://127.0.0.1:" + SECOND_PORT);
        HttpLoad load = new HttpLoad(urls, token, clients);
        // the JIT compiles the read path (and, on a new instance, the forwarding path) before the measured runs
        bench.log("queries (%d instance(s)): warming up for %d s".formatted(instances, warmUp.toSeconds()));
        load.closedLoop(warmUp, read);
        bench.log("queries (%d instance(s)): %d clients as fast as answered for %d s".formatted(instances, clients, time.toSeconds()));
        HttpLoad.Result most = load.closedLoop(time, read);
        bench.log("queries (%d instance(s)): %d clients at %d reads/s for %d s".formatted(instances, clients, rate, time.toSeconds()));
        HttpLoad.Result fixed = load.fixedRate(rate, time, read);
        // and where the service keeps up: half the most it answered
        int half = (int) Math.max(1, most.perSecond() / 2);
        bench.log("queries (%d instance(s)): %d clients at %d reads/s (half the most) for %d s".formatted(instances, clients, half,
                time.toSeconds()));
        HttpLoad.Result halfMost = load.fixedRate(half, time, read);
        Map<String, Long> split;
        try (Broker broker = bench.broker()) {
            split = broker.partitionsPerMember(BenchContext.PROJECTOR_GROUP,
                    broker.internalTopics(BenchContext.PROJECTOR_GROUP, "-repartition"));
        }
        bench.log(("queries (%d instance(s)): most %.0f reads/s (p99 %.2f ms); at %d/s asked %.0f answered/s, p99 %.2f ms, %d unsent; "
                + "at %d/s p50 %.2f ms, p99 %.2f ms; %d failed; partitions per instance %s").formatted(instances, most.perSecond(),
                most.p99Ms(), rate, fixed.perSecond(), fixed.p99Ms(), fixed.unsent(), half, halfMost.p50Ms(), halfMost.p99Ms(),
                most.failed() + fixed.failed() + halfMost.failed(), split));
        for (HttpLoad.Result result : List.of(most, fixed, halfMost)) {
            if (result.firstFailure() != null) {
                bench.log("queries: first failure: " + result.firstFailure());
                break;
            }
        }
        return new Run(instances, fixed, most, halfMost, split);
    }

    /** The sale of user number {@code index}: won today, an amount that the check can compute again. */
    private String sale(String user, int index) {
        return ("{\"type\":\"SaleWon\",\"tenantId\":\"%s\",\"saleId\":\"q-%s\",\"revision\":1,\"wonDate\":\"%s\",\"userId\":\"%s\","
                + "\"groupId\":\"%s\",\"amount\":%s,\"profit\":%s,\"currency\":\"NOK\",\"dimensions\":{\"sale-type\":\"st-new\","
                + "\"company-category\":\"cat-smb\"},\"occurredAt\":\"%sT12:00:00Z\"}").formatted(TENANT, user, bench.today(), user,
                tenant.groupOf(user), amount(index), amount(index).divide(BigDecimal.TEN), bench.today());
    }

    private static BigDecimal amount(int index) {
        return BigDecimal.valueOf(1_000 + index % 1_000);
    }

    /** One user's view shows exactly its one sale: the reads read real views. */
    private void check(String user, int index) {
        BigDecimal actual = new Rest(token).get(BenchContext.PROJECTOR_URL + "/api/v1/progress/" + bench.year()
                + "/all-sales-amount/users/" + user).at("/total/actual").decimalValue();
        if (actual.compareTo(amount(index)) != 0) {
            throw new IllegalStateException("the view of " + user + " shows " + actual + ", not its one sale of " + amount(index));
        }
    }

    private ServiceProcess secondInstance() {
        Path runDir = bench.stack().runDir();
        return new ServiceProcess(new ServiceProcess.Settings(SECOND_INSTANCE,
                bench.stack().projectDir().resolve("progress-projector/target/quarkus-app/quarkus-run.jar"), SECOND_PORT, runDir,
                runDir.resolve("logs").resolve(SECOND_INSTANCE + ".log")));
    }

    private Map<String, String> secondEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bench.bootstrapServers());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", bench.stack().projectDir().resolve("deploy/local/dev-keys/public.pem").toString());
        env.put("MP_JWT_VERIFY_ISSUER", DevKeys.ISSUER);
        // the contract's tokens carry no aud: local use accepts any audience (TokenPolicy), never any issuer
        env.put("TOKEN_POLICY_ANY_AUDIENCE", "true");
        env.put("KAFKA_STREAMS_STATE_DIR", bench.stack().runDir().resolve(SECOND_INSTANCE + "-state").toString());
        env.put("PROJECTOR_INSTANCE_ID", "local-2");
        env.put("PROJECTOR_HOP_SECRET", LocalStack.PROJECTOR_HOP_SECRET);
        return env;
    }

    /**
     * Both instances ready, nothing left to process, and the tenant stage's tasks shared out for good: Kafka Streams moves
     * a task to the new instance only once the copy it warms up there has caught up, at its next probing rebalance (up to a
     * minute later), and the partition is not answered while its new owner rebuilds it (a 503 after two seconds, for a
     * tenant of 100,000 users): reads measured across that move would measure the move.
     */
    private void awaitBothReady(ServiceProcess second) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!(Rest.ready(BenchContext.PROJECTOR_URL) && second.ready())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the two projector instances were not both ready within 3 minutes");
            }
            Pause.of(Duration.ofMillis(200));
        }
        bench.awaitProjectorCaughtUp(Duration.ofMinutes(5));
        Map<String, Long> split = awaitTasksShared(deadline);
        bench.log("queries: the tenant stage's partitions per instance " + split);
        bench.awaitProjectorCaughtUp(Duration.ofMinutes(5));
        // the new instance restores its warm-up replicas' state in the background, which would take CPU from the
        // reads: wait until it uses less than a fifth of a core
        long pid = second.process().orElseThrow().pid();
        while (System.nanoTime() < deadline) {
            double before = LocalStackControl.cpuSeconds(pid);
            Pause.of(Duration.ofSeconds(2));
            if (LocalStackControl.cpuSeconds(pid) - before < 0.4) {
                return;
            }
        }
        bench.log("queries: the second instance was still busy after 3 minutes; measuring anyway");
    }

    /**
     * Waits until both instances hold the tenant stage's input partitions (of its repartition topics) and their shares differ
     * by at most one task's (a partition of each topic), as Kafka Streams' assignor leaves them once no copy is warming up.
     */
    private Map<String, Long> awaitTasksShared(long deadline) {
        try (Broker broker = bench.broker()) {
            Set<String> topics = broker.internalTopics(BenchContext.PROJECTOR_GROUP, "-repartition");
            while (true) {
                Map<String, Long> split = broker.partitionsPerMember(BenchContext.PROJECTOR_GROUP, topics);
                long most = split.values().stream().mapToLong(Long::longValue).max().orElse(0);
                long least = split.values().stream().mapToLong(Long::longValue).min().orElse(0);
                if (split.size() == 2 && least > 0 && most - least <= topics.size()) {
                    return split;
                }
                if (System.nanoTime() > deadline) {
                    bench.log("queries: the tasks were not shared out within 3 minutes (" + split + "); measuring anyway");
                    return split;
                }
                Pause.of(Duration.ofSeconds(1));
            }
        }
    }
}
