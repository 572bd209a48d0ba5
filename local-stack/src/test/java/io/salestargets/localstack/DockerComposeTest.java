package io.salestargets.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.localkafka.KafkaDistribution;
import io.salestargets.localstack.kafka.ContractTopics;
import io.salestargets.localstack.kafka.KafkaBroker;
import io.salestargets.localstack.token.DevKeys;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run on a machine without Docker, so it is read instead: it must declare
 * the same topics, ports and settings as the local launcher.
 */
@SuppressWarnings("unchecked")
class DockerComposeTest {

    private static final Path COMPOSE = Path.of("..", "docker-compose.yml");

    @Test
    void createsTheContractsTopicsWithTheirPartitionsAndCleanupPolicies() throws IOException {
        String command = String.join("\n", (List<String>) service("topics").get("command"));

        for (ContractTopics.TopicSpec spec : ContractTopics.ALL) {
            String line = command.lines().map(String::trim)
                    .filter(candidate -> candidate.startsWith("create " + spec.name() + " "))
                    .findFirst().orElseThrow(() -> new AssertionError("no topic " + spec.name() + " in docker-compose.yml"));
            assertThat(line).startsWith("create " + spec.name() + " " + spec.partitions() + " ");
            spec.configs().forEach((name, value) -> assertThat(line).contains(name + "=" + value));
        }
    }

    @Test
    void theBrokerNeverAutoCreatesTopicsAndListensWhereTheLauncherDoes() throws IOException {
        Map<String, Object> kafka = service("kafka");
        Map<String, Object> env = (Map<String, Object>) kafka.get("environment");

        assertThat(env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).isEqualTo("false");
        assertThat(env.get("KAFKA_ADVERTISED_LISTENERS").toString()).contains("127.0.0.1:" + KafkaBroker.DEFAULT_PORT);
        assertThat((List<String>) kafka.get("ports")).contains(KafkaBroker.DEFAULT_PORT + ":" + KafkaBroker.DEFAULT_PORT);
        assertThat(kafka.get("image").toString()).endsWith(":" + KafkaDistribution.kafkaVersion());
    }

    @Test
    void servicesUseTheContractsPortsAndTheLaunchersSettings() throws IOException {
        assertThat((List<String>) service("target-command-service").get("ports")).containsExactly("8080:8080");
        assertThat((List<String>) service("progress-projector").get("ports")).containsExactly("8081:8081");
        assertThat((List<String>) service("postgres").get("ports")).containsExactly("5432:5432");
        for (String name : List.of("target-command-service", "progress-projector")) {
            Map<String, Object> env = (Map<String, Object>) service(name).get("environment");
            assertThat(env).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "MP_JWT_VERIFY_PUBLICKEY_LOCATION")
                    .containsEntry("MP_JWT_VERIFY_ISSUER", DevKeys.ISSUER).containsEntry("TOKEN_POLICY_ANY_AUDIENCE", "true").doesNotContainKey("MP_JWT_VERIFY_AUDIENCES");
            assertThat(((Map<String, Object>) service(name).get("build")).get("dockerfile")).isEqualTo("src/main/docker/Dockerfile.jvm");
            assertThat(Path.of("..", name, "src", "main", "docker", "Dockerfile.jvm")).exists();
        }
        Map<String, Object> commands = (Map<String, Object>) service("target-command-service").get("environment");
        assertThat(commands).containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://postgres:5432/" + LocalStack.DATABASE);
    }

    @Test
    void theDemoIsAnOptionalProfileThatRunsTheLaunchersDemo() throws IOException {
        Map<String, Object> demo = service("demo");

        assertThat((List<String>) demo.get("profiles")).containsExactly("demo");
        assertThat((List<String>) demo.get("command")).startsWith("demo").contains("--bootstrap-servers", "kafka:19092");
        assertThat(((Map<String, Object>) demo.get("build")).get("context")).isEqualTo("./local-stack");
        assertThat(Path.of("src", "main", "docker", "Dockerfile.jvm")).exists();
    }

    private static Map<String, Object> service(String name) throws IOException {
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            Map<String, Object> compose = new Yaml().load(reader);
            return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
        }
    }
}
