package io.salestargets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salestargets.localstack.demo.CrmSimulator;
import io.salestargets.localstack.demo.DemoTargets;
import io.salestargets.localstack.demo.DemoTenant;
import io.salestargets.localstack.demo.SaleGenerator;
import io.salestargets.localstack.testing.TestInfrastructure;
import io.salestargets.localstack.token.DevToken;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's data through the whole product: its targets over REST, a simulated CRM's sales with
 * corrections, retractions and malformed records; every owner shows progress. Then the projector
 * loses its local state and comes back with every view identical.
 */
class ReplayAndDemoIT {

    private static final int YEAR = LocalDate.now().getYear();
    private static final String TENANT = "demo-" + UUID.randomUUID().toString().substring(0, 6);
    private static final DemoTenant DEMO = DemoTenant.of(TENANT);
    private static Stack stack;

    private final Http progress = new Http(stack.projector.url() + "/api/v1/progress", DevToken.builder().tenant(TENANT).sign());

    @BeforeAll
    static void startWithTheDemo() {
        stack = new Stack();
        new DemoTargets(stack.commands.url(), DevToken.builder().tenant(TENANT).sign()).load(DEMO, YEAR);
        CrmSimulator.run(new CrmSimulator.Settings(TestInfrastructure.get().bootstrapServers(), TENANT, 50, Duration.ofSeconds(2), 42,
                600, SaleGenerator.Mix.REALISTIC));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void everyUserGroupAndTheCompanyOfTheDemoShowProgress() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode list = progress.get("/" + YEAR + "/all-sales-amount").body();
            assertThat(list.at("/company/total/actual").decimalValue().signum()).isPositive();
            assertThat(list.at("/company/locked").asBoolean()).isTrue();
            assertThat(list.get("groups")).hasSize(4);
            for (JsonNode group : list.get("groups")) {
                assertThat(group.at("/group/total/actual").decimalValue().signum()).as(group.at("/group/ownerId").asText()).isPositive();
                assertThat(group.at("/group/total/target").decimalValue().signum()).isPositive();
                for (JsonNode user : group.get("users")) {
                    assertThat(user.at("/total/attainment").decimalValue().signum()).as(user.at("/ownerId").asText()).isPositive();
                }
            }
            List<String> users = new ArrayList<>();
            list.get("groups").forEach(group -> group.get("users").forEach(user -> users.add(user.get("ownerId").asText())));
            assertThat(users).containsExactlyInAnyOrderElementsOf(DEMO.users());
        });
        JsonNode saleTypes = progress.get("/" + YEAR + "/sale-type-count/company?item=st-new").body();
        assertThat(saleTypes.at("/interval").asText()).isEqualTo("QUARTER");
        assertThat(saleTypes.at("/total/actual").asLong()).isPositive();
    }

    @Test
    void aProjectorThatLosesItsStateComesBackWithEveryViewIdentical() {
        Map<String, JsonNode> before = settledViews();

        stack.stopProjectorAndDeleteItsState();
        stack.startProjector();

        Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(views()).isEqualTo(before));
    }

    /** The views once no sale is left in flight: two readings a few seconds apart agree. */
    private Map<String, JsonNode> settledViews() {
        Map<String, JsonNode>[] last = new Map[] {Map.of()};
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            Map<String, JsonNode> now = views();
            boolean settled = now.equals(last[0]) && !now.isEmpty();
            last[0] = now;
            return settled;
        });
        return last[0];
    }

    private Map<String, JsonNode> views() {
        Map<String, JsonNode> views = new LinkedHashMap<>();
        views.put("all", progress.get("/" + YEAR + "/all-sales-amount").body());
        for (String item : DemoTenant.SALE_TYPES) {
            views.put(item, progress.get("/" + YEAR + "/sale-type-count?item=" + item).body());
        }
        for (String item : DemoTenant.COMPANY_CATEGORIES) {
            views.put(item, progress.get("/" + YEAR + "/company-category-profit?item=" + item).body());
        }
        for (String user : DEMO.users()) {
            views.put(user, progress.get("/" + YEAR + "/all-sales-amount/users/" + user).body());
        }
        return views;
    }
}
