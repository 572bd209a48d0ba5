package io.salestargets.service;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a database that cannot be reached (down, restarting, failing over, every connection busy)
 * from a failure of the request itself: the first is answered 503 with {@code Retry-After}, as the
 * same request will succeed once the database is back; the second is a 500.
 */
final class DatabaseFailures {

    /**
     * SQLSTATEs of a database that is not there: class 08 (connection exception) and 57P01-57P03
     * (terminated by the administrator, crash shutdown, cannot connect now: starting or stopping).
     */
    private static final Set<String> UNAVAILABLE = Set.of("57P01", "57P02", "57P03");

    private DatabaseFailures() {
    }

    static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || UNAVAILABLE.contains(state))) {
                    return true;
                }
                // the connection pool (Agroal) found no connection within its acquisition timeout: it sets no SQLSTATE
                String message = String.valueOf(sql.getMessage()).toLowerCase();
                if (state == null && message.contains("acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The innermost message, for a log line without a stack trace. */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
