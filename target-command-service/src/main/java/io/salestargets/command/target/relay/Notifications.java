package io.salestargets.command.target.relay;

import io.agroal.api.AgroalDataSource;
import io.salestargets.command.target.store.EventStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Wakes the relay when a command commits: PostgreSQL delivers the {@code NOTIFY} of
 * {@link EventStore#append} at commit, to every instance that listens. A connection of its own,
 * outside any transaction; when it breaks, the relay falls back to polling until it reconnects.
 */
final class Notifications implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Notifications.class);

    private final AgroalDataSource dataSource;
    private Connection connection;
    private PGConnection listener;

    Notifications(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Waits up to {@code timeout} for a commit; returns early when one comes. */
    void await(Duration timeout) throws InterruptedException {
        if (listener == null && !listen()) {
            Thread.sleep(timeout.toMillis());
            return;
        }
        try {
            listener.getNotifications((int) Math.max(1, timeout.toMillis()));
        } catch (SQLException e) {
            LOG.debugf("the notification connection broke: %s", e.getMessage());
            close();
            Thread.sleep(timeout.toMillis());
        }
    }

    private boolean listen() {
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + EventStore.CHANNEL);
            }
            listener = connection.unwrap(PGConnection.class);
            return true;
        } catch (SQLException e) {
            LOG.debugf("cannot listen for commits yet: %s", e.getMessage());
            close();
            return false;
        }
    }

    @Override
    public void close() {
        listener = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debugf("closing the notification connection: %s", e.getMessage());
            }
            connection = null;
        }
    }
}
