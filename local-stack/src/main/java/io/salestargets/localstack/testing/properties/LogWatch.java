package io.salestargets.localstack.testing.properties;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Watches the log of the service under test, in its own JVM (a {@code @QuarkusTest}): a handler on
 * the root logger of java.util.logging, which is JBoss LogManager in Quarkus, so that it sees what
 * the service logs through JBoss Logging, SLF4J or JUL, whatever the console's format or level. It
 * keeps every record at ERROR (SEVERE) or above, every record at WARN or above that carries an
 * exception, and every WARN of the service's own code and of its database access ({@link #WATCHED}:
 * Hibernate logs a failed SQL statement as WARN lines without an exception).
 *
 * <p>Use {@link #mark()} before a request and {@link #assertNothingSince(int, Object)} after it. Quarkus sets
 * the root logger's handlers when it starts: install the watch after that, and close it after the
 * property.
 */
public final class LogWatch extends Handler implements AutoCloseable {

    /** Categories whose warnings are errors of a request here: the service's own, and its database access. */
    public static final List<String> WATCHED = List.of("io.salestargets", "org.postgresql", "io.agroal",
            "com.arjuna", "io.narayana");

    private final List<String> seen = new ArrayList<>();

    private LogWatch() {
    }

    public static LogWatch install() {
        LogWatch watch = new LogWatch();
        watch.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(watch);
        return watch;
    }

    @Override
    public void publish(LogRecord record) {
        boolean error = record.getLevel().intValue() >= Level.SEVERE.intValue();
        boolean warning = record.getLevel().intValue() >= Level.WARNING.intValue();
        String category = record.getLoggerName() == null ? "" : record.getLoggerName();
        if (!error && !(warning && (record.getThrown() != null || WATCHED.stream().anyMatch(category::startsWith)))) {
            return;
        }
        StringBuilder text = new StringBuilder().append(record.getLevel()).append(' ').append(record.getLoggerName()).append(": ")
                .append(record.getMessage());
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            text.append('\n').append(trace);
        }
        synchronized (seen) {
            seen.add(text.toString());
        }
    }

    /** How many records it has kept so far. */
    public int mark() {
        synchronized (seen) {
            return seen.size();
        }
    }

    /** The records kept since {@code mark}. */
    public List<String> since(int mark) {
        synchronized (seen) {
            return List.copyOf(seen.subList(mark, seen.size()));
        }
    }

    /** Fails with the records kept since {@code mark}, if any, and what caused them. */
    public void assertNothingSince(int mark, Object cause) {
        List<String> records = since(mark);
        if (!records.isEmpty()) {
            throw new AssertionError("the service logged an error or an exception for\n" + cause + "\n\n" + String.join("\n\n", records));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
