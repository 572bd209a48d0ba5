package io.salestargets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salestargets.events.Topics;
import io.salestargets.localstack.testing.TestTopics;
import io.salestargets.localstack.token.DevToken;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bulk planning's last-year split across both services: last year's sales published on crm.sales, the
 * projector's actuals of that year read by the command service with the caller's token, this year's
 * row planned in that pattern.
 */
class BulkPlanningIT {

    private static final int YEAR = LocalDate.now().getYear();
    private static final int LAST_YEAR = YEAR - 1;
    private static Stack stack;

    private final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private final String admin = DevToken.builder().tenant(tenant).user("u-boss").sign();
    private final Http commands = stack.commandApi(admin);
    private final Http progress = stack.progressApi(admin);

    @BeforeAll
    static void start() {
        stack = new Stack();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aLastYearSplitFollowsTheRowsMonthlyActualsOfTheYearBeforeAndSumsExactly() {
        won("s-1", LAST_YEAR + "-01-10", "100");
        won("s-2", LAST_YEAR + "-02-10", "150");
        won("s-3", LAST_YEAR + "-02-20", "50");
        won("s-4", LAST_YEAR + "-07-01", "300");
        awaitActualsOfLastYear("600");

        Http.Answer planned = commands.post("/targets/" + YEAR + "/all-sales-amount/plan", Map.of("interval", "MONTH", "reason", "Budget",
                "rows", List.of(Map.of("level", "USER", "ownerId", "u-anna", "groupId", "g-north", "yearly", 1000, "split", "last-year"))));

        assertThat(planned.status()).as(planned.body().toString()).isEqualTo(200);
        // 1000 as 100 : 300 : 300 of 600: 166.666.., 333.333.., 500; the cent left goes to January's larger remainder
        List<BigDecimal> expected = new ArrayList<>(Collections.nCopies(12, BigDecimal.ZERO));
        expected.set(0, new BigDecimal("166.67"));
        expected.set(1, new BigDecimal("333.33"));
        expected.set(6, new BigDecimal("500"));
        JsonNode row = commands.get("/targets/" + YEAR + "/all-sales-amount/users/u-anna").body();
        assertThat(decimals(planned.body().at("/changed/0/values"))).usingElementComparator(BigDecimal::compareTo).isEqualTo(expected);
        assertThat(decimals(row.at("/values"))).usingElementComparator(BigDecimal::compareTo).isEqualTo(expected);
        assertThat(row.at("/total").decimalValue()).isEqualByComparingTo("1000");
    }

    @Test
    void aRowWithoutActualsLastYearCannotBeSplitByThemAndNothingIsWritten() {
        Http.Answer refused = commands.post("/targets/" + YEAR + "/all-sales-amount/plan", Map.of("interval", "MONTH",
                "rows", List.of(Map.of("level", "GROUP", "ownerId", "g-north", "yearly", 1000, "split", "even"),
                        Map.of("level", "USER", "ownerId", "u-bo", "groupId", "g-north", "yearly", 1000, "split", "last-year"))));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().at("/errors/0/field").asText()).isEqualTo("rows[1].split");
        assertThat(commands.get("/targets/" + YEAR + "/all-sales-amount/groups/g-north").status()).isEqualTo(404);
    }

    @Test
    void withoutTheProjectorALastYearPlanIsUnavailableButARepeatGetsItsFirstAnswer() {
        won("s-1", LAST_YEAR + "-05-10", "100");
        awaitActualsOfLastYear("100");
        Map<String, Object> plan = Map.of("interval", "QUARTER",
                "rows", List.of(Map.of("level", "USER", "ownerId", "u-anna", "groupId", "g-north", "yearly", 400, "split", "last-year")));
        String key = UUID.randomUUID().toString();
        Http.Answer first = commands.post("/targets/" + YEAR + "/all-sales-amount/plan", plan, key);
        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(decimals(first.body().at("/changed/0/values"))).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(BigDecimal.ZERO, new BigDecimal("400"), BigDecimal.ZERO, BigDecimal.ZERO);

        stack.stopProjector();
        try {
            Http.Answer repeat = commands.post("/targets/" + YEAR + "/all-sales-amount/plan", plan, key);
            Http.Answer unavailable = commands.post("/targets/" + YEAR + "/all-sales-amount/plan", plan, UUID.randomUUID().toString());

            assertThat(repeat.status()).isEqualTo(200);
            assertThat(repeat.body()).isEqualTo(first.body());
            assertThat(unavailable.status()).isEqualTo(503);
            assertThat(unavailable.body().at("/type").asText()).isEqualTo("/problems/unavailable");
            assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
            assertThat(commands.get("/targets/" + YEAR + "/all-sales-amount/users/u-anna/history").body().size()).isEqualTo(1);
        } finally {
            stack.startProjector();
        }
    }

    private void awaitActualsOfLastYear(String total) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Http.Answer answer = progress.get("/" + LAST_YEAR + "/all-sales-amount/users/u-anna");
            return answer.status() == 200 && answer.body().at("/total/actual").decimalValue().compareTo(new BigDecimal(total)) == 0;
        });
    }

    private static List<BigDecimal> decimals(JsonNode array) {
        List<BigDecimal> values = new ArrayList<>();
        array.forEach(value -> values.add(value.decimalValue()));
        return values;
    }

    private void won(String saleId, String day, String amount) {
        TestTopics.produce(Topics.SALES, tenant + "/" + saleId,
                "{\"type\":\"SaleWon\",\"tenantId\":\"%s\",\"saleId\":\"%s\",\"wonDate\":\"%s\",\"userId\":\"u-anna\",\"groupId\":\"g-north\",\"amount\":%s}"
                        .formatted(tenant, saleId, day, amount));
    }
}
