package io.salestargets.progress;

import io.salestargets.localstack.process.Ports;
import io.salestargets.localstack.testing.RealKafka;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The real broker of the build's harness, plus what a projector instance needs of its own: a state
 * directory, and a known HTTP port that it advertises to other instances for forwarded queries.
 */
public class ProjectorInfrastructure extends RealKafka {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        int port = Ports.free();
        config.put("quarkus.http.test-port", Integer.toString(port));
        config.put("quarkus.kafka-streams.application-server", "127.0.0.1:" + port);
        config.put("kafka-streams.state.dir",
                Path.of("target", "kafka-streams-state", UUID.randomUUID().toString()).toAbsolutePath().toString());
        return config;
    }
}
