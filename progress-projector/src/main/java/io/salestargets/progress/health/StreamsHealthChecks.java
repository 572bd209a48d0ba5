package io.salestargets.progress.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * What the projector's state means to an orchestrator.
 *
 * <ul>
 *   <li>Ready only while the streams are RUNNING: while they rebalance or restore, the stores may
 *       not hold every key, so answers could be wrong. (Quarkus adds a readiness check that the
 *       topics exist.)</li>
 *   <li>Alive unless the streams have failed or stopped: waiting for topics or rebalancing is not a
 *       reason to restart the process. This replaces Quarkus's own liveness check, which is down
 *       while the streams wait to start.</li>
 * </ul>
 */
@ApplicationScoped
public class StreamsHealthChecks {

    private static final Set<KafkaStreams.State> DEAD = EnumSet.of(KafkaStreams.State.PENDING_ERROR,
            KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_SHUTDOWN, KafkaStreams.State.NOT_RUNNING);

    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck running(KafkaStreams streams) {
        return check("Kafka Streams running", streams, state -> state == KafkaStreams.State.RUNNING);
    }

    @Produces
    @Liveness
    @ApplicationScoped
    HealthCheck alive(KafkaStreams streams) {
        return check("Kafka Streams alive", streams, state -> !stopped(state));
    }

    /**
     * Whether the streams have failed or are stopping: they will not answer queries again in this process
     * ({@code ProgressQueries} answers 503 at once).
     */
    public static boolean stopped(KafkaStreams.State state) {
        return DEAD.contains(state);
    }

    private static HealthCheck check(String name, KafkaStreams streams, Predicate<KafkaStreams.State> up) {
        return () -> {
            KafkaStreams.State state = streams.state();
            return HealthCheckResponse.named(name).status(up.test(state)).withData("state", state.name()).build();
        };
    }
}
