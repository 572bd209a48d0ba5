package io.salestargets.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.salestargets.events.json.EventJson;
import io.salestargets.localstack.demo.DemoTenant;
import io.salestargets.localstack.demo.SaleGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The fault tests' reference implementation: the actuals the progress views must show, computed
 * from scratch from the sale records a test sent, straight from the contract (section 4): the
 * newest revision of each sale counts, a retraction or a tombstone removes it, an unreadable
 * record counts nowhere. Nothing of the projector's code is used.
 */
final class ReferenceProgress {

    private record Sale(String user, String group, LocalDate wonDate, BigDecimal amount, BigDecimal profit, Map<String, String> dimensions) {
    }

    private final DemoTenant tenant;
    private final int year;
    private final Map<String, Sale> counted = new HashMap<>();
    private final Map<String, Long> revisions = new HashMap<>();

    ReferenceProgress(DemoTenant tenant, int year) {
        this.tenant = tenant;
        this.year = year;
    }

    /** A record as the CRM sent it on crm.sales, in the order of its partition (a sale's records in order). */
    synchronized void apply(SaleGenerator.SaleRecord record) {
        if (record.kind() == SaleGenerator.Kind.MALFORMED) {
            return;
        }
        String saleId = record.key().substring(record.key().indexOf('/') + 1);
        if (record.value() == null) {
            counted.remove(saleId);
            return;
        }
        JsonNode json = json(record.value());
        if (json.has("revision")) {
            long revision = json.get("revision").asLong();
            if (revision <= revisions.getOrDefault(saleId, Long.MIN_VALUE)) {
                return;
            }
            revisions.put(saleId, revision);
        }
        switch (json.get("type").asText()) {
            case "SaleRetracted" -> counted.remove(saleId);
            case "SaleWon" -> {
                Map<String, String> dimensions = new HashMap<>();
                json.path("dimensions").properties().forEach(entry -> dimensions.put(entry.getKey(), entry.getValue().asText()));
                counted.put(saleId, new Sale(json.get("userId").asText(), json.get("groupId").asText(),
                        LocalDate.parse(json.get("wonDate").asText()), json.get("amount").decimalValue(),
                        json.path("profit").isMissingNode() ? BigDecimal.ZERO : json.get("profit").decimalValue(), dimensions));
            }
            default -> throw new IllegalArgumentException("not a sale record: " + record.value());
        }
    }

    /** How many sales count now (in the year). */
    synchronized long salesCounted() {
        return counted.values().stream().filter(sale -> sale.wonDate().getYear() == year).count();
    }

    /**
     * Where the projector's views (over REST) differ from this reference: every user's, group's and
     * the company's monthly amounts ("All sales - Amount"), the sale-type counts of the company and
     * the groups, and the company-category profits of the company. Empty when they agree.
     */
    synchronized List<String> mismatches(Http progress) {
        List<String> mismatches = new ArrayList<>();
        String amount = "/" + year + "/all-sales-amount";
        compareMonths(progress, amount + "/company", sale -> true, mismatches);
        for (DemoTenant.Team team : tenant.teams()) {
            compareMonths(progress, amount + "/groups/" + team.groupId(), sale -> sale.group().equals(team.groupId()), mismatches);
            for (String user : team.users()) {
                compareMonths(progress, amount + "/users/" + user, sale -> sale.user().equals(user), mismatches);
            }
        }
        for (String item : DemoTenant.SALE_TYPES) {
            Predicate<Sale> ofType = sale -> item.equals(sale.dimensions().get("sale-type"));
            compareTotal(progress, "/" + year + "/sale-type-count/company?item=" + item, ofType, sale -> BigDecimal.ONE, mismatches);
            for (DemoTenant.Team team : tenant.teams()) {
                compareTotal(progress, "/" + year + "/sale-type-count/groups/" + team.groupId() + "?item=" + item,
                        ofType.and(sale -> sale.group().equals(team.groupId())), sale -> BigDecimal.ONE, mismatches);
            }
        }
        for (String item : DemoTenant.COMPANY_CATEGORIES) {
            compareTotal(progress, "/" + year + "/company-category-profit/company?item=" + item,
                    sale -> item.equals(sale.dimensions().get("company-category")), Sale::profit, mismatches);
        }
        return mismatches;
    }

    private void compareMonths(Http progress, String path, Predicate<Sale> owner, List<String> mismatches) {
        BigDecimal[] months = new BigDecimal[12];
        java.util.Arrays.fill(months, BigDecimal.ZERO);
        for (Sale sale : counted.values()) {
            if (sale.wonDate().getYear() == year && owner.test(sale)) {
                int month = sale.wonDate().getMonthValue() - 1;
                months[month] = months[month].add(sale.amount());
            }
        }
        Http.Answer answer = progress.get(path);
        if (answer.status() != 200) {
            mismatches.add(path + ": " + answer.status() + " " + answer.text());
            return;
        }
        JsonNode periods = answer.body().get("periods");
        for (int month = 0; month < 12; month++) {
            BigDecimal actual = periods.get(month).get("actual").decimalValue();
            if (actual.compareTo(months[month]) != 0) {
                mismatches.add(path + " month " + (month + 1) + ": " + actual + ", expected " + months[month]);
            }
        }
    }

    private void compareTotal(Http progress, String path, Predicate<Sale> counts, Function<Sale, BigDecimal> value, List<String> mismatches) {
        BigDecimal expected = counted.values().stream().filter(sale -> sale.wonDate().getYear() == year && counts.test(sale))
                .map(value).reduce(BigDecimal.ZERO, BigDecimal::add);
        Http.Answer answer = progress.get(path);
        if (answer.status() != 200) {
            mismatches.add(path + ": " + answer.status() + " " + answer.text());
            return;
        }
        BigDecimal actual = answer.body().at("/total/actual").decimalValue();
        if (actual.compareTo(expected) != 0) {
            mismatches.add(path + " total: " + actual + ", expected " + expected);
        }
    }

    private static JsonNode json(String value) {
        try {
            return EventJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
