package io.salestargets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salestargets.localstack.token.DevToken;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, fault 3: the event store's PostgreSQL stops (a fast shutdown, as in a failover). Commands
 * answer 503 problem+json within 2 s, without a partial write; readiness goes down; when the
 * database returns, everything works again without restarting the service.
 */
class DatabaseOutageIT {

    private static final int YEAR = LocalDate.now().getYear();
    private static final String TENANT = "db-outage";
    private static final String ROW = "/targets/" + YEAR + "/all-sales-amount/users/u-anna";
    private static final Duration WITHIN = Duration.ofSeconds(2);
    private static OwnPostgres postgres;
    private static Duration slowest = Duration.ZERO;
    private static Stack stack;

    private final Http commands = new Http(stack.commands.url() + "/api/v1", DevToken.builder().tenant(TENANT).user("u-boss").sign());
    private final Http progress = new Http(stack.projector.url() + "/api/v1/progress", DevToken.builder().tenant(TENANT).sign());

    @BeforeAll
    static void start() {
        postgres = new OwnPostgres();
        stack = new Stack(postgres.database("targets"), 1);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void commandsAnswer503WithinTwoSecondsWhileTheDatabaseIsDownAndWorkAgainWhenItReturns() {
        assertThat(commands.put(ROW, monthly("1000")).status()).isEqualTo(201);
        assertThat(ready()).isTrue();

        postgres.stop();

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertUnavailableWithin(() -> commands.put(ROW, monthly("2000")), "PUT, attempt " + attempt);
            assertUnavailableWithin(() -> commands.get(ROW), "GET, attempt " + attempt);
        }
        assertUnavailableWithin(() -> commands.post(ROW + "/lock"), "POST lock");
        assertUnavailableWithin(() -> commands.get("/targets/" + YEAR + "/all-sales-amount"), "GET the dialog");
        Awaitility.await("readiness down").atMost(Duration.ofSeconds(10)).until(() -> !ready());
        assertThat(live()).as("alive: an orchestrator must not restart it for this").isTrue();

        postgres.start();

        long restarted = System.nanoTime();
        Awaitility.await("readiness up").atMost(Duration.ofSeconds(30)).until(this::ready);
        Duration readyAgain = Duration.ofNanos(System.nanoTime() - restarted);
        JsonNode row = commands.get(ROW).body();
        assertThat(row.get("version").asLong()).as("nothing written while the database was down").isEqualTo(1);
        assertThat(row.at("/values/0").decimalValue()).isEqualByComparingTo("1000");
        assertThat(row.get("locked").asBoolean()).isFalse();
        assertThat(commands.get(ROW + "/history").body()).hasSize(1);
        for (int i = 1; i <= 20; i++) {
            Http.Answer answer = commands.put(ROW, monthly(Integer.toString(2000 + i)));
            assertThat(answer.status()).as("PUT %d after the database returned: %s", i, answer.text()).isEqualTo(200);
        }
        assertThat(commands.get(ROW).body().get("version").asLong()).isEqualTo(21);
        // the relay resumed: the projector shows the last version
        Awaitility.await("the last version in the progress view").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode view = progress.get("/" + YEAR + "/all-sales-amount/users/u-anna").body();
            assertThat(view.get("targetVersion").asLong()).isEqualTo(21);
            assertThat(view.at("/periods/0/target").decimalValue()).isEqualByComparingTo("2020");
        });
        assertThat(Metrics.value(stack.commands.url(), "events_appended_total")).as("appended, all told").isEqualTo(21);
        System.out.printf("DatabaseOutageIT: 12 requests while PostgreSQL was down, each 503 in at most %d ms; ready again %d ms "
                + "after PostgreSQL answered; 20 commands after, none failed%n", slowest.toMillis(), readyAgain.toMillis());
        Awaitility.await("nothing left to publish").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(Metrics.value(stack.commands.url(), "relay_backlog_events")).isZero());
    }

    private static void assertUnavailableWithin(java.util.function.Supplier<Http.Answer> request, String what) {
        long started = System.nanoTime();
        Http.Answer answer = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(answer.status()).as("%s: %s", what, answer.text()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body().get("type").asText()).isEqualTo("/problems/unavailable");
        assertThat(answer.headers().firstValue("Retry-After")).as(what).isPresent();
        assertThat(took).as("%s answered in %s", what, took).isLessThan(WITHIN);
        slowest = took.compareTo(slowest) > 0 ? took : slowest;
    }

    private static Map<String, Object> monthly(String value) {
        return Map.of("interval", "MONTH", "values", Collections.nCopies(12, new BigDecimal(value)), "groupId", "g-north");
    }

    private boolean ready() {
        return health("/q/health/ready") == 200;
    }

    private boolean live() {
        return health("/q/health/live") == 200;
    }

    private int health(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.commands.url() + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
