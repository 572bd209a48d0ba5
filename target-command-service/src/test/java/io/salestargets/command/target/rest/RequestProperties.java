package io.salestargets.command.target.rest;

import static io.salestargets.command.target.Api.TYPE;
import static io.salestargets.command.target.Api.admin;
import static io.salestargets.command.target.Api.as;
import static io.salestargets.command.target.Api.monthly;
import static io.salestargets.command.target.Api.newTenant;
import static io.salestargets.command.target.Api.quarterly;
import static io.salestargets.command.target.Api.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.RestAssured;
import io.salestargets.localstack.testing.properties.Answers;
import io.salestargets.localstack.testing.properties.Body;
import io.salestargets.localstack.testing.properties.Hostile;
import io.salestargets.localstack.testing.properties.Json.Num;
import io.salestargets.localstack.testing.properties.Json.Obj;
import io.salestargets.localstack.testing.properties.LogWatch;
import io.salestargets.localstack.testing.properties.RawHttp;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Property-based tests of the command service's requests (docs/security.md, "Property-based tests"):
 * whatever the body, path, query or header, the answer is a 2xx or a 4xx problem+json (400 naming
 * the field), never a 5xx; a refused request changes nothing (the row as read, the tenant's events);
 * an accepted one stores what it was sent; and the service logs no error and no exception.
 *
 * <p>jqwik properties, run by {@link RequestPropertiesTest} while the application is up (see
 * {@code JqwikInQuarkus} for why); not named {@code *Test}, so that surefire never runs them alone.
 * Each property has a tenant of its own with a few rows; the requests go over a raw socket, so that
 * they are exactly what the property made.
 */
class RequestProperties {

    static final String TYPES = "/api/v1/target-types";
    static final String LIST_TYPE = "sale-type-count";

    /** Lenient JSON, to read what a request asked for and what the service answered. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** The rows of the property's tenant that bodies are sent to: each level, and a row of a list type. */
    enum Row {
        USER(row(2026, TYPE, "users/u-anna"), "g-north"),
        GROUP(row(2026, TYPE, "groups/g-north"), null),
        COMPANY(row(2026, TYPE, "company"), null),
        LIST_ITEM(row(2026, LIST_TYPE, "groups/g-north") + "?item=st-3", null);

        final String target;
        final String groupId;

        Row(String target, String groupId) {
            this.target = target;
            this.groupId = groupId;
        }
    }

    private final String tenant = newTenant();
    private final String token = admin(tenant).sign();
    private final RawHttp http = new RawHttp("127.0.0.1", RestAssured.port);
    private LogWatch log;
    /** The log up to here has been checked: by a try, for its request. */
    private int checked;

    @BeforeProperty
    void aTenantWithRows() {
        as(token).body(Map.of("name", "Sale type - Count", "dimension", "sale-type", "unit", "COUNT")).post(TYPES).then().statusCode(201);
        as(token).body(monthly(100, "g-north")).put(Row.USER.target).then().statusCode(201);
        as(token).body(monthly(1000, null)).put(Row.GROUP.target).then().statusCode(201);
        as(token).body(monthly(5000, null)).put(Row.COMPANY.target).then().statusCode(201);
        as(token).body(quarterly(7)).queryParam("item", "st-3").put(row(2026, LIST_TYPE, "groups/g-north")).then().statusCode(201);
        log = LogWatch.install();
        checked = log.mark();
    }

    /** What the service logged after the last try had checked its log (late, or for a request whose try failed first). */
    @AfterProperty
    void nothingLoggedLate() {
        try {
            log.assertNothingSince(checked, "the property's last requests");
        } finally {
            log.close();
        }
    }

    /**
     * Sends the request: its answer must follow {@link Answers}, and the service must log nothing about it.
     * A 412 only answers an If-Match (contract): nothing races with the property's requests, so a write is
     * never tried again until it gives up.
     */
    private RawHttp.Response send(RawHttp.Request request) {
        int mark = log.mark();
        try {
            RawHttp.Response answer = http.send(request);
            Statistics.label("answer").collect(answer.status());
            Answers.check(request, answer);
            if (answer.status() == 412) {
                assertThat(request.headers()).as("a 412 answers an If-Match\n%s\n-> %s", request, answer)
                        .extracting(Map.Entry::getKey).contains("If-Match");
            }
            log.assertNothingSince(mark, request);
            return answer;
        } finally {
            checked = log.mark();
        }
    }

    // --- 1. bodies of PUT <row> --------------------------------------------------------------------------

    record Put(Row row, Body body, List<Map.Entry<String, String>> headers) {
        RawHttp.Request request(String token) {
            List<Map.Entry<String, String>> all = new ArrayList<>(headers);
            all.add(0, Map.entry("Authorization", "Bearer " + token));
            return new RawHttp.Request("PUT", row.target, all, body.bytes());
        }

        @Override
        public String toString() {
            return "PUT " + row + " " + headers + " " + body;
        }
    }

    @Property(tries = 800)
    void aRowsBodyIsAcceptedOrRefusedWithAProblemAndARefusalChangesNothing(@ForAll("puts") Put put) {
        Statistics.label("body").collect(put.body().kind().replaceAll(",.*", ""));
        RowState before = state(put.row().target);

        RawHttp.Request request = put.request(token);
        RawHttp.Response answer = send(request);

        RowState after = state(put.row().target);
        if (answer.status() >= 400) {
            assertThat(after).as("refused: the row and the tenant's events are as before\n%s\n-> %s", request, answer).isEqualTo(before);
        } else {
            storedAsSent(put, answer, before, after);
        }
    }

    @Provide
    Arbitrary<Put> puts() {
        return Arbitraries.of(Row.values()).flatMap(row -> {
            Arbitrary<Obj> valid = validSets(row);
            Arbitrary<Body> bodies = Arbitraries.frequencyOf(Tuple.of(4, Hostile.bodies(valid)), Tuple.of(1, oneNumber(valid)));
            return Combinators.combine(bodies, writeHeaders()).as((body, headers) -> new Put(row, body, headers));
        });
    }

    /** A valid body with one of its values any number literal: the numbers are where the rules of a row are. */
    static Arbitrary<Body> oneNumber(Arbitrary<Obj> valid) {
        return valid.flatMap(body -> {
            List<?> values = (List<?>) body.get("values");
            return Combinators.combine(Arbitraries.integers().between(0, values.size() - 1), Hostile.numbers()).as((i, number) -> {
                List<Object> changed = new ArrayList<>(values);
                changed.set(i, number);
                return Body.json("one number", body.with("values", changed));
            });
        });
    }

    /** Valid bodies of PUT: the row's interval, values at and near the limits, sometimes a currency or a reason. */
    static Arbitrary<Obj> validSets(Row row) {
        Arbitrary<String> value = Arbitraries.of("0", "1", "7", "100", "10000", "0.5", "12.34", "999999999999.99", "1000000000000",
                "1e3", "1.50", "10000.00");
        boolean count = row == Row.LIST_ITEM;
        int periods = count ? 4 : 12;
        Arbitrary<List<Object>> values = (count ? Arbitraries.of("0", "1", "7", "100", "1e3") : value).map(v -> (Object) new Num(v))
                .list().ofSize(periods);
        Arbitrary<String> reason = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("")), Tuple.of(1, Hostile.strings()));
        Arbitrary<String> currency = Arbitraries.of("", "", "NOK", "EUR");
        return Combinators.combine(values, reason, currency).as((entries, why, code) -> {
            Obj body = Obj.of("interval", count ? "QUARTER" : "MONTH", "values", entries);
            if (row.groupId != null) {
                body = body.with("groupId", row.groupId);
            }
            if (!code.isEmpty() && row.groupId == null) {
                body = body.with("currency", code);
            }
            return why.isEmpty() ? body : body.with("reason", why);
        });
    }

    /** Content-Type mostly JSON, sometimes not; sometimes If-Match, Idempotency-Key or Accept, valid or not. */
    static Arbitrary<List<Map.Entry<String, String>>> writeHeaders() {
        Arbitrary<String> contentType = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just("application/json")),
                Tuple.of(2, Arbitraries.of("application/json; charset=UTF-8", "application/json;charset=utf-16", "text/plain",
                        "application/xml", "application/problem+json", "application/x-www-form-urlencoded", "*/*", "",
                        "application/json, text/plain", "multipart/form-data; boundary=x", "application/octet-stream", "none")),
                Tuple.of(1, Hostile.headerValues()));
        Arbitrary<String> ifMatch = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("none")),
                Tuple.of(1, Arbitraries.of("\"1\"", "W/\"1\"", "1", "*", "\"999\"", "\"\"", "\"-1\"", "\"99999999999999999999\"")),
                Tuple.of(1, Hostile.headerValues()));
        Arbitrary<String> idempotencyKey = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("none")),
                Tuple.of(1, Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as((high, low) -> new UUID(high, low).toString())),
                Tuple.of(1, Hostile.headerValues()));
        Arbitrary<String> accept = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("none")),
                Tuple.of(1, Arbitraries.of("application/json", "application/xml", "text/html", "*/*", "application/problem+json")));
        return Combinators.combine(contentType, ifMatch, idempotencyKey, accept).as((type, match, key, accepts) -> {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            if (!type.equals("none")) {
                headers.add(Map.entry("Content-Type", type));
            }
            if (!match.equals("none")) {
                headers.add(Map.entry("If-Match", match));
            }
            if (!key.equals("none")) {
                headers.add(Map.entry("Idempotency-Key", key));
            }
            if (!accepts.equals("none")) {
                headers.add(Map.entry("Accept", accepts));
            }
            return headers;
        });
    }

    /** An accepted PUT: the row holds what was sent, and it made one event if it changed anything, else none. */
    private void storedAsSent(Put put, RawHttp.Response answer, RowState before, RowState after) {
        String context = put + "\n-> " + answer;
        assertThat(answer.status()).as(context).isIn(200, 201);
        JsonNode sent = read(put.body().bytes(), context);
        JsonNode answered = read(answer.text(), context);
        JsonNode stored = read(after.body(), context);
        assertThat(after.status()).as("the row can be read: %s", context).isEqualTo(200);
        assertThat(stored.path("version")).as("the row read is the row answered: %s", context).isEqualTo(answered.path("version"));
        for (JsonNode row : List.of(answered, stored)) {
            assertThat(row.path("interval").asText()).as(context).isEqualTo(sent.path("interval").asText());
            assertThat(decimals(row.path("values"))).as("values as sent: %s", context).isEqualTo(decimals(sent.path("values")));
            assertThat(row.path("groupId").asText(null)).as(context).isEqualTo(sent.path("groupId").asText(null));
            assertThat(row.path("currency").asText(null)).as(context).isEqualTo(sent.path("currency").asText(null));
        }
        long version = answered.path("version").asLong();
        boolean changed = version != before.version();
        assertThat(version).as("one version more, or the same: %s", context).isIn(before.version(), before.version() + 1);
        assertThat(after.events()).as("one event per change: %s", context).isEqualTo(before.events() + (changed ? 1 : 0));
        if (changed) {
            JsonNode history = read(get(historyOf(put.row())).text(), context);
            assertThat(history.path(history.size() - 1).path("reason").asText(null)).as("the reason as sent: %s", context)
                    .isEqualTo(sent.path("reason").asText(null));
        }
    }

    private static String historyOf(Row row) {
        int query = row.target.indexOf('?');
        return query < 0 ? row.target + "/history" : row.target.substring(0, query) + "/history" + row.target.substring(query);
    }

    // --- 1. bodies of POST /target-types ------------------------------------------------------------------

    record Post(Body body, List<Map.Entry<String, String>> headers) {
        RawHttp.Request request(String token) {
            List<Map.Entry<String, String>> all = new ArrayList<>(headers);
            all.add(0, Map.entry("Authorization", "Bearer " + token));
            return new RawHttp.Request("POST", TYPES, all, body.bytes());
        }

        @Override
        public String toString() {
            return "POST " + TYPES + " " + headers + " " + body;
        }
    }

    @Property(tries = 400)
    void aTypesBodyIsAcceptedOrRefusedWithAProblemAndARefusalChangesNothing(@ForAll("posts") Post post) {
        Statistics.label("body").collect(post.body().kind().replaceAll(",.*", ""));
        TypesState before = types();

        RawHttp.Request request = post.request(token);
        RawHttp.Response answer = send(request);

        TypesState after = types();
        if (answer.status() >= 400) {
            assertThat(after).as("refused: the types and the tenant's events are as before\n%s\n-> %s", request, answer).isEqualTo(before);
        } else {
            String context = post + "\n-> " + answer;
            assertThat(answer.status()).as(context).isEqualTo(201);
            JsonNode sent = read(post.body().bytes(), context);
            JsonNode added = read(answer.text(), context);
            assertThat(added.path("name").asText()).as("the name as sent: %s", context).isEqualTo(sent.path("name").asText().strip());
            assertThat(added.path("dimension").asText()).as(context).isEqualTo(sent.path("dimension").asText());
            assertThat(added.path("unit").asText()).as(context).isEqualTo(sent.path("unit").asText());
            if (sent.hasNonNull("id")) {
                assertThat(added.path("id").asText()).as(context).isEqualTo(sent.path("id").asText());
            }
            RawHttp.Response read = get(TYPES + "/" + added.path("id").asText());
            assertThat(read.status()).as(context).isEqualTo(200);
            assertThat(read(read.text(), context)).as("the type read is the type answered: %s", context).isEqualTo(added);
            assertThat(after.events()).as("one event: %s", context).isEqualTo(before.events() + 1);
        }
    }

    @Provide
    Arbitrary<Post> posts() {
        Arbitrary<Obj> valid = Combinators.combine(Arbitraries.strings().withChars("abcdefxyz0123456789").ofLength(8),
                Arbitraries.of("", "Sale type - Count", "Salgstype - Antall (\u00d8)", " Padded name ", "N".repeat(100)),
                Arbitraries.of("AMOUNT", "COUNT", "PROFIT"), Arbitraries.of(true, false)).as((suffix, name, unit, withId) -> {
                    Obj type = Obj.of("name", name.isEmpty() ? "Type " + suffix : name, "dimension", "d-" + suffix, "unit", unit);
                    return withId ? type.with("id", "t-" + suffix) : type;
                });
        return Combinators.combine(Hostile.bodies(valid), writeHeaders()).as(Post::new);
    }

    // --- 2. paths, methods and queries of every endpoint -------------------------------------------------

    record Call(String method, String target, Body body) {
        RawHttp.Request request(String token) {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            headers.add(Map.entry("Authorization", "Bearer " + token));
            if (body != null) {
                headers.add(Map.entry("Content-Type", "application/json"));
            }
            return new RawHttp.Request(method, target, headers, body == null ? null : body.bytes());
        }

        @Override
        public String toString() {
            return method + " " + RawHttp.printable(target, 300) + (body == null ? "" : " " + body);
        }
    }

    @Property(tries = 800)
    void everyEndpointAnswersAnyPathWithA2xxOrA4xxProblemAndARefusalChangesNothing(@ForAll("calls") Call call) {
        long before = events();

        RawHttp.Request request = call.request(token);
        RawHttp.Response answer = send(request);

        if (answer.status() >= 400) {
            assertThat(events()).as("refused: no event\n%s\n-> %s", request, answer).isEqualTo(before);
        }
    }

    /** Every endpoint of the service (TargetTypesResource, TargetRowsResource), each part of its path valid or not. */
    @Provide
    Arbitrary<Call> calls() {
        Arbitrary<String> year = Hostile.pathSegments(List.of("2026", "2027", "2000", "2100"),
                List.of("1999", "2101", "0", "02026", "+2026", "-1", "２０２６"));
        Arbitrary<String> type = Hostile.pathSegments(List.of(TYPE, LIST_TYPE),
                List.of("no-such-type", "All-Sales-Amount", "all-sales-amount-"));
        Arbitrary<String> id = Hostile.pathSegments(List.of("g-north", "u-anna", "g-south", "u-bo", "A.b:c_d"),
                List.of("g_north", "u anna", "-x", "x".repeat(65), "%C3%A9"));
        Arbitrary<String> owner = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just("company")),
                Tuple.of(2, id.map(g -> "groups/" + g)),
                Tuple.of(2, id.map(u -> "users/" + u)),
                Tuple.of(1, Hostile.pathSegments(List.of("groups", "users", "company", "groups/", "users/a/b", "Company"))));
        Arbitrary<String> suffix = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("/", "//", "/x", "/history/x", "/lock/lock", ";x=y", "/..", "/.", "/%2e%2e", "/%2F")));
        Arbitrary<String> query = Hostile.queries(Map.of("item", List.of("st-3", "st-4", "x")));
        Arbitrary<String> rows = Combinators.combine(year, type, owner).as((y, t, o) -> "/api/v1/targets/" + y + "/" + t + "/" + o);
        Arbitrary<Tuple.Tuple2<String, String>> endpoint = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Tuple.of("GET", TYPES))),
                Tuple.of(1, Arbitraries.just(Tuple.of("POST", TYPES))),
                Tuple.of(2, type.map(t -> Tuple.of("GET", TYPES + "/" + t))),
                Tuple.of(2, Combinators.combine(year, type).as((y, t) -> Tuple.of("GET", "/api/v1/targets/" + y + "/" + t))),
                Tuple.of(3, rows.map(r -> Tuple.of("GET", r))),
                Tuple.of(3, rows.map(r -> Tuple.of("PUT", r))),
                Tuple.of(2, rows.map(r -> Tuple.of("DELETE", r))),
                Tuple.of(2, Combinators.combine(rows, Arbitraries.of("/lock", "/unlock")).as((r, l) -> Tuple.of("POST", r + l))),
                Tuple.of(2, rows.map(r -> Tuple.of("GET", r + "/history"))));
        Arbitrary<String> otherMethod = Arbitraries.of("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO", "get");
        return Combinators.combine(endpoint, Arbitraries.integers().between(0, 9), otherMethod, suffix, query,
                Arbitraries.integers().between(0, 5), Arbitraries.strings().withChars("abcdefxyz").ofLength(6))
                .as((e, pick, other, s, q, bodyPick, suffixOfType) -> {
                    String method = pick == 0 ? other : e.get1();
                    return new Call(method, e.get2() + s + q, body(e.get2(), method, bodyPick, suffixOfType));
                });
    }

    /** What a write sends: a valid body for the endpoint (so that the path decides), sometimes another or none. */
    private static Body body(String path, String method, int pick, String suffix) {
        if (pick == 0 || method.equals("GET") || method.equals("HEAD") || method.equals("DELETE") || path.endsWith("lock")) {
            return pick == 1 ? Body.text("a body", "{}") : null;
        }
        if (path.equals(TYPES)) {
            return Body.json("valid", Obj.of("id", "t-" + suffix, "name", "Type " + suffix, "dimension", "d-" + suffix, "unit", "COUNT"));
        }
        return switch (pick) {
            case 1 -> Body.json("valid (user row)", Obj.of("interval", "MONTH", "values", Collections.nCopies(12, new Num("3")),
                    "groupId", "g-north"));
            case 2 -> Body.json("valid (quarter)", Obj.of("interval", "QUARTER", "values", Collections.nCopies(4, new Num("2"))));
            default -> Body.json("valid (month)", Obj.of("interval", "MONTH", "values", Collections.nCopies(12, new Num("4"))));
        };
    }

    // --- state ---------------------------------------------------------------------------------------------

    /** A row as read (status and body: version, values, lock, who and when) and the tenant's events in the store. */
    record RowState(int status, String body, long version, long events) {
    }

    private RowState state(String target) {
        RawHttp.Response row = get(target);
        long version = row.status() == 200 ? read(row.text(), target).path("version").asLong() : 0;
        return new RowState(row.status(), row.text(), version, events());
    }

    record TypesState(String types, long events) {
    }

    private TypesState types() {
        RawHttp.Response types = get(TYPES);
        assertThat(types.status()).isEqualTo(200);
        return new TypesState(types.text(), events());
    }

    private RawHttp.Response get(String target) {
        return http.send(new RawHttp.Request("GET", target, List.of(Map.entry("Authorization", "Bearer " + token)), null));
    }

    private long events() {
        EntityManager entityManager = Arc.container().instance(EntityManager.class).get();
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM events WHERE tenant_id = :tenant")
                .setParameter("tenant", tenant).getSingleResult()).longValue());
    }

    private static JsonNode read(String json, String context) {
        return read(json.getBytes(StandardCharsets.UTF_8), context);
    }

    /** JSON as bytes, as the service reads a body: a leading byte order mark is skipped (RFC 8259 allows it). */
    private static JsonNode read(byte[] json, String context) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("accepted, but not JSON: " + context, e);
        }
    }

    /** Numbers as decimals, compared by value ({@code 1e3} is {@code 1000.00}); anything else as it is. */
    private static List<Object> decimals(JsonNode array) {
        List<Object> values = new ArrayList<>();
        array.forEach(value -> values.add(value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString() : value));
        return values;
    }
}
