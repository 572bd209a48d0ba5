package io.salestargets.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.salestargets.localstack.demo.DemoTargets;
import io.salestargets.localstack.demo.DemoTenant;
import io.salestargets.localstack.demo.SaleGenerator;
import io.salestargets.localstack.testing.TestInfrastructure;
import io.salestargets.localstack.token.DevToken;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, fault 2: the broker stops for 30 s while sales managers keep setting targets and the CRM
 * keeps publishing sales. Every command succeeds meanwhile (the event store takes them); when the
 * broker is back, the relay catches up, the projector resumes without a restart, and every view is
 * exact: the actuals equal the reference, each target row shows its last version.
 */
class BrokerOutageIT {

    private static final int YEAR = LocalDate.now().getYear();
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final DemoTenant TENANT = DemoTenant.of("broker-" + UUID.randomUUID().toString().substring(0, 6));
    private static Stack stack;

    private final Http commands = new Http(stack.commands.url() + "/api/v1", DevToken.builder().tenant(TENANT.tenantId()).sign());
    private final Http progress = new Http(stack.projector.url() + "/api/v1/progress", DevToken.builder().tenant(TENANT.tenantId()).sign());

    @BeforeAll
    static void start() {
        assumeTrue(TestInfrastructure.get().ownsKafka(), "needs the harness's own broker, to stop it");
        stack = new Stack();
        new DemoTargets(stack.commands.url(), DevToken.builder().tenant(TENANT.tenantId()).sign()).load(TENANT, YEAR);
    }

    @AfterAll
    static void stop() {
        TestInfrastructure.get().startKafka();
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void commandsSucceedWhileTheBrokerIsDownAndEveryViewIsExactAfterItReturns() throws Exception {
        long projectorPid = stack.projector.process().orElseThrow().pid();
        ReferenceProgress reference = new ReferenceProgress(TENANT, YEAR);
        SaleGenerator generator = new SaleGenerator(TENANT, 2, LocalDate.now(), SaleGenerator.Mix.REALISTIC);
        AtomicBoolean running = new AtomicBoolean(true);
        Map<String, BigDecimal> lastTarget = new ConcurrentHashMap<>();
        List<String> failedCommands = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> settingTargets = CompletableFuture.supplyAsync(() -> setTargets(running, lastTarget, failedCommands));
        Crm.Sent sent;
        double backlog;
        double backlogAge;
        try (Crm crm = new Crm(Duration.ofMinutes(3))) {
            CompletableFuture<Crm.Sent> selling = CompletableFuture.supplyAsync(() -> crm.send(generator, reference, 10_000, 200, false));
            Thread.sleep(5_000);
            TestInfrastructure.get().stopKafka();
            Thread.sleep(OUTAGE.minusSeconds(10).toMillis());
            // what an operator's alert sees: events waiting, the oldest for about as long as the broker is away
            backlog = Metrics.value(stack.commands.url(), "relay_backlog_events");
            backlogAge = Metrics.value(stack.commands.url(), "relay_backlog_age_seconds");
            Thread.sleep(10_000);
            TestInfrastructure.get().startKafka();
            sent = selling.join();
        }
        running.set(false);
        int commandsSent = settingTargets.join();

        assertThat(failedCommands).as("commands that failed, of %d", commandsSent).isEmpty();
        assertThat(backlog).as("relay_backlog_events during the outage").isGreaterThan(50);
        assertThat(backlogAge).as("relay_backlog_age_seconds during the outage").isGreaterThan(10);
        Awaitility.await("the relay's backlog gone").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Metrics.value(stack.commands.url(), "relay_backlog_events")).isZero());
        assertThat(commandsSent).isGreaterThan(100);
        assertThat(sent.total()).isEqualTo(10_000);
        Awaitility.await("every view equals the reference").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(reference.mismatches(progress)).isEmpty());
        Awaitility.await("every target row at its last version").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    for (Map.Entry<String, BigDecimal> row : lastTarget.entrySet()) {
                        JsonNode target = commands.get("/targets/" + YEAR + "/all-sales-amount/users/" + row.getKey()).body();
                        JsonNode view = progress.get("/" + YEAR + "/all-sales-amount/users/" + row.getKey()).body();
                        assertThat(view.get("targetVersion").asLong()).as(row.getKey()).isEqualTo(target.get("version").asLong());
                        assertThat(view.at("/periods/0/target").decimalValue()).as(row.getKey()).isEqualByComparingTo(row.getValue());
                    }
                });
        assertThat(stack.projector.process().orElseThrow().pid()).as("the projector was not restarted").isEqualTo(projectorPid);
        System.out.printf("BrokerOutageIT: broker down %d s; %d commands, none failed; %.0f events waiting after %d s, the oldest "
                + "for %.0f s; %d sale records; every view exact%n", OUTAGE.toSeconds(), commandsSent, backlog,
                OUTAGE.minusSeconds(10).toSeconds(), backlogAge, sent.total());
    }

    /** A sales manager revising users' targets, one every 100 ms, until told to stop; returns how many were sent. */
    private int setTargets(AtomicBoolean running, Map<String, BigDecimal> lastTarget, List<String> failed) {
        int sent = 0;
        while (running.get()) {
            String user = TENANT.users().get(sent % TENANT.users().size());
            BigDecimal value = BigDecimal.valueOf(50_000 + sent);
            Http.Answer answer = commands.put("/targets/" + YEAR + "/all-sales-amount/users/" + user,
                    Map.of("interval", "MONTH", "values", Collections.nCopies(12, value), "groupId", TENANT.groupOf(user)));
            if (answer.status() == 200 || answer.status() == 201) {
                lastTarget.put(user, value);
            } else {
                failed.add(user + ": " + answer.status() + " " + answer.text());
            }
            sent++;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return sent;
            }
        }
        return sent;
    }
}
