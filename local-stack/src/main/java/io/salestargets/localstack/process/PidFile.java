package io.salestargets.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A pid file that names a process the launcher started: its pid and start instant, so that a stale
 * file never points {@code stop} at an unrelated process that reused the pid.
 */
public record PidFile(Path path) {

    /** The recorded process, when it is still the one that was recorded and it is alive. */
    public Optional<ProcessHandle> running() {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        String[] fields;
        try {
            fields = Files.readString(path, StandardCharsets.UTF_8).trim().split("\\s+");
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(fields[0]);
            Optional<Instant> recordedStart = fields.length > 1 ? Optional.of(Instant.parse(fields[1])) : Optional.empty();
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> recordedStart.isEmpty()
                            || process.info().startInstant().map(recordedStart.get()::equals).orElse(true));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public void record(ProcessHandle process) {
        String start = process.info().startInstant().map(Instant::toString).orElse("");
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, process.pid() + " " + start + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops the recorded process: SIGTERM, then SIGKILL if it has not ended within {@code grace}.
     * Returns false when no recorded process was running.
     */
    public boolean stop(Duration grace) {
        Optional<ProcessHandle> process = running();
        process.ifPresent(handle -> terminate(handle, grace));
        delete();
        return process.isPresent();
    }

    public static void terminate(ProcessHandle process, Duration grace) {
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            process.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
