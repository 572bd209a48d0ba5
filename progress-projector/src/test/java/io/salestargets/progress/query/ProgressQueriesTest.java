package io.salestargets.progress.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.service.ProblemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ProgressQueriesTest {

    /**
     * Found while probing the projector's API with random paths during its start: a list (the target dialog's
     * progress, a type's items) asked for before the streams had started failed with StreamsNotStartedException,
     * answered 500 and logged as an error. It is a 503 with Retry-After, like a key's view while partitions move.
     */
    @Test
    void theInstancesAreUnavailableNotAnErrorUntilTheStreamsHaveStarted() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("crm.sales");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "progress-queries-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        config.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "progress-queries-test", UUID.randomUUID().toString()).toString());
        KafkaStreams notStarted = new KafkaStreams(builder.build(), config);
        try {
            ProgressQueries queries = new ProgressQueries(notStarted, "127.0.0.1:8081");

            assertThatThrownBy(queries::instances).isInstanceOfSatisfying(ProblemException.class, refused -> {
                assertThat(refused.problem().status()).isEqualTo(503);
                assertThat(refused.response().getHeaderString("Retry-After")).isEqualTo("2");
            });
        } finally {
            notStarted.close(Duration.ofSeconds(5));
        }
    }
}
