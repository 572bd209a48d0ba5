package io.salestargets.command.relay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.salestargets.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * What the relay has yet to publish, as gauges for alerts: {@code relay_backlog_events} (events
 * committed after the checkpoint) and {@code relay_backlog_age_seconds} (how long the oldest of them
 * has waited; 0 when none). One query per scrape at most every {@link #FRESH_MILLIS} ms, on the index
 * the relay reads by; NaN while the database cannot be reached. The same for every instance: the
 * checkpoint is shared.
 *
 * <p>And what holds the relay's horizon ({@code pg_snapshot_xmin}, see {@link Relay}): the relay publishes
 * only transactions older than every transaction still open on the whole PostgreSQL server, in any of its
 * databases. {@code relay_horizon_age_seconds{database="this"}} and {@code {database="other"}}: how long the
 * longest-open transaction that holds a transaction id (it has written; a prepared one too) has been open, in
 * the service's database and in any other of the server; 0 when none. A backlog that ages with a large
 * {@code database="other"} is another database's transaction stopping the relay (docs/operations.md). NaN for
 * a side where such a transaction's start is hidden from the service's role (it lacks {@code pg_read_all_stats}).
 */
@Startup
@ApplicationScoped
public class RelayBacklog {

    private static final Logger LOG = Logger.getLogger(RelayBacklog.class);
    private static final long FRESH_MILLIS = 5_000;

    private final DataSource dataSource;
    private long measuredAt;
    private double events = Double.NaN;
    private double ageSeconds = Double.NaN;
    private double horizonHereSeconds = Double.NaN;
    private double horizonElsewhereSeconds = Double.NaN;

    public RelayBacklog(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        Gauge.builder("relay.backlog.events", this, backlog -> backlog.measure().events)
                .description("Events committed to the event store and not yet published to targets.events").register(registry);
        Gauge.builder("relay.backlog.age", this, backlog -> backlog.measure().ageSeconds).baseUnit("seconds")
                .description("How long the oldest event not yet published has waited (0 when none)").register(registry);
        Gauge.builder("relay.horizon.age", this, backlog -> backlog.measure().horizonHereSeconds).baseUnit("seconds").tag("database", "this")
                .description("How long the longest-open transaction with a transaction id has been open, which the relay must wait for: "
                        + "in this database (database=this) or in another database of the same PostgreSQL server (database=other)")
                .register(registry);
        Gauge.builder("relay.horizon.age", this, backlog -> backlog.measure().horizonElsewhereSeconds).baseUnit("seconds").tag("database", "other")
                .description("How long the longest-open transaction with a transaction id has been open, which the relay must wait for: "
                        + "in this database (database=this) or in another database of the same PostgreSQL server (database=other)")
                .register(registry);
    }

    private synchronized RelayBacklog measure() {
        long now = System.currentTimeMillis();
        if (now - measuredAt < FRESH_MILLIS) {
            return this;
        }
        measuredAt = now;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(e.occurred_at)), 0)
                        FROM events e JOIN relay_checkpoints c ON c.topic = ?
                        WHERE (e.transaction_id, e.position) > (c.transaction_id, c.position)""")) {
            query.setString(1, Topics.TARGET_EVENTS);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                events = result.getLong(1);
                ageSeconds = Math.max(0, result.getDouble(2));
            }
            try (PreparedStatement horizon = connection.prepareStatement(HORIZON); ResultSet result = horizon.executeQuery()) {
                result.next();
                horizonHereSeconds = result.getBoolean(2) ? Double.NaN : Math.max(0, result.getDouble(1));
                horizonElsewhereSeconds = result.getBoolean(4) ? Double.NaN : Math.max(0, result.getDouble(3));
            }
        } catch (SQLException e) {
            LOG.debugf("relay backlog not measured: %s", e.getMessage());
            events = Double.NaN;
            ageSeconds = Double.NaN;
            horizonHereSeconds = Double.NaN;
            horizonElsewhereSeconds = Double.NaN;
        }
        return this;
    }

    /**
     * Per side (this database, the others): the age of the longest-open transaction that holds a transaction id,
     * and whether one's start is hidden. Sessions with {@code backend_xid} (the operator's query to find them is in
     * docs/operations.md) and prepared transactions, which hold the horizon as long.
     */
    private static final String HORIZON = """
            WITH open AS (
                SELECT COALESCE(datname = current_database(), false) AS here, xact_start AS since
                FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()
                UNION ALL
                SELECT database = current_database(), prepared FROM pg_prepared_xacts)
            SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(since) FILTER (WHERE here)), 0),
                   COALESCE(bool_or(since IS NULL) FILTER (WHERE here), false),
                   COALESCE(EXTRACT(EPOCH FROM now() - min(since) FILTER (WHERE NOT here)), 0),
                   COALESCE(bool_or(since IS NULL) FILTER (WHERE NOT here), false)
            FROM open""";
}
