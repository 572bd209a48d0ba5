package io.salestargets.benchmarks;

import io.salestargets.events.Topics;
import io.salestargets.localstack.demo.SaleGenerator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Benchmark 1, projector catch-up: the sales are on {@code crm.sales} before the projector starts
 * from nothing (consumer group reset, internal topics and local state deleted, exactly-once); sales
 * per second until its lag is 0 on {@code crm.sales}, {@code targets.events} and its repartition
 * topics. Then checks that the company's views add up to what was sent.
 */
final class CatchUp {

    /** What the run measured. */
    record Result(long salesOnTopic, long generated, double producedPerSecond, double startSeconds, double catchUpSeconds,
            double salesPerSecond, double salesPerSecondWithStart, double projectorRssMib, Map<String, Object> checks) {
    }

    private final BenchContext bench;

    CatchUp(BenchContext bench) {
        this.bench = bench;
    }

    Result run(int sales) {
        bench.log("catch-up: resetting the projector (it stays stopped)");
        bench.stack().resetProjectorStopped(bench.log());
        SaleGenerator generator = bench.generator(BenchContext.CATCH_UP_MIX);
        bench.log("catch-up: producing " + sales + " sale records of tenant " + BenchContext.TENANT
                + " (20 groups x 25 users, 10% corrections, 2% retractions)");
        long produceStart = System.nanoTime();
        try (SalesProducer producer = new SalesProducer(bench.bootstrapServers(), 20)) {
            for (int i = 0; i < sales; i++) {
                producer.send(generator.next(true));
            }
            producer.flush();
        }
        double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
        long onTopic;
        try (Broker broker = bench.broker()) {
            onTopic = broker.endOffsets(Topics.SALES);
        }
        bench.log("catch-up: %d records on crm.sales; starting the projector".formatted(onTopic));
        long launched = System.nanoTime();
        bench.stack().start(bench.log());
        long ready = System.nanoTime();
        long caughtUp = bench.awaitProjectorCaughtUp(Duration.ofMinutes(20));
        double catchUpSeconds = (caughtUp - ready) / 1e9;
        double rss = LocalStackControl.residentMib(bench.stack().pid(LocalStackControl.PROJECTOR).orElseThrow());
        // the check holds when crm.sales has nothing but these sales (--fresh); else it says why it was skipped
        Map<String, Object> checks = onTopic == sales ? check(generator.totals(bench.year()))
                : Map.of("skipped", "crm.sales held " + (onTopic - sales) + " records besides these sales (run with --fresh)");
        bench.log("catch-up: %d records in %.1f s after the projector was ready: %.0f sales/s".formatted(onTopic, catchUpSeconds,
                onTopic / catchUpSeconds));
        return new Result(onTopic, sales, sales / produceSeconds, (ready - launched) / 1e9, catchUpSeconds, onTopic / catchUpSeconds,
                onTopic / ((caughtUp - launched) / 1e9), rss, checks);
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
