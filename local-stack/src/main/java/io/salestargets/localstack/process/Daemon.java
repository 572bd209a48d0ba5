package io.salestargets.localstack.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Starting a process of the stack (the broker, a service) and waiting until it answers. */
public final class Daemon {

    private Daemon() {
    }

    /**
     * Starts a process with its output appended to {@code logFile} and records it in {@code pidFile}.
     *
     * @param ownSession true for a daemon of the launcher: its own session, so that signals to the
     *                   launcher's terminal never reach it
     */
    public static ProcessHandle launch(List<String> command, Map<String, String> environment, Path logFile,
            boolean ownSession, PidFile pidFile) {
        List<String> full = new ArrayList<>(command);
        if (ownSession && new File("/usr/bin/setsid").canExecute()) {
            full.add(0, "/usr/bin/setsid");
        }
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            ProcessHandle process = builder.start().toHandle();
            pidFile.record(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code ready} says so; fails with the log's last lines when the process dies or time runs out. */
    public static void awaitReady(ProcessHandle process, PidFile pidFile, BooleanSupplier ready, String what, Path logFile,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                pidFile.delete();
                throw new IllegalStateException(what + " exited while starting. Last lines of " + logFile + ":"
                        + System.lineSeparator() + LogFiles.lastLines(logFile, 30));
            }
            if (ready.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
        throw new IllegalStateException(what + " did not answer within " + timeout.toSeconds() + " s. Last lines of "
                + logFile + ":" + System.lineSeparator() + LogFiles.lastLines(logFile, 30));
    }
}
