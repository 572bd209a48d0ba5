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
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet result = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(row.read(result));
            }
            return rows;
        } catch (SQLException e) {
            throw new DatabaseException(sql, e);
        }
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> first(String sql, Row<T> row, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.setMaxRows(1);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.ofNullable(row.read(result)) : Optional.empty();
            }
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
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException(sql, e);
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
