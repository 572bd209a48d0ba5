package io.salestargets.command.rest;

import static io.salestargets.command.Api.TYPE;
import static io.salestargets.command.Api.admin;
import static io.salestargets.command.Api.as;
import static io.salestargets.command.Api.monthly;
import static io.salestargets.command.Api.newTenant;
import static io.salestargets.command.Api.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salestargets.command.store.Sql;
import io.salestargets.localstack.testing.RealInfrastructure;
import io.salestargets.localstack.token.DevToken;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bulk requests racing on one plan never deadlock (they take its lock first, in the strongest mode, then the
 * rows by path), and a write that PostgreSQL ends for a deadlock or a serialization failure is tried again a
 * few times, then answered 503 with Retry-After: never a 500.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class BulkConcurrencyTest {

    @Inject
    Sql sql;

    private final String tenant = newTenant();

    @Test
    void concurrentCopyYearsWithoutUnlimitedNeverDeadlock() throws Exception {
        // without Sales Targets Unlimited: a group row takes the plan's exclusive lock, the company row its shared one
        DevToken.Builder premium = admin(tenant).licenses("sales-premium");
        String token = premium.sign();
        for (int year = 2031; year <= 2041; year += 2) {
            as(token).body(monthly(1, null)).put(row(year - 1, TYPE, "company")).then().statusCode(201);
            as(token).body(monthly(2, null)).put(row(year - 1, TYPE, "groups/g-north")).then().statusCode(201);
            for (int user = 0; user < 4; user++) {
                as(token).body(monthly(3, "g-north")).put(row(year - 1, TYPE, "users/u-" + user)).then().statusCode(201);
            }
            // the plan of the year exists already (one group row): the company row joins it under a shared lock
            as(token).body(monthly(9, null)).put(row(year, TYPE, "groups/g-north")).then().statusCode(201);
            String copyYear = "/api/v1/targets/" + year + "/" + TYPE + "/copy-year";

            List<Integer> statuses = ConcurrentWritersTest.race(4,
                    writer -> () -> as(token).body(Map.of("changePercent", writer)).post(copyYear).statusCode());

            assertThat(statuses).as("copy-years into %d", year).containsOnly(200);
            assertThat(as(token).get("/api/v1/targets/" + year + "/" + TYPE).jsonPath().getList("groups[0].users")).hasSize(4);
        }
    }

    @Test
    void aWriteEndedForADeadlockIsTriedAgainThenAnswered503WithRetryAfterNever500() {
        String token = admin(tenant).sign();
        String sequence = "test_conflicts_" + UUID.randomUUID().toString().replace("-", "");
        try {
            injectConflicts(sequence, 2);
            as(token).body(monthly(1, null)).put(row(2026, TYPE, "company")).then().statusCode(201);
            assertThat(triesSoFar(sequence)).as("two deadlocks, then the write that succeeded").isEqualTo(3);

            injectConflicts(sequence, Integer.MAX_VALUE);
            as(token).body(monthly(2, null)).put(row(2026, TYPE, "company")).then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "1")
                    .body("type", equalTo("/problems/unavailable"));
            assertThat(triesSoFar(sequence)).as("a bounded number of tries").isEqualTo(5);
            as(token).body(Map.of("rows", List.of(Map.of("level", "GROUP", "ownerId", "g-north", "yearly", 12, "split", "even")),
                    "interval", "MONTH")).post("/api/v1/targets/2026/" + TYPE + "/plan").then().statusCode(503)
                    .header("Retry-After", "1");
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                sql.update("DROP TRIGGER IF EXISTS " + sequence + " ON target_rows");
                sql.update("DROP FUNCTION IF EXISTS " + sequence + "()");
                sql.update("DROP SEQUENCE IF EXISTS " + sequence);
            });
        }
        as(token).get(row(2026, TYPE, "company")).then().statusCode(200).body("version", equalTo(1));
    }

    /**
     * Makes PostgreSQL end the next {@code times} writes of this tenant's rows for a deadlock (SQLSTATE 40P01), as
     * its deadlock detector does; a sequence counts the tries, as nothing of an ended transaction stays.
     */
    private void injectConflicts(String name, int times) {
        QuarkusTransaction.requiringNew().run(() -> {
            sql.update("DROP TRIGGER IF EXISTS " + name + " ON target_rows");
            sql.update("DROP SEQUENCE IF EXISTS " + name);
            sql.update("CREATE SEQUENCE " + name);
            sql.update("CREATE OR REPLACE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "IF nextval('" + name + "') <= " + times + " THEN "
                    + "RAISE EXCEPTION 'deadlock detected (injected by the test)' USING ERRCODE = '40P01'; END IF; "
                    + "RETURN NEW; END $$");
            sql.update("CREATE TRIGGER " + name + " BEFORE INSERT OR UPDATE ON target_rows FOR EACH ROW "
                    + "WHEN (NEW.tenant_id = '" + tenant + "') EXECUTE FUNCTION " + name + "()");
        });
    }

    private long triesSoFar(String sequence) {
        return sql.one("SELECT last_value FROM " + sequence, row -> row.getLong(1));
    }
}
