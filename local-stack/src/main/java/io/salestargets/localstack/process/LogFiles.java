package io.salestargets.localstack.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a log file, for failure messages that show what went wrong. */
public final class LogFiles {

    private LogFiles() {
    }

    public static String lastLines(Path log, int count) {
        if (!Files.isRegularFile(log)) {
            return "(no log at " + log + ")";
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
