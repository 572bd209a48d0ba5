package io.salestargets.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latencies of one kind, in an HdrHistogram (microseconds, three significant digits). Thread-safe:
 * recording and reading synchronize on it, which costs nothing next to what is measured.
 */
final class Latency {

    private final Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);

    synchronized void recordNanos(long nanos) {
        histogram.recordValue(Math.max(0, Math.min(nanos / 1000, histogram.getHighestTrackableValue())));
    }

    synchronized void recordMillis(long millis) {
        recordNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    synchronized long count() {
        return histogram.getTotalCount();
    }

    /** A percentile in milliseconds. */
    synchronized double millis(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Count, mean, p50, p90, p99, p99.9 and max, in milliseconds. */
    synchronized Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", histogram.getTotalCount());
        summary.put("meanMs", round(histogram.getMean() / 1000.0));
        summary.put("p50Ms", round(millis(50)));
        summary.put("p90Ms", round(millis(90)));
        summary.put("p99Ms", round(millis(99)));
        summary.put("p999Ms", round(millis(99.9)));
        summary.put("maxMs", round(histogram.getMaxValue() / 1000.0));
        return summary;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
