package io.salestargets.localstack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.events.Topics;
import io.salestargets.localkafka.KafkaDistribution;
import io.salestargets.localstack.kafka.ContractTopics;
import io.salestargets.localstack.kafka.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

class TestInfrastructureKafkaTest {

    private final String bootstrap = TestInfrastructure.get().bootstrapServers();

    @Test
    void theBrokerIsTheVersionOfTheClients() {
        assertThat(KafkaDistribution.kafkaVersion()).isEqualTo(AppInfoParser.getVersion()).isEqualTo("4.1.2");
    }

    @Test
    void theContractsTopicsExistWithTheirPartitionsAndCleanupPolicies() throws Exception {
        try (Admin admin = KafkaBroker.admin(bootstrap, Duration.ofSeconds(10))) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames().get();
            Map<ConfigResource, Config> configs = admin.describeConfigs(Topics.ALL.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all().get();

            assertThat(topics.get(Topics.TARGET_EVENTS).partitions()).hasSize(6);
            assertThat(topics.get(Topics.SALES).partitions()).hasSize(6);
            assertThat(topics.get(Topics.PROGRESS).partitions()).hasSize(6);
            assertThat(topics.get(Topics.SALES_DLQ).partitions()).hasSize(1);
            assertThat(policy(configs, Topics.TARGET_EVENTS)).isEqualTo("delete");
            assertThat(configs.get(resource(Topics.TARGET_EVENTS)).get("retention.ms").value()).isEqualTo("-1");
            assertThat(policy(configs, Topics.SALES)).isEqualTo("compact");
            assertThat(policy(configs, Topics.PROGRESS)).isEqualTo("compact");
            assertThat(policy(configs, Topics.SALES_DLQ)).isEqualTo("delete");
        }
    }

    @Test
    void creatingTheTopicsAgainChangesNothing() {
        try (Admin admin = KafkaBroker.admin(bootstrap, Duration.ofSeconds(10))) {
            List<String> report = ContractTopics.ensure(admin);

            assertThat(report).hasSize(4).allSatisfy(line -> assertThat(line).contains("present"));
        }
    }

    @Test
    void theBrokerNeverCreatesTopicsByItself() throws Exception {
        String unknown = "never-declared-" + UUID.randomUUID();
        try (Admin admin = KafkaBroker.admin(bootstrap, Duration.ofSeconds(10));
             KafkaConsumer<String, String> consumer = consumer("probe")) {
            consumer.partitionsFor(unknown, Duration.ofSeconds(2));

            assertThat(admin.listTopics().names().get()).doesNotContain(unknown);
            assertThatThrownBy(() -> admin.describeTopics(Set.of(unknown)).allTopicNames().get())
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(UnknownTopicOrPartitionException.class);
        }
    }

    @Test
    void recordsGoThroughTheBroker() {
        String key = "acme/s-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> consumer = consumer("reader-" + UUID.randomUUID())) {
            producer.send(new ProducerRecord<>(Topics.SALES_DLQ, key, "not a sale")).get();
            consumer.subscribe(List.of(Topics.SALES_DLQ));

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean seen = false;
            while (!seen && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    seen |= key.equals(record.key()) && "not a sale".equals(record.value());
                }
            }
            assertThat(seen).as("the record came back").isTrue();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
    }

    private static String policy(Map<ConfigResource, Config> configs, String topic) {
        return configs.get(resource(topic)).get("cleanup.policy").value();
    }

    private static ConfigResource resource(String topic) {
        return new ConfigResource(ConfigResource.Type.TOPIC, topic);
    }
}
