package io.salestargets.localstack.demo;

import io.salestargets.events.json.EventJson;
import io.salestargets.events.targets.TargetType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sets the demo tenant's targets for a year through the command service's REST API, as a sales
 * manager would: the two list types, monthly "All sales - Amount" for the company, every team and
 * every user, quarterly "Sale type - Count" for new sales and upsells, monthly "Company category -
 * Profit" for enterprise and mid-market customers; then locks the company's and the first team's
 * amount rows. Safe to run again: what exists is kept.
 */
public final class DemoTargets {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String api;
    private final String token;

    /** @param commandService e.g. {@code http://127.0.0.1:8080} */
    public DemoTargets(String commandService, String token) {
        this.api = commandService + "/api/v1";
        this.token = token;
    }

    /** Returns how many rows it created. */
    public int load(DemoTenant tenant, int year) {
        for (TargetType type : List.of(DemoTenant.SALE_TYPE_COUNT, DemoTenant.COMPANY_CATEGORY_PROFIT)) {
            send("POST", "/target-types", Map.of("id", type.id(), "name", type.name(), "dimension", type.dimension(),
                    "unit", type.unit().name()), Set.of(201, 409));
        }
        int set = 0;
        String amount = "/targets/" + year + "/all-sales-amount";
        BigDecimal companyMonthly = BigDecimal.ZERO;
        int userIndex = 0;
        for (DemoTenant.Team team : tenant.teams()) {
            BigDecimal teamMonthly = BigDecimal.ZERO;
            for (String user : team.users()) {
                BigDecimal monthly = BigDecimal.valueOf(50_000 + 5_000L * (userIndex++ % 8));
                teamMonthly = teamMonthly.add(monthly);
                set += put(amount + "/users/" + user, "MONTH", monthly, team.groupId());
            }
            BigDecimal groupMonthly = teamMonthly.multiply(new BigDecimal("0.95")).setScale(0, RoundingMode.HALF_EVEN);
            companyMonthly = companyMonthly.add(groupMonthly);
            set += put(amount + "/groups/" + team.groupId(), "MONTH", groupMonthly, null);
            for (String item : List.of("st-new", "st-upsell")) {
                set += put("/targets/" + year + "/sale-type-count/groups/" + team.groupId() + "?item=" + item, "QUARTER",
                        BigDecimal.valueOf(6L * team.users().size()), null);
            }
        }
        set += put(amount + "/company", "MONTH", companyMonthly.multiply(new BigDecimal("1.05")).setScale(0, RoundingMode.HALF_EVEN), null);
        for (String item : List.of("st-new", "st-upsell")) {
            set += put("/targets/" + year + "/sale-type-count/company?item=" + item, "QUARTER", BigDecimal.valueOf(150), null);
        }
        for (String item : List.of("cat-enterprise", "cat-midmarket")) {
            set += put("/targets/" + year + "/company-category-profit/company?item=" + item, "MONTH", BigDecimal.valueOf(120_000), null);
        }
        send("POST", amount + "/company/lock", null, Set.of(200));
        send("POST", amount + "/groups/" + tenant.teams().get(0).groupId() + "/lock", null, Set.of(200));
        return set;
    }

    /** Sets one row with the same value in every period; 1 when it created the row, 0 when it was there (or locked). */
    private int put(String path, String interval, BigDecimal value, String groupId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("interval", interval);
        body.put("values", Collections.nCopies(interval.equals("MONTH") ? 12 : 4, value));
        if (groupId != null) {
            body.put("groupId", groupId);
        }
        body.put("reason", "Demo budget");
        HttpResponse<String> answer = send("PUT", path, body, Set.of(200, 201, 409));
        return answer.statusCode() == 201 ? 1 : 0;
    }

    private HttpResponse<String> send(String method, String path, Object body, Set<Integer> expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(EventJson.writeString(body)));
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (!expected.contains(answer.statusCode())) {
                throw new IllegalStateException(method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
