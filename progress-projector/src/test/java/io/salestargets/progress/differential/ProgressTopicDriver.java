package io.salestargets.progress.differential;

import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.progress.ProgressRecord;
import io.salestargets.events.progress.TargetAttained;
import io.salestargets.progress.firstversion.topology.ProgressTopology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A projector's topology, any version of it, under {@link TopologyTestDriver}, fed a generated stream ({@link Input})
 * and read as a compacted {@code targets.progress} ({@link #progress()}). "Today" is {@link #TODAY}, on a clock that
 * stands still at noon UTC ({@link #CLOCK}: the topology's clock, so that {@code toDate} and {@code attainedAt} are
 * the same in every run); an {@link Input.Publication} advances the driver's wall-clock time by the publish interval.
 */
public final class ProgressTopicDriver implements AutoCloseable {

    public static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    public static final Clock CLOCK = Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    /** How often version 1 publishes in these tests. */
    public static final Duration FIRST_VERSION_PUBLISH_INTERVAL = Duration.ofMillis(100);
    /** How many times {@link #progress()} lets the publish interval pass at most, until nothing more comes. */
    private static final int FINAL_PUBLICATIONS = 10;

    private final TopologyTestDriver driver;
    private final Duration publishInterval;
    private final TestInputTopic<String, byte[]> targetEvents;
    private final TestInputTopic<String, byte[]> sales;
    private final TestOutputTopic<String, String> progress;
    private final TreeMap<String, String> views = new TreeMap<>();
    private final List<ProgressTopic.Attained> attained = new ArrayList<>();
    private int publications;
    /** The driver's wall-clock time, at which the inputs are stamped (never a backlog). */
    private Instant wallClock = CLOCK.instant();

    /**
     * @param topology        a projector's topology, built with {@link #CLOCK}
     * @param publishInterval how often it publishes the views that changed
     */
    public ProgressTopicDriver(Topology topology, Duration publishInterval) {
        this.publishInterval = publishInterval;
        driver = new TopologyTestDriver(topology, driverConfig("progress-projector-differential"), wallClock);
        targetEvents = driver.createInputTopic(Topics.TARGET_EVENTS, new StringSerializer(), new ByteArraySerializer());
        sales = driver.createInputTopic(Topics.SALES, new StringSerializer(), new ByteArraySerializer());
        progress = driver.createOutputTopic(Topics.PROGRESS, new StringDeserializer(), new StringDeserializer());
    }

    /** A {@link TopologyTestDriver}'s configuration: the application id, and a state folder of its own under {@code target/}. */
    public static Properties driverConfig(String applicationId) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            // under target/, not the OS temp folder that Kafka Streams warns about
            Path state = Files.createDirectories(Path.of("target", "topology-test-state")).resolve(UUID.randomUUID().toString());
            config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return config;
    }

    /** Version 1, frozen ({@code firstversion}). */
    public static ProgressTopicDriver firstVersion() {
        return new ProgressTopicDriver(new ProgressTopology(FIRST_VERSION_PUBLISH_INTERVAL, CLOCK).build(),
                FIRST_VERSION_PUBLISH_INTERVAL);
    }

    public void send(Input input) {
        if (input instanceof Input.Sale sale) {
            sales.pipeInput(sale.key(), sale.record() == null ? null : EventJson.write(sale.record()), wallClock);
        } else if (input instanceof Input.Target target) {
            targetEvents.pipeInput(target.event().key(), EventJson.write(target.event()), wallClock);
        } else {
            publications++;
            publish(publications);
        }
    }

    public void sendAll(List<Input> inputs) {
        inputs.forEach(this::send);
    }

    /**
     * {@code targets.progress} as compacted, after the views that changed since the last publication are published:
     * the publish interval passes until a publication sends nothing more (at most {@value #FINAL_PUBLICATIONS} times).
     */
    public ProgressTopic progress() {
        for (int i = 0; i < FINAL_PUBLICATIONS && publish(publications + 1) > 0; i++) {
            // a version that publishes less often when behind may need more than one
        }
        return new ProgressTopic(new TreeMap<>(views), List.copyOf(attained));
    }

    /** Lets the publish interval pass; returns how many records were published. */
    private int publish(int publication) {
        driver.advanceWallClockTime(publishInterval);
        wallClock = wallClock.plus(publishInterval);
        List<TestRecord<String, String>> records = progress.readRecordsToList();
        for (TestRecord<String, String> record : records) {
            // as a consumer downstream tells them apart: by ce_type, which must agree with the key
            String type = type(record);
            if (TargetAttained.isKey(record.key())) {
                if (!ProgressRecord.ATTAINED_TYPE.equals(type) || record.value() == null) {
                    throw new AssertionError("not a TargetAttained under " + record.key() + ": " + type + " " + record.value());
                }
                attained.add(new ProgressTopic.Attained(publication, record.key(), record.value()));
            } else if (!ProgressRecord.VIEW_TYPE.equals(type)) {
                throw new AssertionError("not a view under " + record.key() + ": " + type);
            } else if (record.value() == null) {
                views.remove(record.key());
            } else {
                views.put(record.key(), record.value());
            }
        }
        return records.size();
    }

    private static String type(TestRecord<String, String> record) {
        Header header = record.headers().lastHeader(ProgressRecord.TYPE_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
