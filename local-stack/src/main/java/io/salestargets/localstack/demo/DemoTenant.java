package io.salestargets.localstack.demo;

import io.salestargets.events.targets.TargetType;
import io.salestargets.events.targets.Unit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A tenant the simulated CRM sells in: its sales teams (user groups) and their members, the
 * built-in target type and two list types, and the list items of those. {@link #of} is the demo's
 * four teams of five to eight people; {@link #generated} makes a tenant of any size, for benchmarks.
 */
public final class DemoTenant {

    /** A user group and its members (primary group). */
    public record Team(String groupId, List<String> users) {
    }

    public static final TargetType SALE_TYPE_COUNT = new TargetType("sale-type-count", "Sale type - Count", "sale-type", Unit.COUNT);
    public static final TargetType COMPANY_CATEGORY_PROFIT =
            new TargetType("company-category-profit", "Company category - Profit", "company-category", Unit.PROFIT);
    public static final List<String> SALE_TYPES = List.of("st-new", "st-upsell", "st-renewal", "st-service");
    public static final List<String> COMPANY_CATEGORIES = List.of("cat-enterprise", "cat-midmarket", "cat-smb");

    private final String tenantId;
    private final List<Team> teams;
    private final List<String> users;
    private final Map<String, String> groupOfUser = new HashMap<>();

    public DemoTenant(String tenantId, List<Team> teams) {
        this.tenantId = tenantId;
        this.teams = List.copyOf(teams);
        this.users = this.teams.stream().flatMap(team -> team.users().stream()).toList();
        for (Team team : this.teams) {
            team.users().forEach(user -> groupOfUser.put(user, team.groupId()));
        }
    }

    /** The demo: four teams of five to eight people, with Norwegian first names. */
    public static DemoTenant of(String tenantId) {
        return new DemoTenant(tenantId, List.of(
                new Team("g-north", List.of("u-ingrid", "u-ola", "u-kari", "u-lars", "u-sigrid", "u-henrik")),
                new Team("g-south", List.of("u-marte", "u-jonas", "u-silje", "u-andreas", "u-hilde", "u-emil", "u-tone", "u-per")),
                new Team("g-east", List.of("u-nora", "u-magnus", "u-ida", "u-sondre", "u-liv")),
                new Team("g-west", List.of("u-astrid", "u-erik", "u-thea", "u-mats", "u-ragnhild", "u-even", "u-solveig"))));
    }

    /** {@code groups} teams {@code g-01, g-02, ...} of {@code usersPerGroup} users {@code u-01-001, u-01-002, ...}. */
    public static DemoTenant generated(String tenantId, int groups, int usersPerGroup) {
        return new DemoTenant(tenantId, IntStream.rangeClosed(1, groups)
                .mapToObj(group -> new Team("g-%02d".formatted(group), IntStream.rangeClosed(1, usersPerGroup)
                        .mapToObj(user -> "u-%02d-%03d".formatted(group, user)).toList()))
                .toList());
    }

    public String tenantId() {
        return tenantId;
    }

    public List<Team> teams() {
        return teams;
    }

    public List<String> users() {
        return users;
    }

    public String groupOf(String user) {
        String group = groupOfUser.get(user);
        if (group == null) {
            throw new IllegalArgumentException("no user " + user + " in tenant " + tenantId);
        }
        return group;
    }
}
