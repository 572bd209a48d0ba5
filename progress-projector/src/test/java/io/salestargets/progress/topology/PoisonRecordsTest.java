package io.salestargets.progress.topology;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salestargets.events.Topics;
import io.salestargets.localstack.kafka.ContractTopics;
import io.salestargets.localstack.testing.TestInfrastructure;
import io.salestargets.progress.ProjectorInfrastructure;
import io.salestargets.progress.TestTenant;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sale records as large as {@code crm.sales} takes, unreadable, on the real broker (issue 14): each is
 * dead-lettered with a short reason, or, when its dead letter is larger than the projector may send,
 * skipped and counted; the next sale counts, and the projector stays ready. Before, the dead letter repeated
 * the input in its {@code error} header, its send failed as too large, the stream thread died, and the same
 * record came back after every restart.
 */
@QuarkusTest
@WithTestResource(ProjectorInfrastructure.class)
class PoisonRecordsTest {

    /** What a batch of one record adds to its key and value, and more (the record's own header is a few bytes). */
    private static final int BATCH_OVERHEAD = 200;

    private final TestTenant tenant = new TestTenant();

    @BeforeEach
    void awaitReady() {
        TestTenant.awaitReady();
    }

    @Test
    void aRecordJustUnderTheTopicsLimitIsDeadLetteredWithAShortReasonAndTheNextSaleCounts() {
        byte[] key = bytes(tenant.id + "/s-1");
        String start = "{\"type\":\"";
        produce(key, bytes(start + "x".repeat(ContractTopics.SALES_MAX_MESSAGE_BYTES - BATCH_OVERHEAD - key.length
                - start.length() - 2) + "\"}"), false);

        assertDeadLetteredAndTheNextSaleCounts(key, "type: unknown type", 1);
    }

    @Test
    void aHugeKeyIsDeadLetteredWithAShortReasonAndTheNextSaleCounts() {
        byte[] key = bytes(tenant.id + "/" + "x".repeat(ContractTopics.SALES_MAX_MESSAGE_BYTES - BATCH_OVERHEAD - 200));
        produce(key, bytes("{\"type\":\"SaleRetracted\",\"tenantId\":\"" + tenant.id + "\",\"saleId\":\"s-1\"}"), false);

        assertDeadLetteredAndTheNextSaleCounts(key, "malformed key: saleId: must match", 1);
    }

    @Test
    void aHugeTextThatIsNoJsonIsDeadLetteredWithAShortReasonAndTheNextSaleCounts() {
        byte[] key = bytes(tenant.id + "/s-1");
        produce(key, bytes("x".repeat(ContractTopics.SALES_MAX_MESSAGE_BYTES - BATCH_OVERHEAD - key.length)), false);

        assertDeadLetteredAndTheNextSaleCounts(key, "not valid JSON", 1);
    }

    /**
     * A record the CRM compressed: {@code crm.sales} takes it (its limit is on the compressed batch), but its
     * dead letter, as large as the record read, is more than the projector's producer sends.
     */
    @Test
    void aDeadLetterLargerThanTheProducerSendsIsSkippedCountedAndTheNextSaleCounts() {
        double dropped = droppedDeadLetters();
        byte[] key = bytes(tenant.id + "/s-1");
        produce(key, bytes("{\"type\":\"" + "x".repeat(3 * ContractTopics.SALES_MAX_MESSAGE_BYTES) + "\"}"), true);

        assertDeadLetteredAndTheNextSaleCounts(key, null, 0);
        assertThat(droppedDeadLetters()).as("projector_sales_dead_letters_dropped_total").isEqualTo(dropped + 1);
    }

    /**
     * The next sale counts (the stream goes on), the projector is ready, and {@code crm.sales.dlq} holds
     * {@code letters} dead letters of the tenant, with the key and value as received and a short reason.
     */
    private void assertDeadLetteredAndTheNextSaleCounts(byte[] key, String reason, int letters) {
        tenant.won("s-2", "2026-03-14", "u-anna", "g-north", "42");
        tenant.awaitView("/users/u-anna", view -> view.total().actual().compareTo(new BigDecimal("42")) == 0);
        given().get("/q/health/ready").then().statusCode(200);

        List<ConsumerRecord<byte[], byte[]>> dead = deadLetters();
        assertThat(dead).hasSize(letters);
        for (ConsumerRecord<byte[], byte[]> letter : dead) {
            assertThat(letter.key()).isEqualTo(key);
            assertThat(letter.serializedKeySize() + letter.serializedValueSize()).as("as received").isGreaterThan(1_000_000);
            String error = header(letter, Topics.DeadLetterHeaders.ERROR);
            assertThat(error).hasSizeLessThanOrEqualTo(200).startsWith(reason).doesNotContain("xxx");
            assertThat(header(letter, Topics.DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.SALES);
        }
    }

    private static void produce(byte[] key, byte[] value, boolean compressed) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compressed ? "gzip" : "none");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.SALES, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tenant's records of {@code crm.sales.dlq}, read committed from the start. */
    private List<ConsumerRecord<byte[], byte[]>> deadLetters() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> mine = new ArrayList<>();
        byte[] prefix = bytes(tenant.id + "/");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SALES_DLQ));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key() != null && startsWith(record.key(), prefix)) {
                        mine.add(record);
                    }
                });
                // at the end of every partition: all that the projector committed before the next sale counted
                return !consumer.assignment().isEmpty() && consumer.assignment().stream()
                        .allMatch(partition -> consumer.position(partition) >= consumer.endOffsets(List.of(partition)).get(partition));
            });
        }
        return mine;
    }

    private static double droppedDeadLetters() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("projector_sales_dead_letters_dropped_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
