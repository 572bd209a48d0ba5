package io.salestargets.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The ceiling is read from the output of Kafka's own tools, as Kafka 4.1 prints it. */
class KafkaCeilingTest {

    @Test
    void readsProducerPerformancesSummaryNotItsProgressLines() {
        String output = """
                101234 records sent, 20242.8 records/sec (5.93 MB/sec), 501.2 ms avg latency, 1190.0 ms max latency.
                200000 records sent, 87108.0 records/sec (25.50 MB/sec), 84.44 ms avg latency, 700.00 ms max latency, \
                33 ms 50th, 277 ms 95th, 313 ms 99th, 319 ms 99.9th.
                """;
        KafkaCeiling.ProducerResult result = KafkaCeiling.parseProducer(output);
        assertThat(result.records()).isEqualTo(200_000);
        assertThat(result.recordsPerSecond()).isEqualTo(87_108.0);
        assertThat(result.megabytesPerSecond()).isEqualTo(25.50);
        assertThat(result.avgMs()).isEqualTo(84.44);
        assertThat(result.p50Ms()).isEqualTo(33);
        assertThat(result.p99Ms()).isEqualTo(313);
    }

    @Test
    void readsConsumerPerformancesFiguresByTheirNames() {
        String output = """
                start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
                2026-11-29 20:37:29:399, 2026-11-29 20:37:30:808, 58.5556, 41.5583, 200000, 141944.6416, 540, 869, 67.3827, 230149.5972
                """;
        KafkaCeiling.ConsumerResult result = KafkaCeiling.parseConsumer(output);
        assertThat(result.records()).isEqualTo(200_000);
        assertThat(result.recordsPerSecond()).isEqualTo(230_149.5972);
        assertThat(result.megabytesPerSecond()).isEqualTo(67.3827);
    }

    @Test
    void outputWithoutFiguresIsAnErrorThatShowsIt() {
        assertThatThrownBy(() -> KafkaCeiling.parseProducer("ERROR: topic does not exist"))
                .hasMessageContaining("topic does not exist");
        assertThatThrownBy(() -> KafkaCeiling.parseConsumer("WARN: nothing consumed"))
                .hasMessageContaining("nothing consumed");
    }
}
