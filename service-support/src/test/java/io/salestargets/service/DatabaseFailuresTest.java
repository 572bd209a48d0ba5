package io.salestargets.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    @Test
    void aConnectionRefusedOrTerminatedOrAPoolWithoutConnectionIsAnUnreachableDatabase() {
        assertThat(DatabaseFailures.unreachable(wrapped(new SQLException("Connection to 127.0.0.1:5432 refused", "08001",
                new ConnectException("Connection refused"))))).isTrue();
        assertThat(DatabaseFailures.unreachable(wrapped(new SQLException("An I/O error occurred", "08006")))).isTrue();
        assertThat(DatabaseFailures.unreachable(wrapped(new SQLException("terminating connection due to administrator command",
                "57P01")))).isTrue();
        assertThat(DatabaseFailures.unreachable(wrapped(new SQLException("the database system is starting up", "57P03")))).isTrue();
        assertThat(DatabaseFailures.unreachable(wrapped(new SQLException("Sorry, acquisition timeout!")))).isTrue();
        assertThat(DatabaseFailures.unreachable(new SQLTransientConnectionException("no connection"))).isTrue();
    }

    @Test
    void aFailureOfTheStatementItselfIsNot() {
        assertThat(DatabaseFailures.unreachable(wrapped(new SQLException("duplicate key value", "23505")))).isFalse();
        assertThat(DatabaseFailures.unreachable(wrapped(new SQLException("syntax error", "42601")))).isFalse();
        assertThat(DatabaseFailures.unreachable(wrapped(new SQLException("no state")))).isFalse();
        assertThat(DatabaseFailures.unreachable(new IllegalStateException("not a database failure"))).isFalse();
    }

    @Test
    void aDeadlockOrASerializationFailureIsAConflictToTryAgainNotAnUnreachableDatabase() {
        assertThat(DatabaseFailures.conflicting(wrapped(new SQLException("deadlock detected", "40P01")))).isTrue();
        assertThat(DatabaseFailures.conflicting(wrapped(new SQLException("could not serialize access", "40001")))).isTrue();
        assertThat(DatabaseFailures.unreachable(wrapped(new SQLException("deadlock detected", "40P01")))).isFalse();
        assertThat(DatabaseFailures.conflicting(wrapped(new SQLException("duplicate key value", "23505")))).isFalse();
        assertThat(DatabaseFailures.conflicting(wrapped(new SQLException("Connection refused", "08001")))).isFalse();
        assertThat(DatabaseFailures.conflicting(new IllegalStateException("not a database failure"))).isFalse();
    }

    @Test
    void theLogLineNamesTheInnermostCause() {
        assertThat(DatabaseFailures.rootMessage(wrapped(new SQLException("refused", "08001", new ConnectException("Connection refused")))))
                .isEqualTo("ConnectException: Connection refused");
    }

    /** As Hibernate and the transaction manager hand it over: wrapped, more than once. */
    private static RuntimeException wrapped(SQLException cause) {
        return new IllegalStateException("transaction failed", new RuntimeException("Unable to acquire JDBC Connection", cause));
    }
}
