package io.salestargets.progress.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.TargetType;
import io.salestargets.localstack.token.DevToken;
import io.salestargets.progress.EventStream;
import io.salestargets.progress.ProjectorInfrastructure;
import io.salestargets.progress.TestTenant;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live stream (server-sent events) on the real broker: it ends at the token's expiry, sends no view
 * that the caller may not read, and caps the streams open per caller and per instance (the test profile
 * allows {@value #INSTANCE_CAP} per instance, so that the instance's cap is reached by a few callers).
 */
@QuarkusTest
@WithTestResource(ProjectorInfrastructure.class)
class LiveProgressTest {

    private static final String TYPE = TargetType.ALL_SALES_AMOUNT.id();
    /** {@code %test.progress.live.max-streams}. */
    private static final int INSTANCE_CAP = 12;
    private static final int CALLER_CAP = 5;

    private final TestTenant tenant = new TestTenant();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void awaitReady() {
        TestTenant.awaitReady();
    }

    @Test
    void aStreamEndsAtTheTokensExpiryWithTokenExpiredAndSendsNothingAfter() {
        tenant.won("s-1", "2026-03-14", "u-anna", "g-north", "100");
        tenant.awaitView("/company", view -> view.total().actual().compareTo(new BigDecimal("100")) == 0);
        DevToken.Builder shortLived = DevToken.builder().tenant(tenant.id).user("u-boss").lifetime(Duration.ofSeconds(4));
        Instant exp = Instant.ofEpochSecond(((Number) shortLived.claims().get("exp")).longValue());
        String token = shortLived.sign();

        try (EventStream stream = EventStream.open(http, TestTenant.PROGRESS + "/company/events", token)) {
            assertThat(stream.status()).as(stream.body()).isEqualTo(200);
            assertThat(actual(JsonPath.from(stream.next(Duration.ofSeconds(10))))).isEqualByComparingTo("100");

            assertThat(stream.awaitEnd(Duration.ofSeconds(15))).as("the stream ended at the token's expiry").isTrue();
            List<EventStream.Event> events = stream.events();
            EventStream.Event last = events.get(events.size() - 1);
            assertThat(last.name()).isEqualTo("token-expired");
            assertThat(last.at()).as("not before exp").isAfterOrEqualTo(exp);
            assertThat(stream.endedAt()).as("within a second of exp").isBefore(exp.plusSeconds(2));
            JsonPath problem = JsonPath.from(last.data());
            assertThat(problem.getString("type")).isEqualTo("/problems/token-expired");
            assertThat(problem.getInt("status")).isEqualTo(401);
            assertThat(events).filteredOn(event -> event.at().isAfter(exp)).extracting(EventStream.Event::name)
                    .containsExactly("token-expired");

            stream.drain(); // a repeat of the view before exp, if one came
            tenant.won("s-2", "2026-03-15", "u-anna", "g-north", "50");
            tenant.awaitView("/company", view -> view.total().actual().compareTo(new BigDecimal("150")) == 0);
            assertThat(stream.poll(Duration.ofSeconds(2))).as("a view after the expiry").isNull();
            assertThat(stream.events()).hasSize(events.size());
        }
    }

    /**
     * u-anna reads her group's users. u-bo's row moves from her group to another: the stream of his view
     * sends none of the views after the move (the REST read of it is 404 then) and ends with that read's
     * problem.
     */
    @Test
    void aStreamSendsNoViewTheCallerMayNoLongerRead() {
        RowId bo = RowId.user(2026, TYPE, "u-bo", null);
        tenant.send(tenant.target(bo, "g-north", 1, Instant.now(), "10"));
        tenant.won("s-1", "2026-03-14", "u-bo", "g-north", "30");
        tenant.awaitView("/users/u-bo", view -> view.targetVersion() != null && view.total().actual().compareTo(new BigDecimal("30")) == 0);
        String anna = DevToken.builder().tenant(tenant.id).user("u-anna").groups("g-north")
                .rights(Map.of("own", "read", "group", "read")).sign();

        try (EventStream stream = EventStream.open(http, TestTenant.PROGRESS + "/users/u-bo/events", anna)) {
            assertThat(stream.status()).as(stream.body()).isEqualTo(200);
            assertThat(JsonPath.from(stream.next(Duration.ofSeconds(10))).getLong("targetVersion")).isEqualTo(1);

            tenant.send(tenant.target(bo, "g-west", 2, Instant.now(), "20"));
            tenant.won("s-2", "2026-03-15", "u-bo", "g-west", "70");
            tenant.awaitView("/users/u-bo", view -> view.targetVersion() == 2 && view.total().actual().compareTo(new BigDecimal("100")) == 0);
            given().auth().oauth2(anna).get(TestTenant.PROGRESS + "/users/u-bo").then().statusCode(404);

            boolean ended = stream.awaitEnd(Duration.ofSeconds(30));
            List<EventStream.Event> events = stream.events();
            assertThat(events).filteredOn(event -> event.name().equals("progress")).allSatisfy(event -> {
                JsonPath view = JsonPath.from(event.data());
                assertThat(view.getLong("targetVersion")).as(event.data()).isEqualTo(1);
                assertThat(actual(view)).as(event.data()).isEqualByComparingTo("30");
            });
            assertThat(ended).as("the stream ended").isTrue();
            EventStream.Event last = events.get(events.size() - 1);
            assertThat(last.name()).isEqualTo("not-found");
            assertThat(JsonPath.from(last.data()).getString("type")).isEqualTo("/problems/not-found");
        }
    }

    @Test
    void theCapsAnswer429ProblemJsonCountedInTheMetricAndAStreamThatEndsFreesItsSlot() {
        List<EventStream> open = new ArrayList<>();
        try {
            double callerRefusals = refusals("caller");
            for (int i = 0; i < CALLER_CAP; i++) {
                open.add(opened("u-anna"));
            }
            EventStream refused = EventStream.open(http, TestTenant.PROGRESS + "/company/events", token("u-anna"));
            tooMany(refused);
            assertThat(JsonPath.from(refused.body()).getString("detail")).contains("You have " + CALLER_CAP + " live streams open");
            assertThat(refusals("caller")).isEqualTo(callerRefusals + 1);

            open.remove(0).close();
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                EventStream again = EventStream.open(http, TestTenant.PROGRESS + "/company/events", token("u-anna"));
                if (again.status() == 200) {
                    open.add(again);
                    return true;
                }
                tooMany(again);
                return false;
            });

            double instanceRefusals = refusals("instance");
            for (String user : List.of("u-bo", "u-cy")) {
                for (int i = 0; i < CALLER_CAP && open.size() < INSTANCE_CAP; i++) {
                    open.add(opened(user));
                }
            }
            assertThat(open).hasSize(INSTANCE_CAP);
            EventStream full = EventStream.open(http, TestTenant.PROGRESS + "/company/events", token("u-dan"));
            tooMany(full);
            assertThat(JsonPath.from(full.body()).getString("detail")).contains("This instance has " + INSTANCE_CAP + " live streams open");
            assertThat(refusals("instance")).isEqualTo(instanceRefusals + 1);
            assertThat(metric("projector_live_streams_open")).isEqualTo(INSTANCE_CAP);

            open.remove(open.size() - 1).close();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> metric("projector_live_streams_open") == INSTANCE_CAP - 1);
            open.add(opened("u-dan"));
        } finally {
            open.forEach(EventStream::close);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> metric("projector_live_streams_open") == 0);
    }

    private EventStream opened(String user) {
        EventStream stream = EventStream.open(http, TestTenant.PROGRESS + "/company/events", token(user));
        assertThat(stream.status()).as(user + ": " + stream.body()).isEqualTo(200);
        stream.next(Duration.ofSeconds(10));
        return stream;
    }

    private String token(String user) {
        return DevToken.builder().tenant(tenant.id).user(user).sign();
    }

    private static void tooMany(EventStream refused) {
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.response().headers().firstValue("Retry-After")).hasValue("10");
        JsonPath problem = JsonPath.from(refused.body());
        assertThat(problem.getString("type")).isEqualTo("/problems/too-many-requests");
        assertThat(problem.getInt("status")).isEqualTo(429);
    }

    private static double refusals(String limit) {
        return metric("projector_live_streams_refused_total\\{limit=\"" + limit + "\"\\}");
    }

    /** A metric's value on /q/metrics (0 while it has none). */
    private static double metric(String name) {
        Matcher value = Pattern.compile("(?m)^" + name + " ([0-9.E+-]+)$").matcher(given().get("/q/metrics").asString());
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    private static BigDecimal actual(JsonPath view) {
        return new BigDecimal(view.getString("total.actual"));
    }
}
