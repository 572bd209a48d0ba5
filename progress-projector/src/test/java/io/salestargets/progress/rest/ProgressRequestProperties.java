package io.salestargets.progress.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.target.TargetType;
import io.salestargets.events.target.TargetTypeAdded;
import io.salestargets.events.target.Unit;
import io.salestargets.localstack.testing.TestTopics;
import io.salestargets.localstack.testing.properties.Answers;
import io.salestargets.localstack.testing.properties.Body;
import io.salestargets.localstack.testing.properties.Hostile;
import io.salestargets.localstack.testing.properties.LogWatch;
import io.salestargets.localstack.testing.properties.RawHttp;
import io.salestargets.localstack.token.DevToken;
import io.salestargets.progress.query.InstanceForwarder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;
import org.awaitility.Awaitility;

/**
 * Property-based test of the projector's API (docs/security.md, "Property-based tests"): whatever the
 * path, query, method or header of a request to any of its endpoints, the answer is a 2xx or a 4xx
 * problem+json (400 naming the field), never a 5xx, and the projector logs no error and no exception.
 * Its API changes nothing, so what must stay unchanged is the view of the tenant's data.
 *
 * <p>jqwik properties, run by {@link ProgressRequestPropertiesTest} while the application is up (see
 * {@code JqwikInQuarkus}); not named {@code *Test}, so that surefire never runs them alone.
 */
class ProgressRequestProperties {

    static final String LIST_TYPE = "sale-type-count";
    static final String BASE = "/api/v1/progress";

    private final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = DevToken.builder().tenant(tenant).user("u-boss").sign();
    private final RawHttp http = new RawHttp("127.0.0.1", RestAssured.port);
    private LogWatch log;
    private int checked;
    private String companyBefore;

    /** A list type and a sale of the tenant, counted before the property starts. */
    @BeforeProperty
    void aTenantWithASale() {
        TargetTypeAdded added = new TargetTypeAdded(UUID.randomUUID(), tenant,
                new TargetType(LIST_TYPE, "Sale type - Count", "sale-type", Unit.COUNT), Instant.now(), "u-admin");
        TestTopics.produce(Topics.TARGET_EVENTS, added.key(), EventJson.writeString(added));
        TestTopics.produce(Topics.SALES, tenant + "/s-1", """
                {"type":"SaleWon","tenantId":"%s","saleId":"s-1","wonDate":"2026-03-14","userId":"u-anna","groupId":"g-north",
                 "amount":12000.50,"dimensions":{"sale-type":"st-3"}}""".formatted(tenant));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            RawHttp.Response company = get(BASE + "/2026/" + LIST_TYPE + "/company?item=st-3&asOf=2026-12-31");
            return company.status() == 200 && company.text().contains("\"actual\":1,");
        });
        companyBefore = get(BASE + "/2026/all-sales-amount/company?asOf=2026-12-31").text();
        log = LogWatch.install();
        checked = log.mark();
    }

    @AfterProperty
    void nothingLoggedLateAndNothingChanged() {
        try {
            log.assertNothingSince(checked, "the property's last requests");
            assertThat(get(BASE + "/2026/all-sales-amount/company?asOf=2026-12-31").text()).as("the company's view").isEqualTo(companyBefore);
        } finally {
            log.close();
        }
    }

    record Call(String method, String target, List<Map.Entry<String, String>> headers, Body body) {
        @Override
        public String toString() {
            return method + " " + RawHttp.printable(target, 300) + " " + headers + (body == null ? "" : " " + body);
        }
    }

    @Property(tries = 800)
    void everyEndpointAnswersAnyPathWithA2xxOrA4xxProblem(@ForAll("calls") Call call) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(call.headers());
        headers.add(0, Map.entry("Authorization", "Bearer " + token));
        RawHttp.Request request = new RawHttp.Request(call.method(), call.target(), headers, call.body() == null ? null : call.body().bytes());
        int mark = log.mark();
        try {
            RawHttp.Response answer = http.send(request);
            Statistics.label("answer").collect(answer.status());
            Answers.check(request, answer);
            log.assertNothingSince(mark, request);
        } finally {
            checked = log.mark();
        }
    }

    /** Every endpoint (ProgressResource, ProgressTypesResource, the live one), each part of its path valid or not. */
    @Provide
    Arbitrary<Call> calls() {
        Arbitrary<String> year = Hostile.pathSegments(List.of("2026", "2027", "2000", "2100"),
                List.of("1999", "2101", "0", "02026", "+2026", "-1", "２０２６"));
        Arbitrary<String> type = Hostile.pathSegments(List.of("all-sales-amount", LIST_TYPE),
                List.of("no-such-type", "All-Sales-Amount", "types", "all-sales-amount-"));
        Arbitrary<String> id = Hostile.pathSegments(List.of("g-north", "u-anna", "g-south", "u-bo", "A.b:c_d"),
                List.of("g_north", "u anna", "-x", "x".repeat(65), "%C3%A9"));
        Arbitrary<String> owner = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just("company")),
                Tuple.of(2, id.map(g -> "groups/" + g)),
                Tuple.of(2, id.map(u -> "users/" + u)),
                Tuple.of(1, Hostile.pathSegments(List.of("groups", "users", "company", "groups/", "users/a/b", "Company", "items"))));
        Arbitrary<String> suffix = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("/", "//", "/x", "/events/x", "/items/x", ";x=y", "/..", "/.", "/%2e%2e", "/%2F")));
        Arbitrary<String> query = Hostile.queries(Map.of(
                "item", List.of("st-3", "st-4", "x"),
                "asOf", List.of("2026-03-14", "2026-12-31", "2000-01-01", "2100-12-31", "2024-02-29", "2026-02-29", "+999999999-12-31",
                        "-999999999-01-01", "0000-01-01", "9999-12-31", "2026-03-14T00:00:00Z", "20260314", "")));
        Arbitrary<String> year2type = Combinators.combine(year, type).as((y, t) -> BASE + "/" + y + "/" + t);
        Arbitrary<String> path = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(BASE + "/types")),
                Tuple.of(2, year2type),
                Tuple.of(1, year2type.map(p -> p + "/items")),
                Tuple.of(5, Combinators.combine(year2type, owner).as((p, o) -> p + "/" + o)),
                Tuple.of(2, Combinators.combine(year2type, owner).as((p, o) -> p + "/" + o + "/events")));
        Arbitrary<String> method = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("GET")),
                Tuple.of(1, Arbitraries.of("PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO", "get")));
        Arbitrary<List<Map.Entry<String, String>>> headers = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just(List.of())),
                Tuple.of(1, Combinators.combine(Arbitraries.of(InstanceForwarder.SCOPE, InstanceForwarder.FORWARDED, "Accept", "Accept-Language"),
                        Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of("local", "1", "text/event-stream", "application/xml", "*/*")),
                                Tuple.of(1, Hostile.headerValues()))).as((name, value) -> List.of(Map.entry(name, value)))));
        Arbitrary<Body> body = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just((Body) null)),
                Tuple.of(1, Hostile.values().map(value -> Body.json("any JSON", value))));
        return Combinators.combine(method, path, suffix, query, headers, body)
                .as((m, p, s, q, h, b) -> new Call(m, p + s + q, b == null ? h : withJson(h), b));
    }

    private static List<Map.Entry<String, String>> withJson(List<Map.Entry<String, String>> headers) {
        List<Map.Entry<String, String>> all = new ArrayList<>(headers);
        all.add(Map.entry("Content-Type", "application/json"));
        return all;
    }

    private RawHttp.Response get(String target) {
        return http.send(new RawHttp.Request("GET", target, List.of(Map.entry("Authorization", "Bearer " + token)), null));
    }
}
