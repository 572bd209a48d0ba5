package io.salestargets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.progress.TargetAttained;
import io.salestargets.localstack.testing.TestTopics;
import io.salestargets.localstack.token.DevToken;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product end to end: targets set over the command service's REST API, sales published on
 * crm.sales as a CRM would, progress read from the projector's REST API and from targets.progress.
 */
class EndToEndIT {

    private static final int YEAR = LocalDate.now().getYear();
    private static Stack stack;

    private final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private final Http commands = new Http(stack.commands.url() + "/api/v1", DevToken.builder().tenant(tenant).user("u-boss").sign());
    private final Http progress = new Http(stack.projector.url() + "/api/v1/progress", DevToken.builder().tenant(tenant).sign());

    @BeforeAll
    static void start() {
        stack = new Stack();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void targetsAndSalesMeetInTheProgressOfTheUserTheGroupAndTheCompany() throws Exception {
        setMonthly("users/u-anna", "1000", "g-north");
        setMonthly("groups/g-north", "5000", null);
        setMonthly("company", "20000", null);
        won("s-1", YEAR + "-03-14", "u-anna", "g-north", "1500");
        won("s-2", YEAR + "-03-20", "u-bo", "g-north", "500");

        JsonNode anna = await("/" + YEAR + "/all-sales-amount/users/u-anna", view -> view.at("/periods/2/actual").decimalValue().compareTo(new BigDecimal("1500")) == 0);
        assertThat(anna.at("/periods/2/target").decimalValue()).isEqualByComparingTo("1000");
        assertThat(anna.at("/periods/2/attainment").decimalValue()).isEqualByComparingTo("1.5000");
        assertThat(anna.at("/total/target").decimalValue()).isEqualByComparingTo("12000");
        assertThat(anna.at("/targetVersion").asLong()).isEqualTo(1);
        JsonNode north = await("/" + YEAR + "/all-sales-amount/groups/g-north", view -> view.at("/total/actual").decimalValue().compareTo(new BigDecimal("2000")) == 0);
        assertThat(north.at("/periods/2/attainment").decimalValue()).isEqualByComparingTo("0.4000");
        JsonNode company = await("/" + YEAR + "/all-sales-amount/company", view -> view.at("/total/actual").decimalValue().compareTo(new BigDecimal("2000")) == 0);
        assertThat(company.at("/periods/2/attainment").decimalValue()).isEqualByComparingTo("0.1000");

        String companyKey = tenant + "/" + YEAR + "/all-sales-amount/company/company";
        Map<String, ProgressView> published = TestTopics.latest(Topics.PROGRESS,
                key -> key.startsWith(tenant + "/") && !TargetAttained.isKey(key), // the views, not TargetAttained
                json -> EventJson.read(json, ProgressView.class),
                views -> views.get(companyKey) != null && views.get(companyKey).total().actual().compareTo(new BigDecimal("2000")) == 0
                        && views.get(companyKey).targetVersion() != null, Duration.ofSeconds(30));
        JsonNode publishedView = EventJson.mapper().readTree(EventJson.writeString(published.get(companyKey)));
        assertThat(publishedView).as("the published view is the served one")
                .isEqualTo(progress.get("/" + YEAR + "/all-sales-amount/company").body());
    }

    @Test
    void correctionsAndRetractionsMoveTheActualsAtOnce() {
        won("s-1", YEAR + "-03-14", "u-anna", "g-north", "1500");
        await("/" + YEAR + "/all-sales-amount/users/u-anna", view -> view.at("/total/actual").decimalValue().signum() > 0);

        sale("s-1", "{\"type\":\"SaleWon\",\"tenantId\":\"%s\",\"saleId\":\"s-1\",\"wonDate\":\"%d-04-02\",\"userId\":\"u-bo\",\"groupId\":\"g-south\",\"amount\":900}"
                .formatted(tenant, YEAR));
        await("/" + YEAR + "/all-sales-amount/users/u-bo", view -> view.at("/periods/3/actual").decimalValue().compareTo(new BigDecimal("900")) == 0);
        await("/" + YEAR + "/all-sales-amount/users/u-anna", view -> view.at("/total/actual").decimalValue().signum() == 0);
        await("/" + YEAR + "/all-sales-amount/groups/g-south", view -> view.at("/total/actual").decimalValue().compareTo(new BigDecimal("900")) == 0);

        sale("s-1", "{\"type\":\"SaleRetracted\",\"tenantId\":\"%s\",\"saleId\":\"s-1\"}".formatted(tenant));
        await("/" + YEAR + "/all-sales-amount/company", view -> view.at("/total/actual").decimalValue().signum() == 0);
    }

    @Test
    void aLockedRowShowsLockedInItsProgress() {
        setMonthly("groups/g-north", "5000", null);
        assertThat(commands.post("/targets/" + YEAR + "/all-sales-amount/groups/g-north/lock").status()).isEqualTo(200);

        JsonNode north = await("/" + YEAR + "/all-sales-amount/groups/g-north", view -> view.at("/locked").asBoolean());
        assertThat(north.at("/targetVersion").asLong()).isEqualTo(2);
        assertThat(commands.put("/targets/" + YEAR + "/all-sales-amount/groups/g-north", monthly("1", null)).status()).isEqualTo(409);
    }

    @Test
    void rightsAndTenantsHoldAcrossBothServices() {
        setMonthly("users/u-anna", "1000", "g-north");
        setMonthly("users/u-cy", "1000", "g-west");
        won("s-1", YEAR + "-03-14", "u-cy", "g-west", "700");
        await("/" + YEAR + "/all-sales-amount/users/u-cy", view -> view.at("/total/actual").decimalValue().signum() > 0);
        String annaToken = DevToken.builder().tenant(tenant).user("u-anna").groups("g-north")
                .rights(Map.of("own", "update", "group", "read")).sign();
        Http annaCommands = new Http(stack.commands.url() + "/api/v1", annaToken);
        Http annaProgress = new Http(stack.projector.url() + "/api/v1/progress", annaToken);

        assertThat(annaCommands.get("/targets/" + YEAR + "/all-sales-amount/users/u-anna").status()).isEqualTo(200);
        assertThat(annaProgress.get("/" + YEAR + "/all-sales-amount/users/u-anna").status()).isEqualTo(200);
        assertThat(annaCommands.get("/targets/" + YEAR + "/all-sales-amount/users/u-cy").status()).isEqualTo(404);
        assertThat(annaProgress.get("/" + YEAR + "/all-sales-amount/users/u-cy").status()).isEqualTo(404);
        assertThat(annaProgress.get("/" + YEAR + "/all-sales-amount/company").status()).isEqualTo(404);

        String stranger = DevToken.builder().tenant("t-other-" + UUID.randomUUID().toString().substring(0, 6)).sign();
        assertThat(new Http(stack.commands.url() + "/api/v1", stranger).get("/targets/" + YEAR + "/all-sales-amount/users/u-cy").status())
                .isEqualTo(404);
        JsonNode strangerView = new Http(stack.projector.url() + "/api/v1/progress", stranger)
                .get("/" + YEAR + "/all-sales-amount/users/u-cy").body();
        assertThat(strangerView.at("/total/actual").decimalValue()).isEqualByComparingTo("0");
        assertThat(strangerView.at("/total/target").isNull()).isTrue();
    }

    private JsonNode await(String path, Predicate<JsonNode> done) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Http.Answer answer = progress.get(path);
            last[0] = answer.body();
            return answer.status() == 200 && done.test(answer.body());
        });
        return last[0];
    }

    private void setMonthly(String owner, String value, String groupId) {
        Http.Answer answer = commands.put("/targets/" + YEAR + "/all-sales-amount/" + owner, monthly(value, groupId));
        assertThat(answer.status()).as(answer.text()).isIn(200, 201);
    }

    private static Map<String, Object> monthly(String value, String groupId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("interval", "MONTH");
        body.put("values", Collections.nCopies(12, new BigDecimal(value)));
        if (groupId != null) {
            body.put("groupId", groupId);
        }
        return body;
    }

    private void won(String saleId, String day, String user, String group, String amount) {
        sale(saleId, "{\"type\":\"SaleWon\",\"tenantId\":\"%s\",\"saleId\":\"%s\",\"wonDate\":\"%s\",\"userId\":\"%s\",\"groupId\":\"%s\",\"amount\":%s}"
                .formatted(tenant, saleId, day, user, group, amount));
    }

    private void sale(String saleId, String json) {
        TestTopics.produce(Topics.SALES, tenant + "/" + saleId, json);
    }
}
