package io.salestargets.progress.topology;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.target.Interval;
import io.salestargets.events.target.RowId;
import io.salestargets.events.target.TargetEvent;
import io.salestargets.events.target.TargetLocked;
import io.salestargets.events.target.TargetSet;
import io.salestargets.events.target.TargetType;
import io.salestargets.localstack.testing.TestInfrastructure;
import io.salestargets.localstack.testing.TestTopics;
import io.salestargets.localstack.token.DevToken;
import io.salestargets.progress.ProjectorInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code TargetAttained} on {@code targets.progress}, read from the real broker as a notification service
 * would: once when a row's total actual reaches its total target, never again for the same target.
 */
@QuarkusTest
@WithTestResource(ProjectorInfrastructure.class)
class TargetAttainedTest {

    private final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private final String base = "/api/v1/progress/2026/all-sales-amount";

    @BeforeEach
    void awaitReady() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void aUserAGroupAndTheCompanyEachAnnounceOnceWhenTheirTotalsReachTheirTargets() {
        send(target(RowId.user(2026, "all-sales-amount", "u-anna", null), "g-north", 1, "100"));   // 1200 a year
        send(target(RowId.user(2026, "all-sales-amount", "u-bo", null), "g-north", 1, "1000"));    // 12000
        send(target(RowId.group(2026, "all-sales-amount", "g-north", null), null, 1, "150"));      // 1800
        send(target(RowId.company(2026, "all-sales-amount", null), null, 1, "200"));               // 2400
        won("s-1", "u-anna", "1000");
        awaitTotal("/users/u-anna", "1000");
        won("s-2", "u-anna", "300");   // anna 1300 of 1200
        won("s-3", "u-bo", "600");     // the group 1900 of 1800
        won("s-4", "u-bo", "600");     // the company 2500 of 2400; bo 1200 of 12000

        String anna = row("user/u-anna");
        String north = row("group/g-north");
        String company = row("company/company");
        List<ConsumerRecord<String, String>> attained = attained(records ->
                keys(records).containsAll(List.of(anna + "#attained", north + "#attained", company + "#attained")));

        assertThat(keys(attained)).containsExactlyInAnyOrder(anna + "#attained", north + "#attained", company + "#attained");
        JsonNode annas = json(only(attained, anna + "#attained"));
        assertThat(annas.get("type").asText()).isEqualTo("TargetAttained");
        assertThat(annas.get("tenantId").asText()).isEqualTo(tenant);
        assertThat(annas.get("level").asText()).isEqualTo("USER");
        assertThat(annas.get("ownerId").asText()).isEqualTo("u-anna");
        assertThat(annas.get("unit").asText()).isEqualTo("AMOUNT");
        assertThat(annas.get("targetVersion").asLong()).isEqualTo(1);
        assertThat(annas.get("target").decimalValue()).isEqualByComparingTo("1200");
        assertThat(annas.get("actual").decimalValue()).as("not at 1000, below the target").isEqualByComparingTo("1300");
        assertThat(Instant.parse(annas.get("attainedAt").asText())).isBefore(Instant.now());
        assertThat(json(only(attained, north + "#attained")).get("target").decimalValue()).isEqualByComparingTo("1800");
        assertThat(json(only(attained, company + "#attained")).get("actual").decimalValue()).isEqualByComparingTo("2500");
        assertThat(type(only(attained, anna + "#attained"))).isEqualTo("TargetAttained");

        ConsumerRecord<String, String> view = read(records -> records.stream().anyMatch(record -> record.key().equals(anna)))
                .stream().filter(record -> record.key().equals(anna)).findFirst().orElseThrow();
        assertThat(type(view)).isEqualTo("TargetProgress");
        assertThat(EventJson.read(view.value(), ProgressView.class).ownerId()).isEqualTo("u-anna");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double counted = metrics.lines().filter(line -> line.startsWith("projector_targets_attained_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        assertThat(counted).as("projector_targets_attained_total").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aRetractionAndAWinAgainOrALockAnnounceNothingNewARaisedTargetReachedDoes() {
        RowId annaRow = RowId.user(2026, "all-sales-amount", "u-anna", null);
        send(target(annaRow, "g-north", 1, "100"));   // 1200 a year
        won("s-1", "u-anna", "1300");
        awaitTotal("/users/u-anna", "1300");
        retract("s-1");
        awaitTotal("/users/u-anna", "0");
        won("s-2", "u-anna", "1300");
        awaitTotal("/users/u-anna", "1300");
        send(new TargetLocked(UUID.randomUUID(), tenant, annaRow, 2, Instant.now(), "u-boss"));
        awaitLocked("/users/u-anna");
        won("s-3", "u-anna", "100");
        awaitTotal("/users/u-anna", "1400");
        send(target(annaRow, "g-north", 3, "200"));   // raised to 2400
        won("s-4", "u-anna", "1000");

        String key = row("user/u-anna") + "#attained";
        List<ConsumerRecord<String, String>> attained = attained(records ->
                records.stream().anyMatch(record -> json(record).get("targetVersion").asLong() == 3));

        // one partition holds every record of the key, in order: nothing came between the two
        assertThat(attained).extracting(ConsumerRecord::key).containsOnly(key);
        assertThat(attained).extracting(record -> json(record).get("targetVersion").asLong()).containsExactly(1L, 3L);
        assertThat(json(attained.get(0)).get("actual").decimalValue()).isEqualByComparingTo("1300");
        assertThat(json(attained.get(1)).get("target").decimalValue()).isEqualByComparingTo("2400");
        assertThat(json(attained.get(1)).get("actual").decimalValue()).isEqualByComparingTo("2400");
    }

    /** The tenant's TargetAttained records, in order, read until {@code done} holds (then a second more). */
    private List<ConsumerRecord<String, String>> attained(Predicate<List<ConsumerRecord<String, String>>> done) {
        return read(records -> done.test(onlyAttained(records))).stream()
                .filter(record -> record.key().endsWith("#attained")).toList();
    }

    private static List<ConsumerRecord<String, String>> onlyAttained(List<ConsumerRecord<String, String>> records) {
        return records.stream().filter(record -> record.key().endsWith("#attained")).toList();
    }

    /** The tenant's records on targets.progress from the start, read_committed, until {@code done} holds and a second more. */
    private List<ConsumerRecord<String, String>> read(Predicate<List<ConsumerRecord<String, String>>> done) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.PROGRESS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!done.test(records) && System.nanoTime() < deadline) {
                poll(consumer, records);
            }
            long after = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < after) {
                poll(consumer, records);
            }
        }
        return records;
    }

    private void poll(KafkaConsumer<String, String> consumer, List<ConsumerRecord<String, String>> records) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.key() != null && record.key().startsWith(tenant + "/")) {
                records.add(record);
            }
        }
    }

    private static List<String> keys(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::key).toList();
    }

    private static ConsumerRecord<String, String> only(List<ConsumerRecord<String, String>> records, String key) {
        List<ConsumerRecord<String, String>> ofKey = records.stream().filter(record -> record.key().equals(key)).toList();
        assertThat(ofKey).as(key).hasSize(1);
        return ofKey.get(0);
    }

    private static String type(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("ce_type");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return EventJson.mapper().readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String row(String ownerPath) {
        return tenant + "/2026/all-sales-amount/" + ownerPath;
    }

    private static void send(TargetEvent event) {
        TestTopics.produce(Topics.TARGET_EVENTS, event.key(), EventJson.writeString(event));
    }

    private TargetSet target(RowId row, String groupId, long version, String monthly) {
        return new TargetSet(UUID.randomUUID(), tenant, row, TargetType.ALL_SALES_AMOUNT.measure(), groupId, Interval.MONTH,
                Collections.nCopies(12, new BigDecimal(monthly)), null, version, Instant.now(), "u-boss", null);
    }

    private void won(String saleId, String user, String amount) {
        TestTopics.produce(Topics.SALES, tenant + "/" + saleId, ("{\"type\":\"SaleWon\",\"tenantId\":\"%s\",\"saleId\":\"%s\","
                + "\"wonDate\":\"2026-03-14\",\"userId\":\"%s\",\"groupId\":\"g-north\",\"amount\":%s}").formatted(tenant, saleId, user, amount));
    }

    private void retract(String saleId) {
        TestTopics.produce(Topics.SALES, tenant + "/" + saleId,
                "{\"type\":\"SaleRetracted\",\"tenantId\":\"" + tenant + "\",\"saleId\":\"" + saleId + "\"}");
    }

    private void awaitTotal(String owner, String actual) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ProgressView view = boss().get(base + owner).then().statusCode(200).extract().as(ProgressView.class);
            assertThat(view.total().actual()).isEqualByComparingTo(actual);
        });
    }

    private void awaitLocked(String owner) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(boss().get(base + owner).then().statusCode(200).extract().as(ProgressView.class).locked()).isTrue());
    }

    private io.restassured.specification.RequestSpecification boss() {
        return given().auth().oauth2(DevToken.builder().tenant(tenant).user("u-boss").sign());
    }
}
