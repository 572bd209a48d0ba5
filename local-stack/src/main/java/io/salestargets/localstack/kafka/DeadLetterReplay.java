package io.salestargets.localstack.kafka;

import io.salestargets.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends dead letters of {@code crm.sales.dlq} back onto {@code crm.sales}, once what sent them
 * there is fixed ({@code deploy/local/replay-dlq}).
 *
 * <ul>
 *   <li>Reads every partition of the dead-letter topic with {@code read_committed} (the projector
 *       writes it in its exactly-once transactions: an aborted dead letter was never one), without a
 *       consumer group, from the start or from the first record at or after {@link Options#since()}
 *       ({@code offsetsForTimes}), up to the end offsets taken before reading: a record that fails
 *       again and lands in the dead-letter topic meanwhile waits for the next replay.</li>
 *   <li>Selects by tenant (key prefix {@code <tenant>/}) and by a substring of the {@code error} header.</li>
 *   <li>Produces each selected record to {@code crm.sales} with the same key and value bytes and its
 *       headers as they came, less the ones the projector added (the last {@code error},
 *       {@code source.topic}, {@code source.partition} and {@code source.offset}), plus
 *       {@value #REPLAYED_FROM} = {@code crm.sales.dlq/<partition>/<offset>}. The timestamp is the
 *       replay's (the record is published again). One idempotent producer with {@code acks=all}, in
 *       the dead-letter topic's order: the records of a sale keep their order.</li>
 *   <li>Waits for every acknowledgement. Once a send has failed it sends nothing more, and throws
 *       {@link ReplayFailed}, which says what was acknowledged. A second replay sends the records
 *       replayed already once more, in the same order.</li>
 * </ul>
 *
 * A record without a key is never sent: {@code crm.sales} is compacted and refuses it.
 */
public final class DeadLetterReplay {

    /** The header that marks a replayed record: {@code crm.sales.dlq/<partition>/<offset>} of the dead letter. */
    public static final String REPLAYED_FROM = "replayed.from";
    /** The headers the projector adds to a dead letter, dropped on replay. */
    public static final List<String> DEAD_LETTER_HEADERS = List.of(Topics.DeadLetterHeaders.ERROR,
            Topics.DeadLetterHeaders.SOURCE_TOPIC, Topics.DeadLetterHeaders.SOURCE_PARTITION, Topics.DeadLetterHeaders.SOURCE_OFFSET);
    /** How a dead letter without an {@code error} header shows in the summary. */
    public static final String NO_ERROR = "(no error header)";

    private static final String CLIENT_ID = "replay-dlq";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Pattern QUOTED = Pattern.compile("'[^']*'");

    /**
     * What to replay, and where.
     *
     * @param tenant        only keys {@code <tenant>/...}; null: every tenant
     * @param errorContains only records whose {@code error} header contains this text (case-sensitive); null: any
     * @param since         from the first record of each partition whose timestamp is at or after it; null: from the start
     * @param dryRun        read and count, write nothing
     * @param clientConfig  extra client settings for both clients (security, timeouts); the replay's own
     *                      guarantees (isolation, acks, idempotence, no group) cannot be overridden
     * @param stallTimeout  fail when reading makes no progress for this long (broker gone)
     */
    public record Options(String bootstrapServers, String tenant, String errorContains, Instant since, boolean dryRun,
            Map<String, Object> clientConfig, Duration stallTimeout) {

        public Options {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            if (tenant != null && (tenant.isEmpty() || tenant.contains("/"))) {
                throw new IllegalArgumentException("a tenant id is not empty and has no '/': '" + tenant + "'");
            }
            if (errorContains != null && errorContains.isEmpty()) {
                throw new IllegalArgumentException("the text an error must contain is empty");
            }
            clientConfig = Map.copyOf(clientConfig);
            Objects.requireNonNull(stallTimeout, "stallTimeout");
        }

        /** Every dead letter, for real. */
        public static Options of(String bootstrapServers) {
            return new Options(bootstrapServers, null, null, null, false, Map.of(), Duration.ofMinutes(2));
        }

        public Options tenant(String tenant) {
            return new Options(bootstrapServers, tenant, errorContains, since, dryRun, clientConfig, stallTimeout);
        }

        public Options errorContains(String text) {
            return new Options(bootstrapServers, tenant, text, since, dryRun, clientConfig, stallTimeout);
        }

        public Options since(Instant time) {
            return new Options(bootstrapServers, tenant, errorContains, time, dryRun, clientConfig, stallTimeout);
        }

        public Options dryRun(boolean dryRun) {
            return new Options(bootstrapServers, tenant, errorContains, since, dryRun, clientConfig, stallTimeout);
        }

        public Options clientConfig(Map<String, Object> config) {
            return new Options(bootstrapServers, tenant, errorContains, since, dryRun, config, stallTimeout);
        }

        public Options stallTimeout(Duration timeout) {
            return new Options(bootstrapServers, tenant, errorContains, since, dryRun, clientConfig, timeout);
        }

        /** The filters in words, e.g. {@code tenant acme, error containing "wonDate"}. */
        public String describeFilters() {
            List<String> parts = new ArrayList<>();
            parts.add(tenant == null ? "every tenant" : "tenant " + tenant);
            if (errorContains != null) {
                parts.add("error containing \"" + errorContains + "\"");
            }
            parts.add(since == null ? "from the start" : "since " + since);
            return String.join(", ", parts);
        }

        boolean selects(String key, String error) {
            return (tenant == null || key != null && key.startsWith(tenant + "/"))
                    && (errorContains == null || error != null && error.contains(errorContains));
        }
    }

    /** What is read of one partition of the dead-letter topic: offsets {@code from} (inclusive) to {@code to} (exclusive). */
    public record PartitionRange(int partition, long from, long to) {
        public long span() {
            return Math.max(0, to - from);
        }
    }

    /** A selected dead letter. {@code key} and {@code error} are null when the record has none. */
    public record Letter(int partition, long offset, long timestamp, String key, String error) {
        public String coordinates() {
            return Topics.SALES_DLQ + "/" + partition + "/" + offset;
        }
    }

    /** Told what the replay does, as it goes. */
    public interface Listener {
        /** The offsets to read are fixed: called once, before the first record is read. */
        default void rangesFixed(List<PartitionRange> ranges) {
        }

        /** A record passed the filters (it is sent next, unless it cannot be). */
        default void selected(Letter letter) {
        }
    }

    /**
     * What a replay did.
     *
     * @param read             records read from the dead-letter topic in the ranges
     * @param selected         of those, the ones that passed the filters
     * @param skipped          selected records that cannot be replayed, by why (no key; not from crm.sales)
     * @param replayed         records acknowledged on crm.sales; with a dry run, the ones that would be sent
     * @param selectedByReason selected records by error, quoted values shown as {@code '…'}, most frequent first
     */
    public record Summary(List<PartitionRange> ranges, long read, long selected, Map<String, Long> skipped, long replayed,
            boolean dryRun, Map<String, Long> selectedByReason) {

        public long skippedTotal() {
            return skipped.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The summary as the command line prints it, with at most {@code topReasons} reasons. */
        public List<String> lines(int topReasons) {
            List<String> lines = new ArrayList<>();
            lines.add(String.format("read %d, selected %d, %s %d%s", read, selected, dryRun ? "would replay" : "replayed",
                    replayed, dryRun ? " (dry run: nothing written)" : " onto " + Topics.SALES));
            skipped.forEach((why, count) -> lines.add(String.format("not replayable: %d (%s)", count, why)));
            if (!selectedByReason.isEmpty()) {
                lines.add("selected by error (quoted values shown as '…'):");
                int shown = 0;
                long others = 0;
                for (Map.Entry<String, Long> reason : selectedByReason.entrySet()) {
                    if (shown++ < topReasons) {
                        lines.add(String.format("%8d  %s", reason.getValue(), abbreviate(reason.getKey(), 120)));
                    } else {
                        others += reason.getValue();
                    }
                }
                if (others > 0) {
                    lines.add(String.format("%8d  (%d other reasons)", others, selectedByReason.size() - topReasons));
                }
            }
            return lines;
        }
    }

    /** A send failed, and sending stopped there. {@link #summary()} says what was acknowledged. */
    public static final class ReplayFailed extends RuntimeException {
        private final transient Summary summary;

        ReplayFailed(String message, Summary summary, Throwable cause) {
            super(message, cause);
            this.summary = summary;
        }

        public Summary summary() {
            return summary;
        }
    }

    private final Options options;
    private final Listener listener;

    public DeadLetterReplay(Options options, Listener listener) {
        this.options = options;
        this.listener = listener;
    }

    public DeadLetterReplay(Options options) {
        this(options, new Listener() {
        });
    }

    /** Reads, selects and (unless a dry run) replays; returns what it did, or throws {@link ReplayFailed}. */
    public Summary run() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, Topics.SALES_DLQ);
            partitions(consumer, Topics.SALES);
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> starts = starts(consumer, partitions, ends);
            List<PartitionRange> ranges = partitions.stream()
                    .map(tp -> new PartitionRange(tp.partition(), starts.get(tp), ends.get(tp))).toList();
            listener.rangesFixed(ranges);
            if (options.dryRun()) {
                return new Pass(ranges, null).read(consumer, starts, ends);
            }
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                return new Pass(ranges, producer).read(consumer, starts, ends);
            }
        }
    }

    /** One run's reading and sending, with its counts. */
    private final class Pass {
        private final List<PartitionRange> ranges;
        private final KafkaProducer<byte[], byte[]> producer;
        private long read;
        private long selected;
        private long sent;
        private final Map<String, Long> skipped = new LinkedHashMap<>();
        private final Map<String, Long> reasons = new HashMap<>();
        private final AtomicLong acknowledged = new AtomicLong();
        private final AtomicReference<Failure> failure = new AtomicReference<>();

        Pass(List<PartitionRange> ranges, KafkaProducer<byte[], byte[]> producer) {
            this.ranges = ranges;
            this.producer = producer;
        }

        Summary read(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
            Set<TopicPartition> open = new HashSet<>();
            for (TopicPartition tp : starts.keySet()) {
                if (starts.get(tp) < ends.get(tp)) {
                    open.add(tp);
                    consumer.seek(tp, starts.get(tp));
                } else {
                    consumer.pause(List.of(tp));
                }
            }
            long lastProgress = System.nanoTime();
            Map<TopicPartition, Long> positions = new HashMap<>(starts);
            reading:
            while (!open.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (open.contains(tp) && record.offset() < ends.get(tp)) {
                        take(record);
                        if (failure.get() != null) {
                            break reading;
                        }
                    }
                }
                for (TopicPartition tp : List.copyOf(open)) {
                    long position = consumer.position(tp);
                    if (position != positions.get(tp)) {
                        positions.put(tp, position);
                        lastProgress = System.nanoTime();
                    }
                    if (position >= ends.get(tp)) {
                        open.remove(tp);
                        consumer.pause(List.of(tp));
                    }
                }
                if (!open.isEmpty() && System.nanoTime() - lastProgress > options.stallTimeout().toNanos()) {
                    throw new IllegalStateException("no progress reading " + Topics.SALES_DLQ + " for "
                            + options.stallTimeout().toSeconds() + " s (at " + positions + " of " + ends + ")");
                }
            }
            if (producer != null) {
                producer.flush();
            }
            Summary summary = summary();
            Failure failed = failure.get();
            if (failed != null) {
                throw new ReplayFailed("sending " + failed.letter().coordinates() + " (key " + failed.letter().key()
                        + ") to " + Topics.SALES + " failed: " + failed.cause() + "; sending stopped there (records acknowledged: "
                        + summary.replayed() + ")", summary, failed.cause());
            }
            if (producer != null && acknowledged.get() != sent) {
                throw new ReplayFailed(sent + " records sent but " + acknowledged.get() + " acknowledged", summary, null);
            }
            return summary;
        }

        private void take(ConsumerRecord<byte[], byte[]> record) {
            read++;
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            String error = text(record.headers().lastHeader(Topics.DeadLetterHeaders.ERROR));
            if (!options.selects(key, error)) {
                return;
            }
            selected++;
            reasons.merge(error == null ? NO_ERROR : QUOTED.matcher(error).replaceAll("'…'"), 1L, Long::sum);
            Letter letter = new Letter(record.partition(), record.offset(), record.timestamp(), key, error);
            listener.selected(letter);
            String sourceTopic = text(record.headers().lastHeader(Topics.DeadLetterHeaders.SOURCE_TOPIC));
            if (record.key() == null) {
                skipped.merge("no key: " + Topics.SALES + " is compacted and refuses it", 1L, Long::sum);
                return;
            }
            if (sourceTopic != null && !sourceTopic.equals(Topics.SALES)) {
                skipped.merge("from " + sourceTopic + ", not " + Topics.SALES, 1L, Long::sum);
                return;
            }
            sent++;
            if (producer == null) {
                return;
            }
            Headers headers = replayHeaders(record.headers(), letter);
            producer.send(new ProducerRecord<>(Topics.SALES, null, null, record.key(), record.value(), headers),
                    (metadata, exception) -> {
                        if (exception == null) {
                            acknowledged.incrementAndGet();
                        } else {
                            failure.compareAndSet(null, new Failure(letter, exception));
                        }
                    });
        }

        private Summary summary() {
            Map<String, Long> byReason = reasons.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
            return new Summary(ranges, read, selected, Collections.unmodifiableMap(new LinkedHashMap<>(skipped)),
                    producer == null ? sent : acknowledged.get(), producer == null, Collections.unmodifiableMap(byReason));
        }
    }

    private record Failure(Letter letter, Exception cause) {
    }

    /**
     * The headers of the record as it came to the projector: those of the dead letter less the last
     * occurrence of each header the projector added, in their order; then {@value #REPLAYED_FROM}.
     */
    static Headers replayHeaders(Headers deadLetter, Letter letter) {
        Header[] all = deadLetter.toArray();
        Set<Integer> added = new HashSet<>();
        for (String name : DEAD_LETTER_HEADERS) {
            for (int i = all.length - 1; i >= 0; i--) {
                if (all[i].key().equals(name)) {
                    added.add(i);
                    break;
                }
            }
        }
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < all.length; i++) {
            if (!added.contains(i)) {
                headers.add(all[i]);
            }
        }
        headers.add(new RecordHeader(REPLAYED_FROM, letter.coordinates().getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    private Map<TopicPartition, Long> starts(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
            Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> starts = new HashMap<>();
        if (options.since() == null) {
            consumer.beginningOffsets(partitions).forEach((tp, offset) -> starts.put(tp, Math.min(offset, ends.get(tp))));
            return starts;
        }
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(tp -> times.put(tp, options.since().toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = found.get(tp);
            // none at or after that time: nothing to read in this partition
            starts.put(tp, at == null ? ends.get(tp) : Math.min(at.offset(), ends.get(tp)));
        }
        return starts;
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from the cluster at " + options.bootstrapServers() + " within 30 s ("
                    + e.getMessage() + ")", e);
        }
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("no topic " + topic + " on the cluster");
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(options.clientConfig());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID + "-reader");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // records deleted by retention while reading: go on from the first one left
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return only(config, ConsumerConfig.configNames());
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(options.clientConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        if (Integer.parseInt(config.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION).toString()) > 5) {
            // more would turn idempotence off, and with it the order of a sale's records
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        }
        return only(config, ProducerConfig.configNames());
    }

    /** The settings a client knows (the extra settings serve both clients; each takes its own). */
    private static Map<String, Object> only(Map<String, Object> config, Set<String> known) {
        Map<String, Object> kept = new HashMap<>();
        config.forEach((name, value) -> {
            if (known.contains(name)) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text, int max) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
