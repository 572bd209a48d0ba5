package io.salestargets.e2e;

import io.salestargets.localstack.postgres.DatabaseUrl;
import io.salestargets.localstack.postgres.EmbeddedPostgresServer;
import io.salestargets.localstack.postgres.PostgresServer;
import io.salestargets.localstack.process.Directories;
import io.salestargets.localstack.process.Ports;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A PostgreSQL server of a test's own (embedded, from Maven artifacts), for tests that stop the
 * database: the build's shared server stays up for everyone else.
 */
final class OwnPostgres implements AutoCloseable {

    private static final Path WORK = Path.of("target", "own-postgres").toAbsolutePath();

    private final Path dataDir = WORK.resolve(UUID.randomUUID().toString());
    private final int port = Ports.free();
    private EmbeddedPostgresServer.Owned server;

    OwnPostgres() {
        start();
    }

    /** Starts the server (again, on the same data and port). */
    synchronized void start() {
        server = EmbeddedPostgresServer.startOwned(dataDir, WORK.resolve("binaries"), port,
                dataDir.resolveSibling(dataDir.getFileName() + ".log"));
    }

    /** A database on it, created when missing. */
    DatabaseUrl database(String name) {
        PostgresServer postgres = new PostgresServer(server.url());
        try {
            postgres.ensureDatabase(name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return postgres.database(name);
    }

    /**
     * Stops the server as an operator or a failover would: a fast shutdown, which ends every session
     * and rolls back what was in flight.
     */
    synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
        Directories.delete(dataDir);
    }
}
