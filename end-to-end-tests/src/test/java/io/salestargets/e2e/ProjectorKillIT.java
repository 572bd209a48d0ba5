package io.salestargets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.localstack.demo.DemoTargets;
import io.salestargets.localstack.demo.DemoTenant;
import io.salestargets.localstack.demo.SaleGenerator;
import io.salestargets.localstack.token.DevToken;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, fault 1: the projector is killed with SIGKILL (no shutdown, no flush) twice while 200,000
 * sale records with corrections and retractions stream in: once a quarter of them are applied, and
 * again as soon as it runs after the first kill (its state restored, catching up). Started again,
 * every view equals the one the
 * test's {@link ReferenceProgress} computes from scratch: no sale counted twice, none missing.
 */
class ProjectorKillIT {

    private static final int YEAR = LocalDate.now().getYear();
    private static final int RECORDS = 200_000;
    private static final DemoTenant TENANT = DemoTenant.of("kill-" + UUID.randomUUID().toString().substring(0, 6));
    private static Stack stack;

    private final Http progress = new Http(stack.projector.url() + "/api/v1/progress", DevToken.builder().tenant(TENANT.tenantId()).sign());

    @BeforeAll
    static void start() {
        stack = new Stack();
        new DemoTargets(stack.commands.url(), DevToken.builder().tenant(TENANT.tenantId()).sign()).load(TENANT, YEAR);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aProjectorKilledWhileSalesStreamInComesBackWithEveryViewExact() {
        ReferenceProgress reference = new ReferenceProgress(TENANT, YEAR);
        SaleGenerator generator = new SaleGenerator(TENANT, 8, LocalDate.now(), SaleGenerator.Mix.REALISTIC);
        CompletableFuture<Crm.Sent> sending;
        try (Crm crm = new Crm(Duration.ofMinutes(2))) {
            sending = CompletableFuture.supplyAsync(() -> crm.send(generator, reference, RECORDS, 0, true));

            Awaitility.await("a quarter of the records applied").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Metrics.value(stack.projector.url(), "projector_sales_applied_total") >= RECORDS / 4.0);
            Stack.kill(stack.projector);
            stack.startProjector();
            // killed again as soon as it runs: its state just restored from the changelogs, catching up
            Stack.kill(stack.projector);
            stack.startProjector();

            Crm.Sent sent = sending.join();
            assertThat(sent.total()).isEqualTo(RECORDS);
            assertThat(sent.kinds()).containsKeys(SaleGenerator.Kind.CORRECTED, SaleGenerator.Kind.RETRACTED);
        }
        assertThat(reference.salesCounted()).isGreaterThan(RECORDS / 2);

        long sent = System.nanoTime();
        Awaitility.await("every view equals the reference").atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(reference.mismatches(progress)).isEmpty());
        System.out.printf("ProjectorKillIT: %d records, killed twice, %d sales counted; every view exact %d s after the last was sent%n",
                RECORDS, reference.salesCounted(), Duration.ofNanos(System.nanoTime() - sent).toSeconds());
    }
}
