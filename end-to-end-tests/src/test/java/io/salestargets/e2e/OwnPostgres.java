package io.salestargets.e2e;

import io.salestargets.localstack.postgres.DatabaseUrl;
import io.salestargets.localstack.postgres.EmbeddedPostgresServer;
import io.salestargets.localstack.postgres.PostgresServer;
import io.salestargets.localstack.process.Directories;
import io.salestargets.localstack.process.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of a test's own (embedded, from Maven artifacts), for tests that stop the
 * database: the build's shared server stays up for everyone else.
 */
final class OwnPostgres implements AutoCloseable {

    private static final Path WORK = Path.of("target", "own-postgres").toAbsolutePath();

    private final Path dataDir = WORK.resolve(UUID.randomUUID().toString());
    private final int port = Ports.free();
    private DatabaseUrl server;

    OwnPostgres() {
        start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    /** Starts the server (again, on the same data and port). */
    void start() {
        server = EmbeddedPostgresServer.start(dataDir, WORK.resolve("binaries"), port, dataDir.resolveSibling(dataDir.getFileName() + ".log"), true);
    }

    /** A database on it, created when missing. */
    DatabaseUrl database(String name) {
        try {
            new PostgresServer(server).ensureDatabase(name);
            return new PostgresServer(server).database(name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops the server as an operator or a failover would: a fast shutdown (SIGINT), which ends
     * every session and rolls back what was in flight.
     */
    void stop() {
        EmbeddedPostgresServer.postmaster(dataDir).ifPresent(postmaster -> {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).inheritIO().start().waitFor();
                postmaster.onExit().get(30, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("PostgreSQL did not stop: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void close() {
        EmbeddedPostgresServer.stop(dataDir, Duration.ofSeconds(10));
        Directories.delete(dataDir);
    }
}
