package io.salestargets.progress.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.target.Interval;
import io.salestargets.events.target.Measure;
import io.salestargets.events.target.RowId;
import io.salestargets.events.target.TargetEvent;
import io.salestargets.events.target.TargetLocked;
import io.salestargets.events.target.TargetRemoved;
import io.salestargets.events.target.TargetSet;
import io.salestargets.events.target.TargetUnlocked;
import io.salestargets.events.target.Unit;
import io.salestargets.progress.targets.TargetRowState;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TargetRowsTopologyTest {

    private static final RowId ANNA = RowId.user(2026, "all-sales-amount", "u-anna", null);
    private static final String ANNA_KEY = "acme/2026/all-sales-amount/user/u-anna";

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;
    private KeyValueStore<String, TargetRowState> rows;

    @BeforeEach
    void start() throws IOException {
        // under target/, not the OS temp folder that Kafka Streams warns about
        Path stateDir = Files.createDirectories(Path.of("target", "topology-test-state")).resolve(UUID.randomUUID().toString());
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "progress-projector-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(new ProgressTopology().build(), config);
        events = driver.createInputTopic(Topics.TARGET_EVENTS, new StringSerializer(), new ByteArraySerializer());
        rows = driver.getKeyValueStore(ProgressTopology.TARGET_ROWS_STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aSetCreatesTheRowAndANewerSetReplacesIt() {
        send(set(1, "1000"));
        send(set(2, "2000"));

        TargetRowState anna = rows.get(ANNA_KEY);
        assertThat(anna.version()).isEqualTo(2);
        assertThat(anna.values()).containsOnly(new BigDecimal("2000"));
        assertThat(anna.groupId()).isEqualTo("g-north");
        assertThat(anna.measure()).isEqualTo(new Measure("all", Unit.AMOUNT));
    }

    @Test
    void eventsNotNewerThanTheHeldVersionAreIgnored() {
        send(set(1, "1000"));
        send(set(2, "2000"));
        send(set(2, "9999"));
        send(set(1, "1000"));

        assertThat(rows.get(ANNA_KEY).values()).containsOnly(new BigDecimal("2000"));
        assertThat(rows.get(ANNA_KEY).version()).isEqualTo(2);
    }

    @Test
    void lockAndUnlockFollowTheVersions() {
        send(set(1, "1000"));
        send(new TargetLocked(UUID.randomUUID(), "acme", ANNA, 2, Instant.parse("2026-02-01T00:00:00Z"), "u-boss"));
        assertThat(rows.get(ANNA_KEY).locked()).isTrue();

        send(new TargetUnlocked(UUID.randomUUID(), "acme", ANNA, 3, Instant.parse("2026-02-02T00:00:00Z"), "u-boss"));
        send(new TargetLocked(UUID.randomUUID(), "acme", ANNA, 2, Instant.parse("2026-02-01T00:00:00Z"), "u-boss"));

        assertThat(rows.get(ANNA_KEY).locked()).isFalse();
        assertThat(rows.get(ANNA_KEY).version()).isEqualTo(3);
        assertThat(rows.get(ANNA_KEY).updatedBy()).isEqualTo("u-boss");
    }

    @Test
    void aRemovedRowIsGoneAndCanBeSetAgain() {
        send(set(1, "1000"));
        send(new TargetRemoved(UUID.randomUUID(), "acme", ANNA, 2, Instant.parse("2026-03-01T00:00:00Z"), "u-boss"));
        assertThat(rows.get(ANNA_KEY)).isNull();

        send(set(3, "500"));
        assertThat(rows.get(ANNA_KEY).values()).containsOnly(new BigDecimal("500"));
    }

    @Test
    void unreadableRecordsAreSkippedAndProcessingGoesOn() {
        events.pipeInput(ANNA_KEY, "{not json".getBytes(StandardCharsets.UTF_8));
        events.pipeInput(ANNA_KEY, "{\"type\":\"TargetSet\"}".getBytes(StandardCharsets.UTF_8));
        events.pipeInput("acme/2026/all-sales-amount/user/u-other", EventJson.write(set(1, "7")));
        send(set(1, "1000"));

        assertThat(rows.get(ANNA_KEY).values()).containsOnly(new BigDecimal("1000"));
        assertThat(rows.get("acme/2026/all-sales-amount/user/u-other")).as("a record under another row's key").isNull();
    }

    private void send(TargetEvent event) {
        events.pipeInput(event.key(), EventJson.write(event));
    }

    private static TargetSet set(long version, String monthly) {
        return new TargetSet(UUID.randomUUID(), "acme", ANNA, new Measure("all", Unit.AMOUNT), "g-north", Interval.MONTH,
                Collections.nCopies(12, new BigDecimal(monthly)), null, version, Instant.parse("2026-01-01T00:00:00Z"),
                "u-boss", null);
    }

}
