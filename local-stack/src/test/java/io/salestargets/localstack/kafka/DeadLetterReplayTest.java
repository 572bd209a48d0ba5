package io.salestargets.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.events.Topics;
import io.salestargets.localstack.testing.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DeadLetterReplay} against the harness's real broker. Dead letters are written as the
 * projector writes them: in a transaction, with the record's own headers, then {@code error},
 * {@code source.topic}, {@code source.partition}, {@code source.offset}. The broker is shared by the
 * module's tests: each test has tenants of its own.
 */
class DeadLetterReplayTest {

    private static final String YEAR = "wonDate: the year must be between 2000 and 2100";

    private final String bootstrap = TestInfrastructure.get().bootstrapServers();
    private final String marker = UUID.randomUUID().toString().substring(0, 8);
    private final String tenant = "replay-" + marker;
    private final String other = "replay-other-" + marker;
    private final List<KafkaProducer<byte[], byte[]>> producers = new ArrayList<>();

    @AfterEach
    void closeProducers() {
        producers.forEach(KafkaProducer::close);
    }

    @Test
    void theFiltersSelectExactlyTheRecordsOfTheTenantAndTheError() {
        String decimal = "amount: must be a decimal number, got '" + marker + "'";
        List<Long> offsets = commit(
                letter(tenant + "/s-1", "{}", YEAR),
                letter(tenant + "/s-2", "{}", decimal),
                letter(other + "/s-3", "{}", YEAR),
                letter(other + "/s-4", "{}", decimal),
                letter(tenant + "/s-1", "{\"v\":2}", YEAR),
                letter(tenant + "x/s-5", "{}", YEAR),    // another tenant whose id starts with the first one's
                letter(tenant + "-s-6", "{}", YEAR));    // not <tenant>/...

        assertThat(selected(options().tenant(tenant)))
                .containsExactly(offsets.get(0), offsets.get(1), offsets.get(4));
        assertThat(selected(options().tenant(tenant).errorContains("wonDate")))
                .containsExactly(offsets.get(0), offsets.get(4));
        assertThat(selected(options().tenant(other).errorContains("decimal number")))
                .containsExactly(offsets.get(3));
        assertThat(selected(options().errorContains(marker)))
                .as("every tenant, by error only").containsExactly(offsets.get(1), offsets.get(3));
        assertThat(selected(options().tenant(tenant).errorContains("WONDATE"))).as("case-sensitive").isEmpty();
        assertThat(selected(options().tenant(tenant + "x"))).containsExactly(offsets.get(5));

        DeadLetterReplay.Summary summary = new DeadLetterReplay(options().tenant(tenant).dryRun(true)).run();
        assertThat(summary.selected()).isEqualTo(3);
        assertThat(summary.replayed()).isEqualTo(3);
        assertThat(summary.read()).isGreaterThanOrEqualTo(7);
        assertThat(summary.selectedByReason()).containsExactly(
                Map.entry(YEAR, 2L), Map.entry("amount: must be a decimal number, got '…'", 1L));
        assertThat(summary.lines(10)).startsWith("read " + summary.read() + ", selected 3, would replay 3 (dry run: nothing written)");
    }

    @Test
    void replayedRecordsAreTheOriginalsWithTheirHeadersLessTheDeadLettersPlusReplayedFrom() {
        byte[] notUtf8 = {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF, '{'};
        Header trace = header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        Header binary = new RecordHeader("crm.origin", new byte[] {0, 1, 2, (byte) 0xFE});
        Header theirs = header(Topics.DeadLetterHeaders.SOURCE_TOPIC, "crm-outbox");   // the CRM's own, not the projector's
        List<Long> offsets = commit(
                letter(tenant + "/s-1", "{\"type\":\"SaleWon\",\"revision\":1}", YEAR, trace, binary),
                new Letter(bytes(tenant + "/s-2"), notUtf8, "not valid JSON: Unexpected character", List.of(theirs), null),
                letter(tenant + "/s-1", "{\"type\":\"SaleWon\",\"revision\":2}", YEAR, trace),
                new Letter((tenant + "/s-3").getBytes(StandardCharsets.UTF_8), null, "malformed key", List.of(), null));
        List<Long> aborted = abort(letter(tenant + "/s-4", "{}", YEAR));   // a projector's transaction that failed
        long salesBefore = endOffsets(Topics.SALES);

        DeadLetterReplay.Summary summary = new DeadLetterReplay(options().tenant(tenant)).run();

        assertThat(summary.ranges()).singleElement().satisfies(range -> assertThat(range.to()).isGreaterThan(aborted.get(0)));
        assertThat(summary.selected()).as("not the aborted one").isEqualTo(4);
        assertThat(summary.replayed()).isEqualTo(4);
        assertThat(summary.dryRun()).isFalse();
        assertThat(summary.skipped()).isEmpty();
        assertThat(endOffsets(Topics.SALES) - salesBefore).isEqualTo(4);
        List<ConsumerRecord<byte[], byte[]>> sales = sales(tenant);
        assertThat(sales).extracting(DeadLetterReplayTest::key)
                .containsExactlyInAnyOrder(tenant + "/s-1", tenant + "/s-1", tenant + "/s-2", tenant + "/s-3");
        List<ConsumerRecord<byte[], byte[]>> s1 = sales.stream().filter(r -> key(r).equals(tenant + "/s-1")).toList();
        assertThat(s1).extracting(DeadLetterReplayTest::value).as("in their order")
                .containsExactly("{\"type\":\"SaleWon\",\"revision\":1}", "{\"type\":\"SaleWon\",\"revision\":2}");
        assertThat(headers(s1.get(0))).containsExactly(
                "traceparent=" + Arrays.toString(trace.value()),
                "crm.origin=" + Arrays.toString(binary.value()),
                "replayed.from=" + Arrays.toString(bytes("crm.sales.dlq/0/" + offsets.get(0))));
        assertThat(headers(s1.get(1))).containsExactly(
                "traceparent=" + Arrays.toString(trace.value()),
                "replayed.from=" + Arrays.toString(bytes("crm.sales.dlq/0/" + offsets.get(2))));
        ConsumerRecord<byte[], byte[]> unreadable = sales.stream().filter(r -> key(r).equals(tenant + "/s-2")).findFirst().orElseThrow();
        assertThat(unreadable.value()).as("the very bytes").isEqualTo(notUtf8);
        assertThat(headers(unreadable)).containsExactly(
                "source.topic=" + Arrays.toString(bytes("crm-outbox")),
                "replayed.from=" + Arrays.toString(bytes("crm.sales.dlq/0/" + offsets.get(1))));
        ConsumerRecord<byte[], byte[]> tombstone = sales.stream().filter(r -> key(r).equals(tenant + "/s-3")).findFirst().orElseThrow();
        assertThat(tombstone.value()).isNull();
        assertThat(sales).allSatisfy(record -> {
            assertThat(record.headers().headers(Topics.DeadLetterHeaders.ERROR)).isEmpty();
            assertThat(record.headers().headers(Topics.DeadLetterHeaders.SOURCE_PARTITION)).isEmpty();
            assertThat(record.headers().headers(Topics.DeadLetterHeaders.SOURCE_OFFSET)).isEmpty();
            assertThat(record.headers().headers(DeadLetterReplay.REPLAYED_FROM)).hasSize(1);
        });
    }

    @Test
    void aDryRunWritesNothing() {
        commit(letter(tenant + "/s-1", "{}", YEAR), letter(tenant + "/s-2", "{}", "type: unknown type 'SaleLost'"));
        long salesBefore = endOffsets(Topics.SALES);
        long deadLettersBefore = endOffsets(Topics.SALES_DLQ);

        DeadLetterReplay.Summary summary = new DeadLetterReplay(options().tenant(tenant).dryRun(true)).run();

        assertThat(summary.dryRun()).isTrue();
        assertThat(summary.selected()).isEqualTo(2);
        assertThat(summary.replayed()).as("would replay").isEqualTo(2);
        assertThat(summary.selectedByReason()).containsOnly(Map.entry(YEAR, 1L), Map.entry("type: unknown type '…'", 1L));
        assertThat(endOffsets(Topics.SALES)).isEqualTo(salesBefore);
        assertThat(endOffsets(Topics.SALES_DLQ)).isEqualTo(deadLettersBefore);
        assertThat(sales(tenant)).isEmpty();
    }

    @Test
    void deadLettersWrittenAfterTheReplayStartedWaitForTheNextReplay() {
        commit(letter(tenant + "/s-1", "{\"n\":1}", YEAR), letter(tenant + "/s-2", "{\"n\":2}", YEAR));
        List<DeadLetterReplay.PartitionRange> fixed = new ArrayList<>();
        DeadLetterReplay.Listener failingAgain = new DeadLetterReplay.Listener() {
            @Override
            public void rangesFixed(List<DeadLetterReplay.PartitionRange> ranges) {
                fixed.addAll(ranges);
                // as if the projector sent a replayed record back at once, and another sale failed meanwhile
                commit(letter(tenant + "/s-1", "{\"n\":1}", YEAR), letter(tenant + "/s-3", "{\"n\":3}", YEAR));
            }
        };

        DeadLetterReplay.Summary summary = new DeadLetterReplay(options().tenant(tenant), failingAgain).run();

        assertThat(fixed).isNotEmpty();
        assertThat(summary.ranges()).isEqualTo(fixed);
        assertThat(summary.selected()).isEqualTo(2);
        assertThat(summary.replayed()).isEqualTo(2);
        assertThat(sales(tenant)).extracting(DeadLetterReplayTest::value).containsExactlyInAnyOrder("{\"n\":1}", "{\"n\":2}");
        assertThat(new DeadLetterReplay(options().tenant(tenant).dryRun(true)).run().selected())
                .as("the next replay sees them").isEqualTo(4);
    }

    @Test
    void sinceStartsAtTheFirstDeadLetterOfThatTimeAndGoesOnInLogOrder() {
        Instant since = Instant.ofEpochMilli(System.currentTimeMillis() + 2_000);
        List<Long> offsets = commit(
                letter(tenant + "/s-1", "{}", YEAR, since.minus(Duration.ofHours(1))),
                letter(tenant + "/s-2", "{}", YEAR, since),
                letter(tenant + "/s-3", "{}", YEAR, since.minus(Duration.ofHours(2))));   // later in the log, an older time

        DeadLetterReplay.Summary summary = new DeadLetterReplay(options().tenant(tenant).since(since)).run();

        assertThat(summary.ranges()).singleElement().satisfies(range -> assertThat(range.from()).isEqualTo(offsets.get(1)));
        assertThat(summary.replayed()).isEqualTo(2);
        assertThat(sales(tenant)).extracting(DeadLetterReplayTest::key).containsExactlyInAnyOrder(tenant + "/s-2", tenant + "/s-3");
        assertThat(new DeadLetterReplay(options().tenant(tenant).since(since.plusMillis(1)).dryRun(true)).run().selected())
                .as("nothing at or after that time").isZero();
    }

    @Test
    void aFailedSendFailsTheReplayAndNothingAfterItIsSent() {
        List<Long> offsets = commit(
                letter(tenant + "/s-1", "{}", YEAR),
                letter(tenant + "/s-2", "{\"padding\":\"" + "x".repeat(5_000) + "\"}", YEAR),
                letter(tenant + "/s-3", "{}", YEAR));
        DeadLetterReplay.Options tooSmall = options().tenant(tenant)
                .clientConfig(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000));

        assertThatThrownBy(() -> new DeadLetterReplay(tooSmall).run())
                .isInstanceOfSatisfying(DeadLetterReplay.ReplayFailed.class, failed -> {
                    assertThat(failed.summary().replayed()).isEqualTo(1);
                    assertThat(failed.summary().selected()).isEqualTo(2);
                })
                .hasMessageContaining("crm.sales.dlq/0/" + offsets.get(1))
                .hasMessageContaining(tenant + "/s-2")
                .hasCauseInstanceOf(RecordTooLargeException.class);
        assertThat(sales(tenant)).extracting(DeadLetterReplayTest::key).containsExactly(tenant + "/s-1");
    }

    @Test
    void aDeadLetterWithoutKeyIsCountedButNotSent() {
        String reason = "malformed key 'null': no key " + marker;
        commit(new Letter(null, bytes("{}"), reason, List.of(), null), letter(tenant + "/s-1", "{}", reason));

        DeadLetterReplay.Summary summary = new DeadLetterReplay(options().errorContains(marker)).run();

        assertThat(summary.selected()).isEqualTo(2);
        assertThat(summary.replayed()).isEqualTo(1);
        assertThat(summary.skipped()).containsExactly(Map.entry("no key: crm.sales is compacted and refuses it", 1L));
        assertThat(summary.lines(10)).contains("not replayable: 1 (no key: crm.sales is compacted and refuses it)");
        assertThat(sales(tenant)).hasSize(1);
    }

    @Test
    void theSummaryShowsTheTopReasonsAndCountsTheRest() {
        Map<String, Long> reasons = new LinkedHashMap<>();
        reasons.put("a", 3L);
        reasons.put("b", 2L);
        reasons.put("c", 1L);
        DeadLetterReplay.Summary summary = new DeadLetterReplay.Summary(List.of(), 9, 6, Map.of(), 6, false, reasons);

        assertThat(summary.lines(2)).containsExactly(
                "read 9, selected 6, replayed 6 onto crm.sales",
                "selected by error (quoted values shown as '…'):",
                "       3  a",
                "       2  b",
                "       1  (1 other reasons)");
    }

    // --- dead letters as the projector writes them

    private record Letter(byte[] key, byte[] value, String error, List<Header> headers, Instant timestamp) {
    }

    private static Letter letter(String key, String value, String error, Header... headers) {
        return new Letter(bytes(key), bytes(value), error, List.of(headers), null);
    }

    private static Letter letter(String key, String value, String error, Instant timestamp) {
        return new Letter(bytes(key), bytes(value), error, List.of(), timestamp);
    }

    /** Writes dead letters in one committed transaction; returns their offsets on crm.sales.dlq. */
    private List<Long> commit(Letter... letters) {
        return write(true, letters);
    }

    /** Writes dead letters in a transaction that aborts; returns their offsets. */
    private List<Long> abort(Letter... letters) {
        return write(false, letters);
    }

    private List<Long> write(boolean commit, Letter... letters) {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "projector-like-" + UUID.randomUUID()),
                new ByteArraySerializer(), new ByteArraySerializer());
        producers.add(producer);
        producer.initTransactions();
        producer.beginTransaction();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        long sourceOffset = 100;
        for (Letter letter : letters) {
            RecordHeaders headers = new RecordHeaders(letter.headers().toArray(Header[]::new));
            headers.add(header(Topics.DeadLetterHeaders.ERROR, letter.error()));
            headers.add(header(Topics.DeadLetterHeaders.SOURCE_TOPIC, Topics.SALES));
            headers.add(header(Topics.DeadLetterHeaders.SOURCE_PARTITION, "3"));
            headers.add(header(Topics.DeadLetterHeaders.SOURCE_OFFSET, Long.toString(sourceOffset++)));
            sent.add(producer.send(new ProducerRecord<>(Topics.SALES_DLQ, null,
                    letter.timestamp() == null ? null : letter.timestamp().toEpochMilli(), letter.key(), letter.value(), headers)));
        }
        producer.flush();   // in the log before the transaction ends, as with the projector: an abort then leaves them there, aborted
        List<Long> offsets = new ArrayList<>();
        for (Future<RecordMetadata> future : sent) {
            try {
                offsets.add(future.get().offset());
            } catch (InterruptedException | ExecutionException e) {
                throw new AssertionError(e);
            }
        }
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.abortTransaction();
        }
        awaitTransactionEnd(offsets.get(offsets.size() - 1));
        return offsets;
    }

    /**
     * Waits until a read_committed reader's end offset is past {@code offset}: the transaction
     * coordinator writes the markers after {@code commitTransaction()} or {@code abortTransaction()} returns.
     */
    private void awaitTransactionEnd(long offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            TopicPartition dlq = new TopicPartition(Topics.SALES_DLQ, 0);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.endOffsets(List.of(dlq)).get(dlq) <= offset) {
                assertThat(System.nanoTime()).as("the commit markers are written in time").isLessThan(deadline);
                sleep(20);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    // --- reading

    private DeadLetterReplay.Options options() {
        return DeadLetterReplay.Options.of(bootstrap).stallTimeout(Duration.ofSeconds(30));
    }

    /** The offsets of the dead letters a (dry) run selects. */
    private static List<Long> selected(DeadLetterReplay.Options options) {
        List<Long> offsets = new ArrayList<>();
        new DeadLetterReplay(options.dryRun(true), new DeadLetterReplay.Listener() {
            @Override
            public void selected(DeadLetterReplay.Letter letter) {
                offsets.add(letter.offset());
            }
        }).run();
        return offsets;
    }

    /** The records of a tenant on crm.sales, committed ones, in each partition's order. */
    private List<ConsumerRecord<byte[], byte[]>> sales(String tenant) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SALES).stream()
                    .map(info -> new TopicPartition(Topics.SALES, info.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                assertThat(System.nanoTime()).as("read crm.sales in time").isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key(record).startsWith(tenant + "/")) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    private long endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
    }

    private static String value(ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    }

    private static List<String> headers(ConsumerRecord<byte[], byte[]> record) {
        List<String> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(header.key() + "=" + Arrays.toString(header.value()));
        }
        return headers;
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, bytes(value));
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
