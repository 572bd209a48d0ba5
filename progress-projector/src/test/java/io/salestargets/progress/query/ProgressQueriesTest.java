package io.salestargets.progress.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.service.ProblemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import io.salestargets.progress.state.PartitionStates;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class ProgressQueriesTest {

    /**
     * Found while probing the projector's API with random paths during its start: a list (the target dialog's
     * progress, a type's items) asked for before the streams had started failed with StreamsNotStartedException,
     * answered 500 and logged as an error. It is a 503 with Retry-After, like a key's view while partitions move.
     */
    @Test
    void theInstancesAreUnavailableNotAnErrorUntilTheStreamsHaveStarted() {
        KafkaStreams notStarted = streams();
        try {
            ProgressQueries queries = queries(notStarted);

            assertThatThrownBy(() -> queries.answer("acme", false, "/api/v1/progress/types", "token", state -> "answered")).isInstanceOfSatisfying(ProblemException.class, refused -> {
                assertThat(refused.problem().status()).isEqualTo(503);
                assertThat(refused.response().getHeaderString("Retry-After")).isEqualTo("2");
            });
        } finally {
            notStarted.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Streams that have stopped (NOT_RUNNING after a close; ERROR after a fatal error) refuse every query with an
     * IllegalStateException, which was answered 500. It is a 503 with Retry-After, at once: they do not come back.
     */
    @Test
    void everyQueryIsUnavailableNotAnErrorOnceTheStreamsHaveStopped() {
        KafkaStreams stopped = streams();
        stopped.start();
        stopped.close(Duration.ofSeconds(10));
        assertThat(stopped.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        ProgressQueries queries = queries(stopped);

        List<ThrowingCallable> asked = List.of(
                () -> queries.answer("acme", false, "/api/v1/progress/types", "token", state -> "answered"),
                () -> queries.answer("globex", true, "/api/v1/progress/2026/all-sales-amount", "token", state -> "answered"));
        for (ThrowingCallable query : asked) {
            long start = System.nanoTime();
            assertThatThrownBy(query).isInstanceOfSatisfying(ProblemException.class, refused -> {
                assertThat(refused.problem().status()).isEqualTo(503);
                assertThat(refused.problem().type()).isEqualTo("/problems/unavailable");
                assertThat(refused.response().getHeaderString("Retry-After")).isEqualTo("5");
            });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("at once, without the retries of a rebalance")
                    .isLessThan(Duration.ofMillis(ProgressQueries.PAUSE_MILLIS));
        }
    }

    private static ProgressQueries queries(KafkaStreams streams) {
        return new ProgressQueries(streams, new PartitionStates(), new PartitionHosts(() -> streams), new InstanceForwarder(
                new InstanceHops(Optional.empty(), Clock.systemUTC())), "127.0.0.1:8081", 6);
    }

    /** Streams of one source, never connected (nothing listens on port 9). */
    private static KafkaStreams streams() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("crm.sales");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "progress-queries-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        config.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "progress-queries-test", UUID.randomUUID().toString()).toString());
        return new KafkaStreams(builder.build(), config);
    }
}
