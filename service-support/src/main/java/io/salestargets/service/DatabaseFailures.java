package io.salestargets.service;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a database that cannot be reached (down, restarting, failing over, every connection busy), and a
 * transaction that PostgreSQL ended for a deadlock or a serialization failure, from a failure of the request
 * itself: the first two are answered 503 with {@code Retry-After}, as the same request will succeed once the
 * database is back or the concurrent writes are done (a write retries the second kind a few times first);
 * the third is a 500.
 */
public final class DatabaseFailures {

    /**
     * SQLSTATEs of a database that is not there: class 08 (connection exception) and 57P01-57P03
     * (terminated by the administrator, crash shutdown, cannot connect now: starting or stopping).
     */
    private static final Set<String> UNAVAILABLE = Set.of("57P01", "57P02", "57P03");

    /** SQLSTATEs of a transaction ended by PostgreSQL to let concurrent ones go on: serialization failure, deadlock. */
    private static final Set<String> CONFLICTS = Set.of("40001", "40P01");

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

    /** Whether PostgreSQL ended the transaction for a deadlock or a serialization failure: the same request may be tried again. */
    public static boolean conflicting(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && CONFLICTS.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message, for a log line without a stack trace. */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
