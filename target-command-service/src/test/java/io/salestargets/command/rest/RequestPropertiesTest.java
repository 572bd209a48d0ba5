package io.salestargets.command.rest;

import static io.salestargets.command.Api.TYPE;
import static io.salestargets.command.Api.admin;
import static io.salestargets.command.Api.as;
import static io.salestargets.command.Api.monthly;
import static io.salestargets.command.Api.newTenant;
import static io.salestargets.command.Api.quarterly;
import static io.salestargets.command.Api.row;
import static io.salestargets.localstack.testing.properties.Gens.constant;
import static io.salestargets.localstack.testing.properties.Gens.frequency;
import static io.salestargets.localstack.testing.properties.Gens.integers;
import static io.salestargets.localstack.testing.properties.Gens.of;
import static io.salestargets.localstack.testing.properties.Gens.pick;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.salestargets.command.store.Sql;
import io.salestargets.localstack.testing.RealInfrastructure;
import io.salestargets.localstack.testing.properties.Answers;
import io.salestargets.localstack.testing.properties.Body;
import io.salestargets.localstack.testing.properties.Gens;
import io.salestargets.localstack.testing.properties.Hostile;
import io.salestargets.localstack.testing.properties.Json.Num;
import io.salestargets.localstack.testing.properties.Json.Obj;
import io.salestargets.localstack.testing.properties.LogWatch;
import io.salestargets.localstack.testing.properties.RawHttp;
import io.salestargets.localstack.testing.properties.Theories;
import io.salestargets.service.ProblemMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Property-based tests of the command service's requests (docs/security.md, "Property-based tests"):
 * whatever the body, path, query or header, the answer is a 2xx or a 4xx problem+json (400 naming
 * the field), never a 5xx; a refused request changes nothing (the row as read, the tenant's events);
 * an accepted one stores what it was sent; and the service logs no error and no exception.
 *
 * <p>QuickTheories properties ({@link Theories}: a fixed seed, printed with a failure and the smallest
 * failing request), run while the application is up. Each property has a tenant of its own with a few
 * rows; the requests go over a raw socket, so that they are exactly what the property made.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class RequestPropertiesTest {

    /** How many tries QuickTheories may spend on shrinking a failing request (a request each). */
    static final int SHRINK_CYCLES = 500;

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
    /** The running application, once Quarkus has set its port. */
    private RawHttp http;
    private LogWatch log;
    /** The log up to here has been checked: by a try, for its request. */
    private int checked;

    @Test
    void theLogWatchSeesWhatTheServiceLogs() {
        // the properties are only as good as their log watch: an error logged the way the service logs one
        // (JBoss Logging, the category of the mapper that logs every 500) must reach it
        try (LogWatch log = LogWatch.install()) {
            int mark = log.mark();
            Logger.getLogger(ProblemMapper.class).error("request failed", new IllegalStateException("canary"));
            assertThat(log.since(mark)).singleElement().asString().contains("request failed").contains("IllegalStateException: canary");
            Logger.getLogger(ProblemMapper.class).info("a request");
            assertThat(log.since(mark)).hasSize(1);
        }
    }

    /**
     * Runs a property in a tenant of its own with a few rows, watching the service's log: each try checks its
     * request, and what the service logged after the last try fails the property too.
     */
    private <T> void property(String name, int examples, Gen<T> values, Consumer<T> property) {
        http = new RawHttp("127.0.0.1", RestAssured.port);
        aTenantWithRows();
        try (LogWatch watch = LogWatch.install()) {
            log = watch;
            checked = log.mark();
            Theories.check(name, examples, SHRINK_CYCLES, values, property);
            log.assertNothingSince(checked, "the property's last requests");
        }
    }

    private void aTenantWithRows() {
        as(token).body(Map.of("name", "Sale type - Count", "dimension", "sale-type", "unit", "COUNT")).post(TYPES).then().statusCode(201);
        as(token).body(monthly(100, "g-north")).put(Row.USER.target).then().statusCode(201);
        as(token).body(monthly(1000, null)).put(Row.GROUP.target).then().statusCode(201);
        as(token).body(monthly(5000, null)).put(Row.COMPANY.target).then().statusCode(201);
        as(token).body(quarterly(7)).queryParam("item", "st-3").put(row(2026, LIST_TYPE, "groups/g-north")).then().statusCode(201);
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

    @Test
    void rowBodies() {
        property("aRowsBodyIsAcceptedOrRefusedWithAProblemAndARefusalChangesNothing", 800, puts(), this::aRowsBodyIsAcceptedOrRefused);
    }

    private void aRowsBodyIsAcceptedOrRefused(Put put) {
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

    static Gen<Put> puts() {
        return pick(Row.values()).flatMap(row -> {
            Gen<Obj> valid = validSets(row);
            Gen<Body> bodies = frequency(of(4, Hostile.bodies(valid)), of(1, oneNumber(valid)));
            return bodies.zip(writeHeaders(), (body, headers) -> new Put(row, body, headers));
        });
    }

    /** A valid body with one of its values any number literal: the numbers are where the rules of a row are. */
    static Gen<Body> oneNumber(Gen<Obj> valid) {
        return valid.flatMap(body -> {
            List<?> values = (List<?>) body.get("values");
            return integers(0, values.size() - 1).zip(Hostile.numbers(), (i, number) -> {
                List<Object> changed = new ArrayList<>(values);
                changed.set(i, number);
                return Body.json("one number", body.with("values", changed));
            });
        });
    }

    /** Valid bodies of PUT: the row's interval, values at and near the limits, sometimes a currency or a reason. */
    static Gen<Obj> validSets(Row row) {
        Gen<String> value = pick("0", "1", "7", "100", "10000", "0.5", "12.34", "999999999999.99", "1000000000000",
                "1e3", "1.50", "10000.00");
        boolean count = row == Row.LIST_ITEM;
        int periods = count ? 4 : 12;
        Gen<List<Object>> values = Gens.lists((count ? pick("0", "1", "7", "100", "1e3") : value).map(v -> (Object) new Num(v)),
                periods, periods);
        Gen<String> reason = frequency(of(3, constant("")), of(1, Hostile.strings()));
        Gen<String> currency = pick("", "", "NOK", "EUR");
        return values.zip(reason, currency, (entries, why, code) -> {
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
    static Gen<List<Map.Entry<String, String>>> writeHeaders() {
        Gen<String> contentType = frequency(
                of(12, constant("application/json")),
                of(2, pick("application/json; charset=UTF-8", "application/json;charset=utf-16", "text/plain",
                        "application/xml", "application/problem+json", "application/x-www-form-urlencoded", "*/*", "",
                        "application/json, text/plain", "multipart/form-data; boundary=x", "application/octet-stream", "none")),
                of(1, Hostile.headerValues()));
        Gen<String> ifMatch = frequency(of(12, constant("none")),
                of(1, pick("\"1\"", "W/\"1\"", "1", "*", "\"999\"", "\"\"", "\"-1\"", "\"99999999999999999999\"")),
                of(1, Hostile.headerValues()));
        Gen<String> idempotencyKey = frequency(of(12, constant("none")),
                of(1, Gens.longs().zip(Gens.longs(), (high, low) -> new UUID(high, low).toString())),
                of(1, Hostile.headerValues()));
        Gen<String> accept = frequency(of(12, constant("none")),
                of(1, pick("application/json", "application/xml", "text/html", "*/*", "application/problem+json")));
        return contentType.zip(ifMatch, idempotencyKey, accept, (type, match, key, accepts) -> {
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
        return withPath(row.target, "/history");
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

    @Test
    void typeBodies() {
        property("aTypesBodyIsAcceptedOrRefusedWithAProblemAndARefusalChangesNothing", 400, posts(), this::aTypesBodyIsAcceptedOrRefused);
    }

    private void aTypesBodyIsAcceptedOrRefused(Post post) {
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

    static Gen<Post> posts() {
        Gen<Obj> valid = Gens.strings(Gens.charsOf("abcdefxyz0123456789"), 8, 8).zip(
                pick("", "Sale type - Count", "Salgstype - Antall (\u00d8)", " Padded name ", "N".repeat(100)),
                pick("AMOUNT", "COUNT", "PROFIT"), Gens.booleans(), (suffix, name, unit, withId) -> {
                    Obj type = Obj.of("name", name.isEmpty() ? "Type " + suffix : name, "dimension", "d-" + suffix, "unit", unit);
                    return withId ? type.with("id", "t-" + suffix) : type;
                });
        return Hostile.bodies(valid).zip(writeHeaders(), Post::new);
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

    @Test
    void paths() {
        property("everyEndpointAnswersAnyPathWithA2xxOrA4xxProblemAndARefusalChangesNothing", 800, calls(), this::everyEndpointAnswers);
    }

    private void everyEndpointAnswers(Call call) {
        long before = events();

        RawHttp.Request request = call.request(token);
        RawHttp.Response answer = send(request);

        if (answer.status() >= 400) {
            assertThat(events()).as("refused: no event\n%s\n-> %s", request, answer).isEqualTo(before);
        }
    }

    /** Every endpoint of the service (TargetTypesResource, TargetRowsResource), each part of its path valid or not. */
    static Gen<Call> calls() {
        Gen<String> year = Hostile.pathSegments(List.of("2026", "2027", "2000", "2100"),
                List.of("1999", "2101", "0", "02026", "+2026", "-1", "\uff12\uff10\uff12\uff16"));
        Gen<String> type = Hostile.pathSegments(List.of(TYPE, LIST_TYPE),
                List.of("no-such-type", "All-Sales-Amount", "all-sales-amount-"));
        Gen<String> id = Hostile.pathSegments(List.of("g-north", "u-anna", "g-south", "u-bo", "A.b:c_d"),
                List.of("g_north", "u anna", "-x", "x".repeat(65), "%C3%A9"));
        Gen<String> owner = frequency(
                of(2, constant("company")),
                of(2, id.map(g -> "groups/" + g)),
                of(2, id.map(u -> "users/" + u)),
                of(1, Hostile.pathSegments(List.of("groups", "users", "company", "groups/", "users/a/b", "Company"))));
        Gen<String> suffix = frequency(of(12, constant("")),
                of(1, pick("/", "//", "/x", "/history/x", "/lock/lock", ";x=y", "/..", "/.", "/%2e%2e", "/%2F")));
        Gen<String> query = Hostile.queries(Map.of("item", List.of("st-3", "st-4", "x"), "asOf", AS_OF));
        Gen<String> rows = year.zip(type, owner, (y, t, o) -> "/api/v1/targets/" + y + "/" + t + "/" + o);
        Gen<Map.Entry<String, String>> endpoint = frequency(
                of(1, constant(Map.entry("GET", TYPES))),
                of(1, constant(Map.entry("POST", TYPES))),
                of(2, type.map(t -> Map.entry("GET", TYPES + "/" + t))),
                of(2, year.zip(type, (y, t) -> Map.entry("GET", "/api/v1/targets/" + y + "/" + t))),
                of(3, rows.map(r -> Map.entry("GET", r))),
                of(3, rows.map(r -> Map.entry("PUT", r))),
                of(2, rows.map(r -> Map.entry("DELETE", r))),
                of(2, rows.zip(pick("/lock", "/unlock"), (r, l) -> Map.entry("POST", r + l))),
                of(2, rows.map(r -> Map.entry("GET", r + "/history"))));
        Gen<String> otherMethod = pick("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO", "get");
        Gen<Integer> pick = integers(0, 9);
        Gen<Integer> bodyPick = integers(0, 5);
        Gen<String> suffixOfType = Gens.strings(Gens.charsOf("abcdefxyz"), 6, 6);
        return in -> {
            Map.Entry<String, String> e = endpoint.generate(in);
            String method = pick.generate(in) == 0 ? otherMethod.generate(in) : e.getKey();
            String target = e.getValue() + suffix.generate(in) + query.generate(in);
            return new Call(method, target, body(e.getValue(), method, bodyPick.generate(in), suffixOfType.generate(in)));
        };
    }

    /**
     * Values of {@code ?asOf=} (GET of a row, its history, the dialog): instants with {@code Z} or an offset,
     * just inside and outside the contract's years (2000 to 2100, UTC), at {@code Instant}'s far edges, and not
     * instants at all. {@link Hostile#queries} sends them URL-encoded as a client does, or raw.
     */
    static final List<String> AS_OF = List.of("2026-06-30T00:00:00Z", "2026-06-30T02:00:00+02:00", "2000-01-01T00:00:00Z",
            "2100-12-31T23:59:59.999999999Z", "1999-12-31T23:59:59Z", "2000-01-01T00:30:00+01:00", "2101-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z",
            "2026-06-30", "2026-06-30T00:00:00", "2026-06-30T24:00:00Z", "");

    /**
     * {@code ?asOf=} of every GET that takes it, as a client sends it (URL-encoded: {@code +} as {@code %2B}): an
     * instant of the contract's years (2000 to 2100, UTC) is answered as the row or dialog then (200, or 404
     * before the row existed), an empty one as none (now), anything else is a 400 naming asOf; never a 5xx.
     */
    @Test
    void asOfInstants() {
        Gen<String> targets = pick(Row.values()).zip(pick("", "/history", "dialog"), (row, what) -> what.equals("dialog")
                ? "/api/v1/targets/2026/" + (row == Row.LIST_ITEM ? LIST_TYPE + "?item=st-3" : TYPE) : withPath(row.target, what));
        property("anAsOfOutsideTheContractsYearsIsRefusedNamingIt", 400, targets.zip(Hostile.instants(), AsOf::new), query -> {
            String target = query.target() + (query.target().contains("?") ? "&" : "?") + "asOf=" + Hostile.percentEncoded(query.value());
            RawHttp.Request request = new RawHttp.Request("GET", target, List.of(Map.entry("Authorization", "Bearer " + token)), null);
            RawHttp.Response answer = send(request);
            if (("GET " + target + " HTTP/1.1").length() > MAX_REQUEST_LINE) {
                assertThat(answer.status()).as("a request line over the limit\n%s\n-> %s", request, answer).isEqualTo(414);
            } else if (query.value().isEmpty() || inContractYears(new String(query.value().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))) {
                // an empty asOf= reaches the service as none: the row now
                assertThat(answer.status()).as("an instant of the contract's years\n%s\n-> %s", request, answer).isIn(200, 404);
            } else {
                Answers.refused(request, answer, "asOf");
            }
        });
    }

    /** quarkus.http.limits.max-initial-line-length (application.properties): Vert.x answers 414 over it. */
    static final int MAX_REQUEST_LINE = 4096;

    /** A GET that takes asOf, and its value before encoding. */
    record AsOf(String target, String value) {
        @Override
        public String toString() {
            return target + " asOf=" + RawHttp.printable(value, 300);
        }
    }

    /** Whether the text is an ISO-8601 instant from 2000-01-01T00:00:00Z to before 2101-01-01T00:00:00Z: the test's model. */
    private static boolean inContractYears(String text) {
        try {
            Instant instant = Instant.parse(text);
            return !instant.isBefore(Instant.parse("2000-01-01T00:00:00Z")) && instant.isBefore(Instant.parse("2101-01-01T00:00:00Z"));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String withPath(String target, String path) {
        int query = target.indexOf('?');
        return query < 0 ? target + path : target.substring(0, query) + path + target.substring(query);
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
        Sql sql = Arc.container().instance(Sql.class).get();
        return sql.one("SELECT count(*) FROM events WHERE tenant_id = ?", row -> row.getLong(1), tenant);
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
