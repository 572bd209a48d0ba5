package io.salestargets.benchmarks;

import io.salestargets.events.Topics;
import io.salestargets.localstack.demo.SaleGenerator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 1, projector catch-up, in two parts: {@link #produce} resets the projector (consumer group reset,
 * internal topics and local state deleted; it stays stopped) and puts the sales on {@code crm.sales}; then,
 * after the Streams ceiling has read the same records, {@link #project} starts the projector (exactly-once) and
 * counts sales per second until its lag is 0 on {@code crm.sales}, {@code targets.events} and its repartition
 * topics, and what it wrote per input sale to its internal topics and its output topics. Then checks that the
 * views add up to what was sent.
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

    /** The company's amount, count and profit views against what the generator sent. */
    private Map<String, Object> check(SaleGenerator.Totals expected) {
        BigDecimal amount = bench.companyTotal("all-sales-amount", null);
        BigDecimal count = BigDecimal.ZERO;
        for (String item : io.salestargets.localstack.demo.DemoTenant.SALE_TYPES) {
            count = count.add(bench.companyTotal("sale-type-count", item));
        }
        BigDecimal profit = BigDecimal.ZERO;
        for (String item : io.salestargets.localstack.demo.DemoTenant.COMPANY_CATEGORIES) {
            profit = profit.add(bench.companyTotal("company-category-profit", item));
        }
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("expectedAmount", expected.amount());
        checks.put("viewAmount", amount);
        checks.put("expectedCount", expected.count());
        checks.put("viewCount", count);
        checks.put("expectedProfit", expected.profit());
        checks.put("viewProfit", profit);
        if (amount.compareTo(expected.amount()) != 0 || count.compareTo(BigDecimal.valueOf(expected.count())) != 0
                || profit.compareTo(expected.profit()) != 0) {
            throw new IllegalStateException("the company's views do not add up to the sales sent: " + checks);
        }
        return checks;
    }
}
