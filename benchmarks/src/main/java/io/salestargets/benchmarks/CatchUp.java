package io.salestargets.benchmarks;

import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.targets.TargetType;
import io.salestargets.localstack.demo.DemoTenant;
import io.salestargets.localstack.demo.SaleGenerator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark 1, projector catch-up, in two parts: {@link #produce} resets the projector (consumer group reset,
 * internal topics and local state deleted; it stays stopped) and puts the sales on {@code crm.sales}; then,
 * after the Streams ceiling has read the same records, {@link #project} starts the projector (exactly-once) and
 * counts sales per second until its lag is 0 on {@code crm.sales}, {@code targets.events} and its repartition
 * topics, and what it wrote per input sale to its internal topics and its output topics. Then checks that every
 * view of the company, each group and each user, per type and list item, adds up to what was sent.
 */
final class CatchUp {

    /** What the run measured. */
    record Result(long salesOnTopic, long generated, double producedPerSecond, double startSeconds, double catchUpSeconds,
            double salesPerSecond, double salesPerSecondWithStart, double projectorRssMib, WrittenPerSale.Result written,
            double settleSeconds, Map<String, Object> checks) {
    }

    /** What the projector writes besides its internal topics. */
    static final List<String> OUTPUT_TOPICS = List.of(Topics.PROGRESS, Topics.SALES_DLQ);

    private final BenchContext bench;
    private SaleGenerator generator;
    private int sales;
    private double produceSeconds;

    CatchUp(BenchContext bench) {
        this.bench = bench;
    }

    /** Resets the projector (it stays stopped) and puts {@code sales} sale records on crm.sales. */
    void produce(int sales) {
        bench.log("catch-up: resetting the projector (it stays stopped)");
        bench.stack().resetProjectorStopped(bench.log());
        this.sales = sales;
        this.generator = bench.generator(BenchContext.CATCH_UP_MIX);
        bench.log("catch-up: producing " + sales + " sale records of tenant " + BenchContext.TENANT
                + " (20 groups x 25 users, 10% corrections, 2% retractions)");
        long produceStart = System.nanoTime();
        try (SalesProducer producer = new SalesProducer(bench.bootstrapServers(), 20)) {
            for (int i = 0; i < sales; i++) {
                producer.send(generator.next(true));
            }
            producer.flush();
        }
        produceSeconds = (System.nanoTime() - produceStart) / 1e9;
    }

    /** How many sale records {@link #produce} sent. */
    int generated() {
        return sales;
    }

    /** What the generator says the sales add up to; null before {@link #produce}. */
    SaleGenerator.Totals totals() {
        return generator == null ? null : generator.totals(bench.year());
    }

    /** Starts the projector on the sales that {@link #produce} sent, until it has caught up; then checks its views. */
    Result project() {
        WrittenPerSale writes = new WrittenPerSale(BenchContext.PROJECTOR_GROUP, OUTPUT_TOPICS);
        long onTopic;
        WrittenPerSale.Snapshot before;
        try (Broker broker = bench.broker()) {
            onTopic = broker.endOffsets(Topics.SALES);
            before = writes.snapshot(broker);
        }
        bench.log("catch-up: %d records on crm.sales; starting the projector".formatted(onTopic));
        long launched = System.nanoTime();
        bench.stack().start(bench.log());
        long ready = System.nanoTime();
        long caughtUp = bench.awaitProjectorCaughtUp(Duration.ofMinutes(20));
        double catchUpSeconds = (caughtUp - ready) / 1e9;
        double rss = LocalStackControl.residentMib(bench.stack().pid(LocalStackControl.PROJECTOR).orElseThrow());
        bench.log("catch-up: %d records in %.1f s after the projector was ready: %.0f sales/s".formatted(onTopic, catchUpSeconds,
                onTopic / catchUpSeconds));
        // views are published a little after the sales that changed them are committed: count what it wrote once its
        // topics have stopped growing
        long settling = System.nanoTime();
        WrittenPerSale.Snapshot after;
        try (Broker broker = bench.broker()) {
            after = settled(writes, broker);
        }
        WrittenPerSale.Result written = writes.between(before, after, onTopic);
        double settleSeconds = (System.nanoTime() - settling) / 1e9;
        bench.log("catch-up: the projector wrote %.2f offsets and %.0f bytes per input sale (%s)".formatted(
                written.total().offsetsPerSale(), written.total().bytesPerSale(), written.topics()));
        // the check holds when crm.sales has nothing but these sales (--fresh); else it says why it was skipped
        Map<String, Object> checks = onTopic == sales ? check(totals())
                : Map.of("skipped", "crm.sales held " + (onTopic - sales) + " records besides these sales (run with --fresh)");
        return new Result(onTopic, sales, sales / produceSeconds, (ready - launched) / 1e9, catchUpSeconds, onTopic / catchUpSeconds,
                onTopic / ((caughtUp - launched) / 1e9), rss, written, settleSeconds, checks);
    }

    /** A snapshot once the topics' end offsets have not moved for a second (at most 30 s). */
    private static WrittenPerSale.Snapshot settled(WrittenPerSale writes, Broker broker) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        WrittenPerSale.Snapshot last = writes.snapshot(broker);
        while (System.nanoTime() < deadline) {
            Pause.of(Duration.ofSeconds(1));
            WrittenPerSale.Snapshot now = writes.snapshot(broker);
            if (now.offsets().equals(last.offsets())) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** How many keep-alive connections read the views at once. */
    private static final int CHECK_CLIENTS = 8;

    /** One view to read, and what it should show as its year's actual. */
    private record Expected(SaleGenerator.Owner owner, TargetType type, String item, BigDecimal actual) {

        String path(int year) {
            String owner = switch (owner().level()) {
                case "company" -> "company";
                case "group" -> "groups/" + owner().id();
                default -> "users/" + owner().id();
            };
            return "/api/v1/progress/" + year + "/" + type.id() + "/" + owner + (item == null ? "" : "?item=" + item);
        }

        String describe() {
            return owner.level() + " " + owner.id() + ", " + type.id() + (item == null ? "" : " item " + item);
        }
    }

    /**
     * Every view of the bench tenant against what the generator sent: the company, each group and each user
     * (those without sales too: 0), of each type (amount of all sales, count per sale type, profit per company
     * category), read concurrently on kept-alive connections. Any difference fails the run, naming the view.
     */
    private Map<String, Object> check(SaleGenerator.Totals sent) {
        List<SaleGenerator.Owner> owners = new ArrayList<>(List.of(SaleGenerator.Owner.COMPANY));
        BenchContext.BENCH_TENANT.teams().forEach(team -> owners.add(SaleGenerator.Owner.group(team.groupId())));
        BenchContext.BENCH_TENANT.users().forEach(user -> owners.add(SaleGenerator.Owner.user(user)));
        List<Expected> views = new ArrayList<>();
        for (SaleGenerator.Owner owner : owners) {
            views.add(new Expected(owner, TargetType.ALL_SALES_AMOUNT, null, sent.of(owner).amount()));
            for (String item : DemoTenant.SALE_TYPES) {
                views.add(new Expected(owner, DemoTenant.SALE_TYPE_COUNT, item,
                        BigDecimal.valueOf(sent.of(owner, DemoTenant.SALE_TYPE_COUNT.dimension(), item).count())));
            }
            for (String item : DemoTenant.COMPANY_CATEGORIES) {
                views.add(new Expected(owner, DemoTenant.COMPANY_CATEGORY_PROFIT, item,
                        sent.of(owner, DemoTenant.COMPANY_CATEGORY_PROFIT.dimension(), item).profit()));
            }
        }
        bench.log("catch-up: checking %d views (%d owners x 8) against the sales sent, %d at once".formatted(views.size(), owners.size(),
                CHECK_CLIENTS));
        long start = System.nanoTime();
        List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CHECK_CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CHECK_CLIENTS; c++) {
                done.add(clients.submit(() -> {
                    try (KeepAliveHttp http = new KeepAliveHttp(BenchContext.PROJECTOR_URL, bench.token())) {
                        for (int i = next.getAndIncrement(); i < views.size(); i = next.getAndIncrement()) {
                            Expected view = views.get(i);
                            KeepAliveHttp.Response response = http.get(view.path(bench.year()));
                            if (response.status() != 200) {
                                throw new IllegalStateException("GET " + view.path(bench.year()) + " answered " + response.status() + ": "
                                        + response.body());
                            }
                            BigDecimal actual = EventJson.mapper().readTree(response.body()).at("/total/actual").decimalValue();
                            if (actual.compareTo(view.actual()) != 0) {
                                mismatches.add(view.describe() + ": the view shows " + actual.toPlainString() + ", the sales sent add up to "
                                        + view.actual().toPlainString());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : done) {
                client.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("catch-up: reading the views failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException(mismatches.size() + " of " + views.size() + " views do not add up to the sales sent:\n  "
                    + String.join("\n  ", mismatches.subList(0, Math.min(50, mismatches.size())))
                    + (mismatches.size() > 50 ? "\n  ..." : ""));
        }
        bench.log("catch-up: all %d views show what the sales sent add up to (read in %.1f s)".formatted(views.size(), seconds));
        SaleGenerator.Sums company = sent.of(SaleGenerator.Owner.COMPANY);
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("viewsChecked", views.size());
        checks.put("owners", owners.size());
        checks.put("readSeconds", seconds);
        checks.put("companyAmount", company.amount());
        checks.put("companyCount", company.count());
        checks.put("companyProfit", company.profit());
        return checks;
    }
}
