package io.salestargets.progress.lifecycle;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Closes Kafka Streams leaving its consumer group, before Quarkus closes it without leaving. With
 * static membership ({@code PROJECTOR_INSTANCE_ID}), the member is removed at once, so that the next
 * start is not kept waiting for its old session to time out.
 */
@ApplicationScoped
public class LeaveGroupOnShutdown {

    void close(@Observes @Priority(1) ShutdownEvent shutdown, KafkaStreams streams) {
        streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(20)));
    }
}
