package io.salestargets.localstack.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.localstack.postgres.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestInfrastructurePostgresTest {

    private final DatabaseUrl database = TestInfrastructure.get().database();

    @Test
    void eachRunHasAFreshDatabaseOfItsOwn() throws Exception {
        assertThat(database.database()).startsWith("targets_test_");
        try (Connection connection = connect(); Statement sql = connection.createStatement();
             ResultSet tables = sql.executeQuery(
                     "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }
    }

    @Test
    void itIsARealPostgresqlWithTheTransactionIdFunctionsTheEventStoreNeeds() throws Exception {
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE probe (id bigserial PRIMARY KEY, xid xid8 NOT NULL DEFAULT pg_current_xact_id())");
            sql.execute("INSERT INTO probe DEFAULT VALUES");
            try (ResultSet rows = sql.executeQuery(
                    "SELECT count(*) FROM probe WHERE xid < pg_snapshot_xmin(pg_current_snapshot())")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
            sql.execute("DROP TABLE probe");
        }
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }
}
