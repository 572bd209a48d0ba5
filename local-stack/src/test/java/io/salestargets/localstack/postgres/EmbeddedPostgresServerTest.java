package io.salestargets.localstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.localstack.process.Ports;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallback for machines without any PostgreSQL: a real server from Maven artifacts. Started the
 * way the launcher starts it, from a JVM that then exits, and stopped the way {@code stop} does.
 */
class EmbeddedPostgresServerTest {

    @TempDir
    Path dir;

    private Path data;

    @AfterEach
    void stopServer() {
        if (data != null) {
            EmbeddedPostgresServer.stop(data, Duration.ofSeconds(30));
        }
    }

    @Test
    void outlivesTheJvmThatStartedItAndKeepsItsDataAcrossARestart() throws Exception {
        data = dir.resolve("data");
        int port = Ports.free();
        DatabaseUrl server = new DatabaseUrl("127.0.0.1", port, "postgres", "postgres", "", Map.of());

        startInAnotherJvm(port);
        PostgresServer postgres = new PostgresServer(server);
        assertThat(postgres.ensureDatabase("targets")).isTrue();
        execute(postgres.database("targets"), "CREATE TABLE kept (id int)", "INSERT INTO kept VALUES (42)");

        assertThat(EmbeddedPostgresServer.stop(data, Duration.ofSeconds(30))).isTrue();
        assertThat(EmbeddedPostgresServer.postmaster(data)).isEmpty();
        assertThat(postgres.answers()).isFalse();

        startInAnotherJvm(port);
        assertThat(postgres.ensureDatabase("targets")).isFalse();
        try (Connection connection = connect(postgres.database("targets")); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT id FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    /** Starts the server as deploy/local/start does: the starting JVM exits, the server stays. */
    private void startInAnotherJvm(int port) throws Exception {
        Path binaries = Path.of("target", "test-infrastructure", "postgres-binaries").toAbsolutePath();
        Process starter = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                Starter.class.getName(), data.toString(), binaries.toString(), Integer.toString(port),
                dir.resolve("postgres.log").toString()))
                .inheritIO().start();
        assertThat(starter.waitFor(120, TimeUnit.SECONDS)).as("the starter JVM ends").isTrue();
        assertThat(starter.exitValue()).isZero();
        assertThat(EmbeddedPostgresServer.postmaster(data)).as("the server outlives its starter").isPresent();
    }

    /** The starting JVM. */
    public static final class Starter {
        public static void main(String[] args) {
            EmbeddedPostgresServer.start(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3]), true);
        }
    }

    private static void execute(DatabaseUrl url, String... statements) throws Exception {
        try (Connection connection = connect(url); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    private static Connection connect(DatabaseUrl url) throws Exception {
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }
}
