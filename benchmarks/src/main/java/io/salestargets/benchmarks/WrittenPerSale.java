package io.salestargets.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a Kafka Streams application wrote to Kafka per input sale, per topic: the growth of each topic's end
 * offsets (AdminClient listOffsets, latest) and of its size on the broker's disk (describeLogDirs), from
 * before a run to after it. The topics are the application's internal ones, found by its application id
 * prefix ({@code <application.id>-...-changelog}, {@code -repartition}, whatever the topology names them),
 * and the output topics named.
 *
 * <p>Offsets count records and transaction markers alike: under exactly-once every commit writes one marker
 * to each partition its transaction wrote to. The bytes are what the log segments take on disk, after the
 * producer's compression and with the batch headers; compaction can make them smaller later.
 */
final class WrittenPerSale {

    /** End offsets and bytes on disk of the topics, at one moment. */
    record Snapshot(Map<String, Long> offsets, Map<String, Long> bytes) {
    }

    /**
     * @param offsets        end offsets gained: records and transaction markers
     * @param bytes          bytes on disk gained
     * @param offsetsPerSale offsets per input sale
     * @param bytesPerSale   bytes per input sale
     */
    record Topic(String topic, long offsets, long bytes, double offsetsPerSale, double bytesPerSale) {
    }

    /** Per topic, and the sum of all of them ({@code total}). */
    record Result(String applicationId, long inputSales, List<Topic> topics, Topic total) {
    }

    private final String applicationId;
    private final Collection<String> outputTopics;

    WrittenPerSale(String applicationId, Collection<String> outputTopics) {
        this.applicationId = applicationId;
        this.outputTopics = outputTopics;
    }

    Snapshot snapshot(Broker broker) {
        Set<String> topics = new TreeSet<>(outputTopics);
        topics.addAll(broker.internalTopics(applicationId, ""));
        return new Snapshot(broker.endOffsetsPerTopic(topics), broker.bytesOnDisk(topics));
    }

    /** What was written between two snapshots; a topic that did not exist before (an internal one) started from 0. */
    Result between(Snapshot before, Snapshot after, long inputSales) {
        List<Topic> topics = new ArrayList<>();
        long offsets = 0;
        long bytes = 0;
        for (String topic : after.offsets().keySet()) {
            long gainedOffsets = after.offsets().get(topic) - before.offsets().getOrDefault(topic, 0L);
            long gainedBytes = after.bytes().getOrDefault(topic, 0L) - before.bytes().getOrDefault(topic, 0L);
            topics.add(new Topic(topic, gainedOffsets, gainedBytes, gainedOffsets / (double) inputSales, gainedBytes / (double) inputSales));
            offsets += gainedOffsets;
            bytes += gainedBytes;
        }
        return new Result(applicationId, inputSales, topics,
                new Topic("all topics", offsets, bytes, offsets / (double) inputSales, bytes / (double) inputSales));
    }

    /** Into the report: the total per input sale among the figures, and a table per topic. */
    static void report(Report report, String section, String who, Result written, Double totalOffsetsGoal) {
        report.atMost(section, who + ": written per input sale, all topics: offsets (records + transaction markers)",
                written.total().offsetsPerSale(), "offsets", totalOffsetsGoal, null, null);
        report.atMost(section, who + ": written per input sale, all topics: bytes on disk", written.total().bytesPerSale(), "bytes", null,
                null, null);
        List<List<String>> rows = new ArrayList<>();
        for (Topic topic : written.topics()) {
            rows.add(row(topic));
        }
        rows.add(row(written.total()));
        report.table("What " + who + " wrote per input sale (" + Report.format(written.inputSales()) + " sales)",
                List.of("Topic", "Offsets per sale (records + transaction markers)", "Bytes on disk per sale", "Offsets", "Bytes on disk"),
                rows);
    }

    private static List<String> row(Topic topic) {
        return List.of(topic.topic(), String.format(java.util.Locale.ROOT, "%.3f", topic.offsetsPerSale()), Report.format(topic.bytesPerSale()),
                Report.format(topic.offsets()), Report.format(topic.bytes()));
    }
}
