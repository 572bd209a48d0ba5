package io.salestargets.localstack.demo;

import io.salestargets.events.target.TargetType;
import io.salestargets.events.target.Unit;
import java.util.List;

/**
 * The demo tenant: four sales teams of five to eight people, the built-in target type and two list
 * types, and the list items the simulated CRM uses.
 */
public record DemoTenant(String tenantId, List<Team> teams) {

    /** A user group and its members (primary group). */
    public record Team(String groupId, List<String> users) {
    }

    public static final TargetType SALE_TYPE_COUNT = new TargetType("sale-type-count", "Sale type - Count", "sale-type", Unit.COUNT);
    public static final TargetType COMPANY_CATEGORY_PROFIT =
            new TargetType("company-category-profit", "Company category - Profit", "company-category", Unit.PROFIT);
    public static final List<String> SALE_TYPES = List.of("st-new", "st-upsell", "st-renewal", "st-service");
    public static final List<String> COMPANY_CATEGORIES = List.of("cat-enterprise", "cat-midmarket", "cat-smb");

    public static DemoTenant of(String tenantId) {
        return new DemoTenant(tenantId, List.of(
                new Team("g-north", List.of("u-ingrid", "u-ola", "u-kari", "u-lars", "u-sigrid", "u-henrik")),
                new Team("g-south", List.of("u-marte", "u-jonas", "u-silje", "u-andreas", "u-hilde", "u-emil", "u-tone", "u-per")),
                new Team("g-east", List.of("u-nora", "u-magnus", "u-ida", "u-sondre", "u-liv")),
                new Team("g-west", List.of("u-astrid", "u-erik", "u-thea", "u-mats", "u-ragnhild", "u-even", "u-solveig"))));
    }

    public List<String> users() {
        return teams.stream().flatMap(team -> team.users().stream()).toList();
    }

    public String groupOf(String user) {
        return teams.stream().filter(team -> team.users().contains(user)).findFirst().orElseThrow().groupId();
    }
}
