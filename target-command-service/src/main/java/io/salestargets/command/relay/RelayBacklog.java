package io.salestargets.command.relay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.salestargets.command.store.Outbox;
import io.salestargets.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
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

    private final Outbox outbox;
    private long measuredAt;
    private double events = Double.NaN;
    private double ageSeconds = Double.NaN;
    private double horizonHereSeconds = Double.NaN;
    private double horizonElsewhereSeconds = Double.NaN;

    public RelayBacklog(Outbox outbox, MeterRegistry registry) {
        this.outbox = outbox;
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
        try {
            Outbox.Backlog backlog = outbox.backlog(Topics.TARGET_EVENTS);
            events = backlog.events();
            ageSeconds = backlog.ageSeconds();
            Outbox.Horizon horizon = outbox.horizon();
            horizonHereSeconds = horizon.hereHidden() ? Double.NaN : horizon.hereSeconds();
            horizonElsewhereSeconds = horizon.elsewhereHidden() ? Double.NaN : horizon.elsewhereSeconds();
        } catch (RuntimeException e) {
            LOG.debugf("relay backlog not measured: %s", e.getMessage());
            events = Double.NaN;
            ageSeconds = Double.NaN;
            horizonHereSeconds = Double.NaN;
            horizonElsewhereSeconds = Double.NaN;
        }
        return this;
    }
}
