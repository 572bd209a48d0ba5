package io.salestargets.progress.rest;

import static io.restassured.RestAssured.given;
import static io.salestargets.localstack.testing.properties.Gens.constant;
import static io.salestargets.localstack.testing.properties.Gens.frequency;
import static io.salestargets.localstack.testing.properties.Gens.of;
import static io.salestargets.localstack.testing.properties.Gens.pick;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.targets.TargetType;
import io.salestargets.events.targets.TargetTypeAdded;
import io.salestargets.events.targets.Unit;
import io.salestargets.localstack.testing.TestTopics;
import io.salestargets.localstack.testing.properties.Answers;
import io.salestargets.localstack.testing.properties.Body;
import io.salestargets.localstack.testing.properties.Hostile;
import io.salestargets.localstack.testing.properties.LogWatch;
import io.salestargets.localstack.testing.properties.RawHttp;
import io.salestargets.localstack.testing.properties.Theories;
import io.salestargets.localstack.token.DevToken;
import io.salestargets.progress.ProjectorInfrastructure;
import io.salestargets.progress.query.InstanceForwarder;
import io.salestargets.service.ProblemMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Property-based test of the projector's API (docs/security.md, "Property-based tests"): whatever the
 * path, query, method or header of a request to any of its endpoints, the answer is a 2xx or a 4xx
 * problem+json (400 naming the field), never a 5xx, and the projector logs no error and no exception.
 * Its API changes nothing, so what must stay unchanged is the view of the tenant's data.
 *
 * <p>QuickTheories properties ({@link Theories}: a fixed seed, printed with a failure and the smallest
 * failing request), run while the projector is up; the requests go over a raw socket, so that they are
 * exactly what the property made.
 */
@QuarkusTest
@WithTestResource(ProjectorInfrastructure.class)
class ProgressRequestPropertiesTest {

    /** How many tries QuickTheories may spend on shrinking a failing request (a request each). */
    static final int SHRINK_CYCLES = 500;

    static final String LIST_TYPE = "sale-type-count";
    static final String BASE = "/api/v1/progress";

    private final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = DevToken.builder().tenant(tenant).user("u-boss").sign();
    /** The running application, once Quarkus has set its port. */
    private RawHttp http;
    private LogWatch log;
    private int checked;
    private String companyBefore;

    @BeforeEach
    void awaitReady() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void theLogWatchSeesWhatTheProjectorLogs() {
        // an error logged the way the projector logs one (JBoss Logging, the category that logs every 500) must reach it
        try (LogWatch log = LogWatch.install()) {
            int mark = log.mark();
            Logger.getLogger(ProblemMapper.class).error("request failed", new IllegalStateException("canary"));
            assertThat(log.since(mark)).singleElement().asString().contains("request failed").contains("IllegalStateException: canary");
        }
    }

    /**
     * Runs a property in a tenant of its own with a list type and a sale, watching the projector's log: each try
     * checks its request; what it logged after the last try, or a change of the company's view, fails it too.
     */
    private <T> void property(String name, int examples, Gen<T> values, Consumer<T> property) {
        http = new RawHttp("127.0.0.1", RestAssured.port);
        aTenantWithASale();
        try (LogWatch watch = LogWatch.install()) {
            log = watch;
            checked = log.mark();
            Theories.check(name, examples, SHRINK_CYCLES, values, property);
            log.assertNothingSince(checked, "the property's last requests");
            assertThat(get(BASE + "/2026/all-sales-amount/company?asOf=2026-12-31").text()).as("the company's view").isEqualTo(companyBefore);
        }
    }

    /** A list type and a sale of the tenant, counted before the property starts. */
    private void aTenantWithASale() {
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
    }

    record Call(String method, String target, List<Map.Entry<String, String>> headers, Body body) {
        @Override
        public String toString() {
            return method + " " + RawHttp.printable(target, 300) + " " + headers + (body == null ? "" : " " + body);
        }
    }

    @Test
    void paths() {
        property("everyEndpointAnswersAnyPathWithA2xxOrA4xxProblem", 800, calls(), this::everyEndpointAnswers);
    }

    private void everyEndpointAnswers(Call call) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(call.headers());
        headers.add(0, Map.entry("Authorization", "Bearer " + token));
        RawHttp.Request request = new RawHttp.Request(call.method(), call.target(), headers, call.body() == null ? null : call.body().bytes());
        int mark = log.mark();
        try {
            RawHttp.Response answer = http.send(request);
            Answers.check(request, answer);
            log.assertNothingSince(mark, request);
        } finally {
            checked = log.mark();
        }
    }

    /** Every endpoint (ProgressResource, ProgressTypesResource, the live one), each part of its path valid or not. */
    static Gen<Call> calls() {
        Gen<String> year = Hostile.pathSegments(List.of("2026", "2027", "2000", "2100"),
                List.of("1999", "2101", "0", "02026", "+2026", "-1", "\uff12\uff10\uff12\uff16"));
        Gen<String> type = Hostile.pathSegments(List.of("all-sales-amount", LIST_TYPE),
                List.of("no-such-type", "All-Sales-Amount", "types", "all-sales-amount-"));
        Gen<String> id = Hostile.pathSegments(List.of("g-north", "u-anna", "g-south", "u-bo", "A.b:c_d"),
                List.of("g_north", "u anna", "-x", "x".repeat(65), "%C3%A9"));
        Gen<String> owner = frequency(
                of(2, constant("company")),
                of(2, id.map(g -> "groups/" + g)),
                of(2, id.map(u -> "users/" + u)),
                of(1, Hostile.pathSegments(List.of("groups", "users", "company", "groups/", "users/a/b", "Company", "items"))));
        Gen<String> suffix = frequency(of(12, constant("")),
                of(1, pick("/", "//", "/x", "/events/x", "/items/x", ";x=y", "/..", "/.", "/%2e%2e", "/%2F")));
        Gen<String> query = Hostile.queries(Map.of(
                "item", List.of("st-3", "st-4", "x"),
                "asOf", Hostile.DATE_EDGES,
                "targetsAsOf", Hostile.INSTANT_EDGES));
        Gen<String> year2type = year.zip(type, (y, t) -> BASE + "/" + y + "/" + t);
        Gen<String> path = frequency(
                of(1, constant(BASE + "/types")),
                of(2, year2type),
                of(1, year2type.map(p -> p + "/items")),
                of(5, year2type.zip(owner, (p, o) -> p + "/" + o)),
                of(2, year2type.zip(owner, (p, o) -> p + "/" + o + "/events")));
        Gen<String> method = frequency(of(12, constant("GET")),
                of(1, pick("PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO", "get")));
        Gen<List<Map.Entry<String, String>>> headers = frequency(
                of(10, constant(List.of())),
                of(1, pick(InstanceForwarder.FORWARDED, "Accept", "Accept-Language").zip(
                        frequency(of(1, pick("local", "1", "text/event-stream", "application/xml", "*/*")), of(1, Hostile.headerValues())),
                        (name, value) -> List.of(Map.entry(name, value)))));
        Gen<Body> body = frequency(of(12, constant((Body) null)),
                of(1, Hostile.values().map(value -> Body.json("any JSON", value))));
        return in -> {
            String m = method.generate(in);
            String target = path.generate(in) + suffix.generate(in) + query.generate(in);
            List<Map.Entry<String, String>> h = headers.generate(in);
            Body b = body.generate(in);
            return new Call(m, target, b == null ? h : withJson(h), b);
        };
    }

    /**
     * {@code ?asOf=} (a date) and {@code ?targetsAsOf=} (an instant) of an owner's view and of the dialog, as a
     * client sends them (URL-encoded: {@code +} as {@code %2B}): within the contract's years (2000 to 2100, UTC)
     * or blank, the view (200); anything else, a 400 naming the field; never a 5xx.
     */
    @Test
    void dates() {
        Gen<String> targets = pick(BASE + "/2026/all-sales-amount/company", BASE + "/2026/all-sales-amount",
                BASE + "/2026/" + LIST_TYPE + "/groups/g-north?item=st-3", BASE + "/2100/all-sales-amount/users/u-anna",
                BASE + "/2000/all-sales-amount");
        Gen<DateQuery> queries = targets.zip(frequency(of(1, constant("asOf")), of(1, constant("targetsAsOf"))), Map::entry)
                .flatMap(pair -> (pair.getValue().equals("asOf") ? Hostile.dates() : Hostile.instants())
                        .map(value -> new DateQuery(pair.getKey(), pair.getValue(), value)));
        property("aDateOutsideTheContractsYearsIsRefusedNamingIt", 400, queries, query -> {
            String target = query.target() + (query.target().contains("?") ? "&" : "?") + query.name() + "="
                    + Hostile.percentEncoded(query.value());
            RawHttp.Request request = new RawHttp.Request("GET", target, List.of(Map.entry("Authorization", "Bearer " + token)), null);
            int mark = log.mark();
            try {
                RawHttp.Response answer = http.send(request);
                String decoded = new String(query.value().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                if (("GET " + target + " HTTP/1.1").length() > MAX_REQUEST_LINE) {
                    Answers.check(request, answer);
                    assertThat(answer.status()).as("a request line over the limit\n%s\n-> %s", request, answer).isEqualTo(414);
                } else if (decoded.isBlank() || inContractYears(query.name(), decoded)) {
                    Answers.check(request, answer);
                    assertThat(answer.status()).as("a %s of the contract's years\n%s\n-> %s", query.name(), request, answer).isEqualTo(200);
                } else {
                    Answers.refused(request, answer, query.name());
                }
                log.assertNothingSince(mark, request);
            } finally {
                checked = log.mark();
            }
        });
    }

    /** quarkus.http.limits.max-initial-line-length (application.properties): Vert.x answers 414 over it. */
    static final int MAX_REQUEST_LINE = 4096;

    /** A view or dialog and one date parameter, before encoding. */
    record DateQuery(String target, String name, String value) {
        @Override
        public String toString() {
            return target + " " + name + "=" + RawHttp.printable(value, 300);
        }
    }

    /** Whether the text is a date (asOf) or instant (targetsAsOf) of the years 2000 to 2100 (UTC): the test's model. */
    private static boolean inContractYears(String name, String text) {
        try {
            if (name.equals("asOf")) {
                int year = LocalDate.parse(text).getYear();
                return year >= 2000 && year <= 2100;
            }
            Instant instant = Instant.parse(text);
            return !instant.isBefore(Instant.parse("2000-01-01T00:00:00Z")) && instant.isBefore(Instant.parse("2101-01-01T00:00:00Z"));
        } catch (DateTimeParseException e) {
            return false;
        }
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
