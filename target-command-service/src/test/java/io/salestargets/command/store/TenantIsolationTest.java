package io.salestargets.command.store;

import static io.salestargets.command.Api.TYPE;
import static io.salestargets.command.Api.admin;
import static io.salestargets.command.Api.as;
import static io.salestargets.command.Api.monthly;
import static io.salestargets.command.Api.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.RowId;
import io.salestargets.localstack.testing.RealInfrastructure;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tenants whose ids differ only where one has a character that a pattern reads as a wildcard ({@code _} and
 * {@code %} in LIKE, {@code .} in a regular expression): no plan load and no dialog read of one sees the
 * other's rows, on the real database.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class TenantIsolationTest {

    @Inject
    EventStore events;

    @Inject
    Sql sql;

    /** A stem of this run's tenants, so that no other test's rows are near them. */
    private final String stem = "t" + UUID.randomUUID().toString().substring(0, 8);
    private final String underscore = stem + "_1";
    private final String dash = stem + "-1";
    private final String letter = stem + "X1";
    private final String dot = stem + ".1";
    private final String ab = stem + "ab";

    @Test
    void aPlanLoadSeesOnlyItsOwnTenantsRowsWhateverWildcardItsIdHas() {
        for (String neighbour : List.of(dash, letter, dot, ab)) {
            writeRows(neighbour, 2026);
        }
        as(admin(underscore)).body(monthly(7, null)).put(row(2026, TYPE, "company")).then().statusCode(201);

        assertThat(QuarkusTransaction.requiringNew().call(() -> events.loadPlan(underscore, 2026, TYPE)).keySet())
                .as("acme_1 reads its own company row, none of acme-1's or acmeX1's")
                .containsExactly(new RowId(2026, TYPE, Level.COMPANY, Level.COMPANY_OWNER, null));
        assertThat(QuarkusTransaction.requiringNew().call(() -> events.loadPlan(stem + "a%", 2026, TYPE))).as("a% is not ab").isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> events.loadPlan(stem + "%", 2026, TYPE))).isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> events.loadPlan(stem + "_b", 2026, TYPE))).isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> events.loadPlan(stem + ".1", 2026, TYPE))).hasSize(3);
        assertThat(QuarkusTransaction.requiringNew().call(() -> events.loadPlan(stem + "-1", 2026, TYPE))).hasSize(3);
    }

    @Test
    void theTargetDialogNowAndAsOfAnInstantShowsNoRowOfATenantWhoseIdDiffersOnlyByAWildcard() {
        for (String neighbour : List.of(dash, letter, dot)) {
            writeRows(neighbour, 2027);
        }
        String asOf = Instant.now().plusSeconds(60).toString();
        for (String caller : List.of(underscore, dot, stem + "X.1")) {
            for (String query : List.of("", "?asOf=" + asOf)) {
                JsonPath dialog = as(admin(caller)).get("/api/v1/targets/2027/" + TYPE + query).then().statusCode(200).extract().jsonPath();
                if (caller.equals(dot)) {
                    assertThat(dialog.getInt("company.total")).as("%s%s: its own company row", caller, query).isEqualTo(12 * 3);
                    assertThat(dialog.getList("groups.groupId")).as("%s%s", caller, query).containsExactly("g-north");
                } else {
                    assertThat(dialog.<Object>get("company")).as("%s%s sees no company row of another tenant", caller, query).isNull();
                    assertThat(dialog.getList("groups")).as("%s%s sees no group of another tenant", caller, query).isEmpty();
                }
            }
        }
    }

    @Test
    void aStreamOfAnotherTenantInAPlansRangeIsRefusedLoudlyNeverMixedIn() {
        writeRows(dash, 2028);
        // a row of acme-1 under a key of acme_1 (no command writes such a row): the load refuses the plan, and the
        // refusal rolls the row back
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            sql.update("""
                            INSERT INTO events (stream, version, tenant_id, event_id, event_type, payload, occurred_at)
                            SELECT ?, version, ?, gen_random_uuid(), event_type, payload, occurred_at
                            FROM events WHERE stream = ?""",
                    underscore + "/2028/" + TYPE + "/company/company", underscore, dash + "/2028/" + TYPE + "/company/company");
            events.loadPlan(underscore, 2028, TYPE);
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("never mixed in");
    }

    /** A company row, a group row and a user row, each with values that tell the tenant's rows from others'. */
    private static void writeRows(String tenant, int year) {
        int value = 3;
        as(admin(tenant)).body(monthly(value, null)).put(row(year, TYPE, "company")).then().statusCode(201);
        as(admin(tenant)).body(monthly(value, null)).put(row(year, TYPE, "groups/g-north")).then().statusCode(201);
        as(admin(tenant)).body(monthly(value, "g-north")).put(row(year, TYPE, "users/u-anna")).then().statusCode(201);
    }
}
