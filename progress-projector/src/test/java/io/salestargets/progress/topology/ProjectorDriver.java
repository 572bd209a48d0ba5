package io.salestargets.progress.topology;

import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.kafka.ProgressRecordDeserializer;
import io.salestargets.events.progress.ProgressRecord;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.progress.TargetAttained;
import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.Measure;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.RowKey;
import io.salestargets.events.targets.TargetEvent;
import io.salestargets.events.targets.TargetSet;
import io.salestargets.events.targets.TargetType;
import io.salestargets.events.targets.TargetTypeAdded;
import io.salestargets.progress.differential.ProgressTopicDriver;
import io.salestargets.progress.state.PartitionState;
import io.salestargets.progress.state.PartitionStates;
import io.salestargets.progress.view.ProgressViews;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The topology under {@link TopologyTestDriver}, with the words of the tests: set a target, win a
 * sale, publish, read a view. "Today" is {@link #TODAY}.
 */
final class ProjectorDriver implements AutoCloseable {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    static final String TENANT = "acme";
    static final Duration PUBLISH_INTERVAL = Duration.ofMillis(100);

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> targetEvents;
    private final TestInputTopic<byte[], byte[]> sales;
    private final TestOutputTopic<String, byte[]> progress;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final Map<String, ProgressView> published = new HashMap<>();
    private static final ProgressRecordDeserializer RECORDS = new ProgressRecordDeserializer();
    private final List<TestRecord<String, byte[]>> attained = new ArrayList<>();
    private int publications;
    private final PartitionStates states = new PartitionStates();
    /** The driver's wall-clock time, which {@link #publish()} moves on. */
    private Instant wallClock;
    /** How long before the wall-clock time the sales are stamped, as the CRM produced them. */
    private Duration behind = Duration.ZERO;

    ProjectorDriver() {
        Clock clock = Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        wallClock = clock.instant();
        driver = new TopologyTestDriver(new ProgressTopology(PUBLISH_INTERVAL, 1.0, clock, ProjectorMetrics.NONE, states).build(),
                ProgressTopicDriver.driverConfig("progress-projector-test"), wallClock);
        targetEvents = driver.createInputTopic(Topics.TARGET_EVENTS, new StringSerializer(), new ByteArraySerializer());
        sales = driver.createInputTopic(Topics.SALES, new ByteArraySerializer(), new ByteArraySerializer());
        progress = driver.createOutputTopic(Topics.PROGRESS, new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(Topics.SALES_DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    // --- targets -------------------------------------------------------------------------------------

    void send(TargetEvent event) {
        targetEvents.pipeInput(event.key(), EventJson.write(event));
    }

    void sendRaw(String key, String value) {
        targetEvents.pipeInput(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    static TargetSet set(RowId row, Measure measure, String groupId, long version, String... values) {
        Interval interval = values.length == 4 ? Interval.QUARTER : Interval.MONTH;
        List<BigDecimal> decimals = Arrays.stream(values).map(BigDecimal::new).toList();
        return new TargetSet(UUID.randomUUID(), TENANT, row, measure, groupId, interval, decimals, null, version,
                Instant.parse("2026-01-02T09:00:00Z"), "u-boss", null);
    }

    static String[] monthly(String value) {
        String[] values = new String[12];
        Arrays.fill(values, value);
        return values;
    }

    void addType(TargetType type) {
        send(new TargetTypeAdded(UUID.randomUUID(), TENANT, type, Instant.parse("2026-01-01T08:00:00Z"), "u-admin"));
    }

    // --- sales ---------------------------------------------------------------------------------------

    /** A SaleWon of tenant acme; {@code extra} is JSON to add, e.g. {@code "revision":3}. */
    void won(String saleId, String wonDate, String user, String group, String amount, String profit, String extra) {
        sale(saleId, """
                {"type":"SaleWon","tenantId":"acme","saleId":"%s","wonDate":"%s","userId":"%s","groupId":"%s",
                 "amount":%s,"profit":%s%s}""".formatted(saleId, wonDate, user, group, amount, profit,
                extra == null ? "" : "," + extra));
    }

    void won(String saleId, String wonDate, String user, String group, String amount) {
        won(saleId, wonDate, user, group, amount, "0", null);
    }

    void retracted(String saleId, Long revision) {
        sale(saleId, "{\"type\":\"SaleRetracted\",\"tenantId\":\"acme\",\"saleId\":\"" + saleId + "\""
                + (revision == null ? "" : ",\"revision\":" + revision) + "}");
    }

    void tombstone(String saleId) {
        saleRaw(("acme/" + saleId).getBytes(StandardCharsets.UTF_8), null);
    }

    void sale(String saleId, String json) {
        saleRaw(("acme/" + saleId).getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }

    void saleRaw(byte[] key, byte[] value) {
        sales.pipeInput(key, value, stamp());
    }

    /** A record of crm.sales as the CRM (or anything else) might produce it: any key, value and headers. */
    void saleRaw(byte[] key, byte[] value, Headers headers) {
        sales.pipeInput(new TestRecord<>(key, value, headers, stamp()));
    }

    /** From now on the sales are stamped {@code lag} before the wall-clock time (a backlog), or at it (zero). */
    void stampSalesBehind(Duration lag) {
        behind = lag;
    }

    private Instant stamp() {
        return wallClock.minus(behind);
    }

    // --- what comes out ------------------------------------------------------------------------------

    /**
     * Lets a publication happen, and keeps the newest published view of each key (null for a tombstone) and
     * every {@code TargetAttained}.
     */
    void publish() {
        driver.advanceWallClockTime(PUBLISH_INTERVAL);
        wallClock = wallClock.plus(PUBLISH_INTERVAL);
        for (TestRecord<String, byte[]> record : progress.readRecordsToList()) {
            // read as a consumer downstream reads it: the kind by ce_type, which must agree with the key's
            ProgressRecord value = RECORDS.deserialize(Topics.PROGRESS, record.headers(), record.value());
            if (TargetAttained.isKey(record.key())) {
                if (!(value instanceof TargetAttained)) {
                    throw new AssertionError("not a TargetAttained under " + record.key() + ": " + value);
                }
                attained.add(record);
                continue;
            }
            if (value instanceof TargetAttained) {
                throw new AssertionError("a TargetAttained under a row key: " + record.key());
            }
            publications++;
            published.put(record.key(), (ProgressView) value);
        }
    }

    /** The {@code TargetAttained} records published so far, in order. */
    List<TestRecord<String, byte[]>> attained() {
        return attained;
    }

    /** The newest published view of a row key. */
    ProgressView published(String rowKey) {
        return published.get(rowKey);
    }

    boolean wasPublished(String rowKey) {
        return published.containsKey(rowKey);
    }

    int publications() {
        return publications;
    }

    /** The view as a REST query would compute it, for any day. */
    ProgressView query(String rowKey, LocalDate asOf) {
        return query(rowKey, asOf, null);
    }

    /** The view as a REST query would compute it, for any day, with the targets as they stood at {@code targetsAsOf}. */
    ProgressView query(String rowKey, LocalDate asOf, Instant targetsAsOf) {
        RowKey key = RowKey.parse(rowKey);
        // TopologyTestDriver runs the whole topology as one task, partition 0, whatever the partitioner says
        PartitionState state = states.of(0).orElseThrow();
        ProgressViews views = new ProgressViews(state);
        ProgressViews.Targets targets = targetsAsOf == null ? ProgressViews.Targets.NOW
                : ProgressViews.Targets.asOf(driver.getKeyValueStore(ProgressTopology.TARGET_HISTORY_STORE), targetsAsOf);
        return state.read(() -> views.find(key, asOf, targets).map(ProgressViews.Found::view).orElse(null));
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
