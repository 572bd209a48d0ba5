package io.salestargets.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreviousWorkTest {

    private static final String METRICS = """
            # HELP relay_backlog_events Events committed to the event store and not yet published to targets.events
            # TYPE relay_backlog_events gauge
            relay_backlog_events 3.0
            relay_backlog_age_seconds 1.5
            relay_horizon_age_seconds{database="this"} NaN
            """;

    @Test
    void theRelaysBacklogIsReadFromThePrometheusText() {
        assertThat(PreviousWork.gauge(METRICS, "relay_backlog_events")).hasValue(3.0);
        assertThat(PreviousWork.gauge(METRICS, "relay_horizon_age_seconds").getAsDouble()).isNaN();
        assertThat(PreviousWork.gauge(METRICS, "relay_backlog")).isEmpty();
    }
}
