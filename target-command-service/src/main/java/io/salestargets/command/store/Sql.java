package io.salestargets.command.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * How the store talks to PostgreSQL, the one way: plain SQL with positional parameters over the service's
 * pooled connection (Agroal), prepared and bound by the driver. Inside a transaction
 * ({@code QuarkusTransaction}, {@code @Transactional}) every statement runs on the transaction's one
 * connection; outside, each on a connection of its own. A failure is a {@link DatabaseException} whose cause is
 * the driver's {@link SQLException} (its SQLSTATE tells an outage, a conflict or a constraint).
 *
 * <p>Parameters: {@code String}, numbers, {@code Boolean}, {@code java.util.UUID}, {@link Instant} (as a
 * {@code timestamptz}), {@code BigDecimal}, null. Each statement's SQL casts what PostgreSQL cannot infer.
 */
@ApplicationScoped
public class Sql {

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** A failed statement; its cause is the driver's {@link SQLException}. */
    public static class DatabaseException extends RuntimeException {
        DatabaseException(String sql, SQLException cause) {
            super(cause.getMessage() + " [" + firstLine(sql) + "]", cause);
        }

        /** The statement's SQLSTATE. */
        public String sqlState() {
            return ((SQLException) getCause()).getSQLState();
        }
    }

    private final DataSource dataSource;

    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every row of a query. */
    public <T> List<T> list(String sql, Row<T> row, Object... parameters) {
        try (Connection connection = dataSource.getConnection()) {
            return list(connection, sql, row, parameters);
        } catch (SQLException e) {
            throw new DatabaseException(sql, e);
        }
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> first(String sql, Row<T> row, Object... parameters) {
        try (Connection connection = dataSource.getConnection()) {
            return first(connection, sql, row, parameters);
        } catch (SQLException e) {
            throw new DatabaseException(sql, e);
        }
    }

    /** The one row a query always gives (an aggregate, a row built in SQL). */
    public <T> T one(String sql, Row<T> row, Object... parameters) {
        return first(sql, row, parameters).orElseThrow(() -> new IllegalStateException("no row: " + firstLine(sql)));
    }

    /** Runs an insert, update or delete; returns how many rows it changed. */
    public int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection()) {
            return update(connection, sql, parameters);
        } catch (SQLException e) {
            throw new DatabaseException(sql, e);
        }
    }

    /**
     * A database session of its own, kept until closed: for what lives as long as a session (a session-level
     * advisory lock, a session setting), outside any transaction (each statement commits by itself).
     */
    public Session session() {
        try {
            return new Session(dataSource.getConnection());
        } catch (SQLException e) {
            throw new DatabaseException("connect", e);
        }
    }

    /** One connection's statements ({@code list}, {@code one}, {@code update}, as {@link Sql}'s); closing it gives the connection back. */
    public static final class Session implements AutoCloseable {

        private final Connection connection;

        private Session(Connection connection) {
            this.connection = connection;
        }

        public <T> List<T> list(String sql, Row<T> row, Object... parameters) {
            try {
                return Sql.list(connection, sql, row, parameters);
            } catch (SQLException e) {
                throw new DatabaseException(sql, e);
            }
        }

        public <T> T one(String sql, Row<T> row, Object... parameters) {
            try {
                return Sql.first(connection, sql, row, parameters)
                        .orElseThrow(() -> new IllegalStateException("no row: " + firstLine(sql)));
            } catch (SQLException e) {
                throw new DatabaseException(sql, e);
            }
        }

        public int update(String sql, Object... parameters) {
            try {
                return Sql.update(connection, sql, parameters);
            } catch (SQLException e) {
                throw new DatabaseException(sql, e);
            }
        }

        /** Gives the connection back (to its pool: whatever the session set or locked must be undone first). */
        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new DatabaseException("close", e);
            }
        }
    }

    private static <T> List<T> list(Connection connection, String sql, Row<T> row, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet result = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(row.read(result));
            }
            return rows;
        }
    }

    private static <T> Optional<T> first(Connection connection, String sql, Row<T> row, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.setMaxRows(1);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.ofNullable(row.read(result)) : Optional.empty();
            }
        }
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** An instant of a {@code timestamptz} column; null for NULL. */
    public static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime timestamp = row.getObject(column, OffsetDateTime.class);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A {@code numeric[]} parameter, written as PostgreSQL reads an array ({@code CAST(? AS numeric[])}). */
    public static String numericArray(List<BigDecimal> values) {
        return values.stream().map(BigDecimal::toPlainString).collect(Collectors.joining(",", "{", "}"));
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                statement.setObject(i + 1, value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static String firstLine(String sql) {
        String trimmed = sql.strip();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end) + " ...";
    }
}
