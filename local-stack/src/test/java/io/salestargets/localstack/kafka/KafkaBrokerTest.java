package io.salestargets.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.events.Topics;
import io.salestargets.localstack.process.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker of its own, to check what the launcher relies on: stop then start keeps the data. */
class KafkaBrokerTest {

    @TempDir
    Path home;

    private KafkaBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.stop(Duration.ofSeconds(20));
        }
    }

    @Test
    void aStoppedBrokerStartsAgainWithItsTopics() throws Exception {
        broker = newBroker();
        broker.start(Duration.ofSeconds(60));
        try (Admin admin = KafkaBroker.admin(broker.bootstrapServers(), Duration.ofSeconds(10))) {
            assertThat(ContractTopics.ensure(admin)).allSatisfy(line -> assertThat(line).startsWith("created"));
        }
        long firstPid = broker.process().orElseThrow().pid();

        assertThat(broker.stop(Duration.ofSeconds(20))).isTrue();
        assertThat(broker.process()).isEmpty();
        assertThat(KafkaBroker.answers(broker.bootstrapServers(), Duration.ofSeconds(1))).isFalse();

        broker.start(Duration.ofSeconds(60));
        assertThat(broker.process().orElseThrow().pid()).isNotEqualTo(firstPid);
        try (Admin admin = KafkaBroker.admin(broker.bootstrapServers(), Duration.ofSeconds(10))) {
            assertThat(admin.listTopics().names().get()).containsAll(Topics.ALL);
            assertThat(ContractTopics.ensure(admin)).allSatisfy(line -> assertThat(line).contains("present"));
        }
    }

    @Test
    void aTopicWithTheWrongCleanupPolicyIsAnError() throws Exception {
        broker = newBroker();
        broker.start(Duration.ofSeconds(60));
        try (Admin admin = KafkaBroker.admin(broker.bootstrapServers(), Duration.ofSeconds(10))) {
            admin.createTopics(List.of(new NewTopic(Topics.TARGET_EVENTS, 6, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();

            assertThatThrownBy(() -> ContractTopics.ensure(admin))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("targets.events has cleanup.policy=compact, the contract says delete");
        }
    }

    @Test
    void aSecondStartIsRefusedWhileTheFirstRuns() {
        broker = newBroker();
        broker.start(Duration.ofSeconds(60));

        assertThatThrownBy(() -> broker.start(Duration.ofSeconds(5))).hasMessageContaining("already running");
    }

    private KafkaBroker newBroker() {
        return new KafkaBroker(new KafkaBroker.Settings(home, home.resolve("broker.log"), Ports.free(), Ports.free(), "512m",
                Optional.of(ProcessHandle.current().pid())));
    }
}
