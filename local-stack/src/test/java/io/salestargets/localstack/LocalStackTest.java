package io.salestargets.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salestargets.localstack.kafka.DeadLetterReplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev-token and replay-dlq command lines, as deploy/local/dev-token and replay-dlq pass them on. */
class LocalStackTest {

    @Test
    void readsTheOptionsOfDevToken() throws Exception {
        String token = LocalStack.token(LocalStack.options(new String[] {
                "--tenant", "acme", "--user", "u-anna", "--groups", "g-north,g-south",
                "--rights", "own=update,group=read", "--licenses", "sales-premium", "--functional", "", "--ttl", "30m"}));
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));

        assertThat(claims.get("tid").asText()).isEqualTo("acme");
        assertThat(claims.get("user_groups")).hasSize(2);
        assertThat(new ObjectMapper().convertValue(claims.get("target_rights"), Map.class))
                .isEqualTo(Map.of("own", "update", "group", "read"));
        assertThat(claims.get("licenses")).hasSize(1);
        assertThat(claims.get("functional_rights")).isEmpty();
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(1800);
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> LocalStack.token(LocalStack.options(new String[] {"--colour", "red"})))
                .hasMessage("unknown option --colour");
        assertThatThrownBy(() -> LocalStack.token(LocalStack.options(new String[] {"--ttl", "forever"})))
                .hasMessageContaining("--ttl");
        assertThatThrownBy(() -> LocalStack.options(new String[] {"acme"})).hasMessageContaining("unexpected");
    }

    @Test
    void readsTheOptionsOfReplayDlq(@TempDir Path runDir) throws Exception {
        Path config = Files.writeString(runDir.resolve("client.properties"), "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");
        DeadLetterReplay.Options options = LocalStack.replayOptions(LocalStack.options(new String[] {
                "--run-dir", runDir.toString(), "--tenant", "acme", "--error-contains", "wonDate", "--since", "2026-11-29T11:00:00+01:00",
                "--dry-run", "--bootstrap-servers", "kafka-1:9092", "--command-config", config.toString()}), Map.of(), runDir);

        assertThat(options.bootstrapServers()).isEqualTo("kafka-1:9092");
        assertThat(options.tenant()).isEqualTo("acme");
        assertThat(options.errorContains()).isEqualTo("wonDate");
        assertThat(options.since()).isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
        assertThat(options.dryRun()).isTrue();
        assertThat(options.clientConfig()).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN");

        DeadLetterReplay.Options everything = LocalStack.replayOptions(LocalStack.options(new String[0]), Map.of(), runDir);
        assertThat(everything.tenant()).isNull();
        assertThat(everything.errorContains()).isNull();
        assertThat(everything.since()).isNull();
        assertThat(everything.dryRun()).isFalse();
    }

    @Test
    void replayDlqFindsTheBrokerInTheOptionsTheEnvironmentOrTheLocalStack(@TempDir Path runDir) throws Exception {
        Map<String, String> none = LocalStack.options(new String[0]);
        assertThat(LocalStack.replayOptions(none, Map.of(), runDir).bootstrapServers()).isEqualTo("127.0.0.1:9092");
        Files.writeString(runDir.resolve("stack.env"), "# written by start\nKAFKA_BOOTSTRAP_SERVERS=127.0.0.1:19092\n");
        assertThat(LocalStack.replayOptions(none, Map.of(), runDir).bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(LocalStack.replayOptions(none, Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092"), runDir).bootstrapServers())
                .isEqualTo("env:9092");
        assertThat(LocalStack.replayOptions(LocalStack.options(new String[] {"--bootstrap-servers", "opt:9092"}),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092"), runDir).bootstrapServers()).isEqualTo("opt:9092");
    }

    @Test
    void replayDlqRefusesWhatItDoesNotKnowRatherThanReplayEverything(@TempDir Path runDir) {
        assertThatThrownBy(() -> LocalStack.replayOptions(LocalStack.options(new String[] {"--tennant", "acme"}), Map.of(), runDir))
                .hasMessageStartingWith("unknown option --tennant");
        assertThatThrownBy(() -> LocalStack.replayOptions(LocalStack.options(new String[] {"--tenant", "--dry-run"}), Map.of(), runDir))
                .hasMessage("--tenant needs a value");
        assertThatThrownBy(() -> LocalStack.replayOptions(LocalStack.options(new String[] {"--tenant", "acme/s-1"}), Map.of(), runDir))
                .hasMessageContaining("no '/'");
        assertThatThrownBy(() -> LocalStack.replayOptions(LocalStack.options(new String[] {"--since", "yesterday"}), Map.of(), runDir))
                .hasMessageContaining("2026-11-29T10:00:00Z");
        assertThatThrownBy(() -> LocalStack.replayOptions(LocalStack.options(new String[] {"--since", "2026-11-29T10:00:00"}),
                Map.of(), runDir)).as("a time without its offset is ambiguous").hasMessageContaining("--since");
    }
}
