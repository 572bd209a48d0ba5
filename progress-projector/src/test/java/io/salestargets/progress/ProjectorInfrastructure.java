package io.salestargets.progress;

import io.salestargets.localstack.testing.RealKafka;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The real broker of the build's harness, plus a state directory of the test run's own for Kafka Streams. */
public class ProjectorInfrastructure extends RealKafka {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("kafka-streams.state.dir",
                Path.of("target", "kafka-streams-state", UUID.randomUUID().toString()).toAbsolutePath().toString());
        return config;
    }
}
