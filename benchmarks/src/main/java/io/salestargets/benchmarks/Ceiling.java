package io.salestargets.benchmarks;

/** The ceiling's three measurements, and how they go into the report. */
record Ceiling(KafkaCeiling.ProducerResult producer, KafkaCeiling.ConsumerResult consumer, KafkaCeiling.ProducerResult atRate) {

    static Ceiling measure(BenchContext bench, Scale scale, int recordSize) {
        String bootstrap = bench.bootstrapServers();
        try (Broker broker = bench.broker()) {
            broker.recreate(KafkaCeiling.TOPIC, 6);
        }
        bench.log("ceiling: ProducerPerformance, %d records of %d bytes, flat out".formatted(scale.ceilingRecords(), recordSize));
        KafkaCeiling.ProducerResult producer = KafkaCeiling.produceFlatOut(bootstrap, scale.ceilingRecords(), recordSize, bench.log());
        bench.log("ceiling: ConsumerPerformance");
        KafkaCeiling.ConsumerResult consumer = KafkaCeiling.consume(bootstrap, producer.records(), bench.log());
        int seconds = (int) Math.max(5, scale.latencyTime().toSeconds() / 4);
        bench.log("ceiling: ProducerPerformance at %d records/s for %d s".formatted(scale.latencyRate(), seconds));
        KafkaCeiling.ProducerResult atRate = KafkaCeiling.produceAtRate(bootstrap, scale.latencyRate(), scale.latencyRate() * seconds,
                recordSize, bench.log());
        try (Broker broker = bench.broker()) {
            broker.delete(KafkaCeiling.TOPIC);
        }
        return new Ceiling(producer, consumer, atRate);
    }

    void report(Report report) {
        report.raw("ceiling", this);
        report.atLeast("0 Ceiling", "ProducerPerformance, acks=all, flat out", producer.recordsPerSecond(), "records/s", null, null, null);
        report.atLeast("0 Ceiling", "ConsumerPerformance", consumer.recordsPerSecond(), "records/s", null, null, null);
        report.atMost("0 Ceiling", "produce-to-ack p99 at the latency run's rate", atRate.p99Ms(), "ms", null, null, null);
    }
}
