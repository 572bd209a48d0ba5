package io.salestargets.progress.topology;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.TargetSet;
import io.salestargets.localstack.kafka.ContractTopics;
import io.salestargets.localstack.kafka.KafkaBroker;
import io.salestargets.localstack.process.Ports;
import io.salestargets.progress.ProjectorInfrastructure;
import io.salestargets.progress.TestTenant;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * {@code crm.sales} and {@code targets.events} with different partition counts, on a broker of their own
 * (issue 14): every owner's view still has its targets and its actuals. Before, each repartition topic took
 * its source's count, and an owner's targets (hashed over 4 partitions) and actuals (over 6) met in different
 * tasks: views with a target and no actuals, or actuals and no target.
 */
@QuarkusTest
@WithTestResource(CoPartitioningTest.SkewedTopics.class)
class CoPartitioningTest {

    private static final int USERS = 24;

    private final TestTenant tenant = new TestTenant();

    @Test
    void everyOwnersTargetsAndActualsMeetWhenTheSourceTopicsHaveDifferentPartitionCounts() {
        TestTenant.awaitReady();
        for (int user = 0; user < USERS; user++) {
            TargetSet target = tenant.target(RowId.user(2026, "all-sales-amount", "u-" + user, null), "g-1", 1, Instant.now(), "100");
            produce(Topics.TARGET_EVENTS, target.key(), EventJson.writeString(target));
            produce(Topics.SALES, tenant.id + "/s-" + user, ("{\"type\":\"SaleWon\",\"tenantId\":\"%s\",\"saleId\":\"s-%d\","
                    + "\"wonDate\":\"2026-03-14\",\"userId\":\"u-%d\",\"groupId\":\"g-1\",\"amount\":%d}").formatted(tenant.id, user, user, 10 + user));
        }
        for (int user = 0; user < USERS; user++) {
            BigDecimal actual = BigDecimal.valueOf(10 + user);
            tenant.awaitView("/users/u-" + user, view -> view.total().target() != null && view.total().target().compareTo(new BigDecimal("1200")) == 0
                    && view.total().actual().compareTo(actual) == 0);
        }
        tenant.awaitView("/company", view -> view.total().actual().compareTo(BigDecimal.valueOf(10L * USERS + USERS * (USERS - 1) / 2)) == 0);
    }

    private static void produce(String topic, String key, String value) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SkewedTopics.bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A broker of its own: {@code targets.events} with 4 partitions, {@code crm.sales} with 6. */
    public static class SkewedTopics extends ProjectorInfrastructure {

        static volatile String bootstrapServers;
        private KafkaBroker broker;

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            try {
                Path home = Files.createTempDirectory(Path.of("target"), "skewed-kafka-").toAbsolutePath();
                broker = new KafkaBroker(new KafkaBroker.Settings(home, home.resolve("broker.log"), Ports.free(), Ports.free(),
                        "512m", Optional.of(ProcessHandle.current().pid())));
                broker.start(Duration.ofSeconds(90));
                try (Admin admin = KafkaBroker.admin(broker.bootstrapServers(), Duration.ofSeconds(30))) {
                    admin.createTopics(ContractTopics.ALL.stream()
                            .map(spec -> new NewTopic(spec.name(), Optional.of(spec.name().equals(Topics.TARGET_EVENTS) ? 4 : spec.partitions()),
                                    Optional.empty()).configs(spec.configs()))
                            .toList()).all().get();
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the broker with skewed topics", e);
            }
            bootstrapServers = broker.bootstrapServers();
            config.put("kafka.bootstrap.servers", bootstrapServers);
            return config;
        }

        @Override
        public void stop() {
            if (broker != null) {
                broker.stop(Duration.ofSeconds(20));
            }
        }
    }
}
