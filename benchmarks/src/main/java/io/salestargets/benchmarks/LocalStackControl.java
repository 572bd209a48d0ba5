package io.salestargets.benchmarks;

import io.salestargets.localstack.LocalStack;
import io.salestargets.localstack.postgres.DatabaseUrl;
import io.salestargets.localstack.process.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The local stack the benchmarks run against, driven through its own scripts
 * ({@code deploy/local/start}, {@code reset-projector}), as a user would.
 */
final class LocalStackControl {

    static final String COMMAND_SERVICE = "target-command-service";
    static final String PROJECTOR = "progress-projector";

    private final Path projectDir;
    private final Path runDir;

    LocalStackControl(Path projectDir) {
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.runDir = this.projectDir.resolve("deploy/local/.run");
    }

    Path projectDir() {
        return projectDir;
    }

    Path runDir() {
        return runDir;
    }

    /** Starts what does not run yet (deploy/local/start); its output goes to the benchmark's log. */
    void start(Path log) {
        script(log, "start");
    }

    /** Stops the projector, resets its consumer group, deletes its internal topics and state; leaves it stopped. */
    void resetProjectorStopped(Path log) {
        script(log, "reset-projector", "--no-start");
    }

    /**
     * Stops the local stack and deletes its data: the run directory, and the database {@code targets}
     * when it is on the local server (no {@code DATABASE_URL}).
     */
    void wipe(Path log) {
        script(log, "stop");
        Directories.delete(runDir);
        String given = System.getenv("DATABASE_URL");
        if (given == null || given.isBlank()) {
            DatabaseUrl server = DatabaseUrl.localServer("postgres");
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + LocalStack.DATABASE + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop database " + LocalStack.DATABASE + ": " + e.getMessage(), e);
            }
        }
    }

    /** Stops the projector (SIGTERM, as a deployment would) and waits until it has exited; its state stays on disk. */
    void stopProjector() {
        OptionalLong pid = pid(PROJECTOR);
        if (pid.isEmpty()) {
            return;
        }
        ProcessHandle.of(pid.getAsLong()).ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("the projector did not stop within 60 s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        });
    }

    /** What {@code stack.env} says: where the broker and the database are. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(runDir.resolve("stack.env"), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    env.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no stack.env in " + runDir + ": the stack did not start", e);
        }
        return env;
    }

    String bootstrapServers() {
        return environment().get("KAFKA_BOOTSTRAP_SERVERS");
    }

    /** The pid of a process the launcher started (its pid file's first word), if it runs. */
    OptionalLong pid(String name) {
        Path file = runDir.resolve(name + ".pid");
        try {
            if (!Files.isRegularFile(file)) {
                return OptionalLong.empty();
            }
            long pid = Long.parseLong(Files.readString(file).trim().split("\\s+")[0]);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Resident memory of a process in MiB, from {@code /proc/<pid>/status} (VmRSS). */
    static double residentMib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    /** CPU time that a process has used so far (user and system), in seconds, from {@code /proc/<pid>/stat}. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the fields after the command's name (which may hold spaces, in parentheses): utime and stime are the 12th and 13th
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void script(Path log, String name, String... args) {
        List<String> command = new ArrayList<>(List.of(projectDir.resolve("deploy/local/" + name).toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(projectDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("deploy/local/" + name + " exited with " + process.exitValue() + ": see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
