package io.salestargets.progress.topology;

import static io.restassured.RestAssured.given;
import static io.salestargets.progress.ProgressRecords.json;
import static io.salestargets.progress.ProgressRecords.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.TargetLocked;
import io.salestargets.events.targets.TargetSet;
import io.salestargets.progress.ProgressRecords;
import io.salestargets.progress.ProjectorInfrastructure;
import io.salestargets.progress.TestTenant;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code TargetAttained} on {@code targets.progress}, read from the real broker as a notification service
 * would: once when a row's total actual reaches its total target, never again for the same target.
 */
@QuarkusTest
@WithTestResource(ProjectorInfrastructure.class)
class TargetAttainedTest {

    private final TestTenant tenant = new TestTenant();

    @BeforeEach
    void awaitReady() {
        TestTenant.awaitReady();
    }

    @Test
    void aUserAGroupAndTheCompanyEachAnnounceOnceWhenTheirTotalsReachTheirTargets() {
        tenant.send(target(RowId.user(2026, "all-sales-amount", "u-anna", null), "g-north", 1, "100"));   // 1200 a year
        tenant.send(target(RowId.user(2026, "all-sales-amount", "u-bo", null), "g-north", 1, "1000"));    // 12000
        tenant.send(target(RowId.group(2026, "all-sales-amount", "g-north", null), null, 1, "150"));      // 1800
        tenant.send(target(RowId.company(2026, "all-sales-amount", null), null, 1, "200"));               // 2400
        won("s-1", "u-anna", "1000");
        awaitTotal("/users/u-anna", "1000");
        won("s-2", "u-anna", "300");   // anna 1300 of 1200
        won("s-3", "u-bo", "600");     // the group 1900 of 1800
        won("s-4", "u-bo", "600");     // the company 2500 of 2400; bo 1200 of 12000

        String anna = row("user/u-anna");
        String north = row("group/g-north");
        String company = row("company/company");
        List<ConsumerRecord<String, String>> attained = ProgressRecords.attained(tenant.id, records ->
                keys(records).containsAll(List.of(anna + "#attained", north + "#attained", company + "#attained")));

        assertThat(keys(attained)).containsExactlyInAnyOrder(anna + "#attained", north + "#attained", company + "#attained");
        JsonNode annas = json(only(attained, anna + "#attained"));
        assertThat(annas.get("type").asText()).isEqualTo("TargetAttained");
        assertThat(annas.get("tenantId").asText()).isEqualTo(tenant.id);
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

        ConsumerRecord<String, String> view = ProgressRecords.read(tenant.id, records -> records.stream().anyMatch(record -> record.key().equals(anna)))
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
        tenant.send(target(annaRow, "g-north", 1, "100"));   // 1200 a year
        won("s-1", "u-anna", "1300");
        awaitTotal("/users/u-anna", "1300");
        tenant.retract("s-1");
        awaitTotal("/users/u-anna", "0");
        won("s-2", "u-anna", "1300");
        awaitTotal("/users/u-anna", "1300");
        tenant.send(new TargetLocked(UUID.randomUUID(), tenant.id, annaRow, 2, Instant.now(), "u-boss", null));
        tenant.awaitView("/users/u-anna", ProgressView::locked);
        won("s-3", "u-anna", "100");
        awaitTotal("/users/u-anna", "1400");
        tenant.send(target(annaRow, "g-north", 3, "200"));   // raised to 2400
        won("s-4", "u-anna", "1000");

        String key = row("user/u-anna") + "#attained";
        List<ConsumerRecord<String, String>> attained = ProgressRecords.attained(tenant.id, records ->
                records.stream().anyMatch(record -> json(record).get("targetVersion").asLong() == 3));

        // one partition holds every record of the key, in order: nothing came between the two
        assertThat(attained).extracting(ConsumerRecord::key).containsOnly(key);
        assertThat(attained).extracting(record -> json(record).get("targetVersion").asLong()).containsExactly(1L, 3L);
        assertThat(json(attained.get(0)).get("actual").decimalValue()).isEqualByComparingTo("1300");
        assertThat(json(attained.get(1)).get("target").decimalValue()).isEqualByComparingTo("2400");
        assertThat(json(attained.get(1)).get("actual").decimalValue()).isEqualByComparingTo("2400");
    }

    private static List<String> keys(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::key).toList();
    }

    private static ConsumerRecord<String, String> only(List<ConsumerRecord<String, String>> records, String key) {
        List<ConsumerRecord<String, String>> ofKey = records.stream().filter(record -> record.key().equals(key)).toList();
        assertThat(ofKey).as(key).hasSize(1);
        return ofKey.get(0);
    }

    private String row(String ownerPath) {
        return tenant.id + "/2026/all-sales-amount/" + ownerPath;
    }

    private TargetSet target(RowId row, String groupId, long version, String monthly) {
        return tenant.target(row, groupId, version, Instant.now(), monthly);
    }

    private void won(String saleId, String user, String amount) {
        tenant.won(saleId, "2026-03-14", user, "g-north", amount);
    }

    private void awaitTotal(String owner, String actual) {
        tenant.awaitView(owner, view -> view.total().actual().compareTo(new BigDecimal(actual)) == 0);
    }
}
