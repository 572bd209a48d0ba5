package io.salestargets.progress.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.targets.RowId;
import io.salestargets.progress.ProjectorInfrastructure;
import io.salestargets.progress.TestTenant;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stores' prefix scans (the dialog's owners and items) on the real broker, with ids that differ only by
 * a {@code .} suffix or where one is a prefix of the other (issue 14, tenant isolation): tenant {@code t-x}
 * sees nothing of {@code t-x.1}, user {@code u-1} nothing of {@code u-10}.
 */
@QuarkusTest
@WithTestResource(ProjectorInfrastructure.class)
class ScanIsolationTest {

    @Test
    void theDialogOfATenantHoldsNothingOfATenantOrOwnerWhoseIdExtendsItsOwn() {
        TestTenant.awaitReady();
        TestTenant acme = new TestTenant();
        acme.send(acme.target(RowId.user(2026, "all-sales-amount", "u-1", null), "g-1", 1, Instant.now(), "100"));
        acme.won("s-1", "2026-03-14", "u-1", "g-1", "10");
        // acme's id with ".1": a prefix scan for acme without a separator would find its rows
        TestTenant extended = new TestTenant(acme.id + ".1");
        extended.send(extended.target(RowId.user(2026, "all-sales-amount", "u-1", null), "g-1", 1, Instant.now(), "900"));
        extended.send(extended.target(RowId.user(2026, "all-sales-amount", "u-10", null), "g-1", 1, Instant.now(), "900"));
        extended.won("s-1", "2026-03-14", "u-10", "g-1", "990");
        extended.won("s-2", "2026-03-14", "u-1", "g-1", "999");
        extended.awaitView("/company", view -> view.total().actual().compareTo(new BigDecimal("1989")) == 0);
        acme.awaitView("/company", view -> view.total().actual().compareTo(new BigDecimal("10")) == 0);

        ProgressDialogView dialog = acme.boss().get(TestTenant.PROGRESS).then().statusCode(200).extract().as(ProgressDialogView.class);
        List<ProgressView> users = dialog.groups().stream().flatMap(group -> group.users().stream()).toList();
        assertThat(users).extracting(ProgressView::ownerId).containsExactly("u-1");
        assertThat(users).extracting(ProgressView::tenantId).containsOnly(acme.id);
        assertThat(users.get(0).total().target()).isEqualByComparingTo("1200");
        assertThat(users.get(0).total().actual()).isEqualByComparingTo("10");
        assertThat(dialog.company().total().actual()).isEqualByComparingTo("10");
        ProgressView u10 = acme.boss().get(TestTenant.PROGRESS + "/users/u-10").then().statusCode(200).extract().as(ProgressView.class);
        assertThat(u10.total().target()).as("acme has no row of u-10").isNull();
        assertThat(u10.total().actual()).isEqualByComparingTo("0");
        assertThat(extended.boss().get(TestTenant.PROGRESS).then().statusCode(200).extract().as(ProgressDialogView.class)
                .groups().stream().flatMap(group -> group.users().stream()).map(ProgressView::ownerId).sorted().toList())
                .containsExactly("u-1", "u-10");
    }
}
