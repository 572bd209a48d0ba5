package io.salestargets.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.salestargets.localstack.postgres.DatabaseUrl;
import io.salestargets.localstack.testing.TestInfrastructure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL ceiling on a real server, with the command service's own migrations: pgbench runs one PUT's
 * statements, and the run checks that each transaction did one PUT's work (one event, its row one version on).
 */
class PostgresCeilingTest {

    @Test
    void runsOnePutsStatementsOnAScratchDatabaseAndDropsIt() throws Exception {
        assumeTrue(PostgresCeiling.available(), "pgbench is not installed");
        DatabaseUrl server = TestInfrastructure.get().database();
        List<String> log = new ArrayList<>();
        Path projectDir = Path.of("..").toAbsolutePath().normalize();

        PostgresCeiling.Result result = new PostgresCeiling(projectDir, log::add).run(server, 4, 20, Duration.ofSeconds(3));

        assertThat(result.clients()).isEqualTo(4);
        assertThat(result.rows()).isEqualTo(20);
        assertThat(result.transactions()).isPositive();
        assertThat(result.failed()).isZero();
        assertThat(result.transactionsPerSecond()).isPositive();
        assertThat(result.p99Ms()).isGreaterThanOrEqualTo(result.p50Ms()).isPositive();
        assertThat(log).anyMatch(line -> line.contains("pgbench, 4 clients for 3 s"));
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                PreparedStatement scratch = connection.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
            scratch.setString(1, PostgresCeiling.DATABASE);
            try (ResultSet count = scratch.executeQuery()) {
                count.next();
                assertThat(count.getLong(1)).as("the scratch database is dropped").isZero();
            }
        }
    }
}
