package io.salestargets.command.target.relay;

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

    public RelayBacklog(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        Gauge.builder("relay.backlog.events", this, backlog -> backlog.measure().events)
                .description("Events committed to the event store and not yet published to targets.events").register(registry);
        Gauge.builder("relay.backlog.age", this, backlog -> backlog.measure().ageSeconds).baseUnit("seconds")
                .description("How long the oldest event not yet published has waited (0 when none)").register(registry);
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
        } catch (SQLException e) {
            LOG.debugf("relay backlog not measured: %s", e.getMessage());
            events = Double.NaN;
            ageSeconds = Double.NaN;
        }
        return this;
    }
}
