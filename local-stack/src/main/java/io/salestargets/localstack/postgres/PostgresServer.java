package io.salestargets.localstack.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/** A PostgreSQL server reached through one of its databases, on which databases can be created and dropped. */
public record PostgresServer(DatabaseUrl url) {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** True when the server accepts a connection with these credentials within a few seconds. */
    public boolean answers() {
        try (Connection ignored = connect(url)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Why a connection fails, or null when it succeeds. */
    public String connectionProblem() {
        try (Connection ignored = connect(url)) {
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    /** Creates the database unless it exists; returns true when it created it. */
    public boolean ensureDatabase(String name) throws SQLException {
        try (Connection connection = connect(url);
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, checked(name));
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return false;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
            return true;
        }
    }

    public void dropDatabase(String name) throws SQLException {
        try (Connection connection = connect(url); Statement drop = connection.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS " + checked(name) + " WITH (FORCE)");
        }
    }

    public DatabaseUrl database(String name) {
        return url.withDatabase(checked(name));
    }

    private static Connection connect(DatabaseUrl url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", url.user());
        properties.setProperty("password", url.password());
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(url.jdbcUrl(), properties);
    }

    private static String checked(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        return name;
    }
}
