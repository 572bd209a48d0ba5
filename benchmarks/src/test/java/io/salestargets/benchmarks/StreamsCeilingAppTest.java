package io.salestargets.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsCeilingAppTest {

    @TempDir
    Path stateDir;

    @Test
    void itCountsPerTenantTheSalesThatCountAfterCorrectionsStaleRevisionsRetractionsAndTombstones() {
        String counted = run(input -> {
            input.pipeInput(key("acme/s-1"), won("acme", "s-1", 1));
            input.pipeInput(key("acme/s-1"), won("acme", "s-1", 2));
            input.pipeInput(key("acme/s-2"), won("acme", "s-2", 1));
            input.pipeInput(key("acme/s-3"), won("acme", "s-3", 4));
            input.pipeInput(key("acme/s-3"), retracted("acme", "s-3", 5));
            input.pipeInput(key("acme/s-3"), won("acme", "s-3", 3));
            input.pipeInput(key("acme/s-2"), (byte[]) null);
            input.pipeInput(key("globex/s-1"), won("globex", "s-1", 1));
        });

        assertThat(counted).contains(StreamsCeilingApp.COUNTED + "acme 1", StreamsCeilingApp.COUNTED + "globex 1");
    }

    private String run(java.util.function.Consumer<TestInputTopic<byte[], byte[]>> records) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "ceiling-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (TopologyTestDriver driver = new TopologyTestDriver(StreamsCeilingApp.topology(), config)) {
            records.accept(driver.createInputTopic(Topics.SALES, new ByteArraySerializer(), new ByteArraySerializer()));
        } finally {
            System.setOut(out);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static byte[] key(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] won(String tenant, String sale, int revision) {
        return ("{\"type\":\"SaleWon\",\"tenantId\":\"" + tenant + "\",\"saleId\":\"" + sale + "\",\"revision\":" + revision
                + ",\"wonDate\":\"2026-03-14\",\"userId\":\"u-anna\",\"groupId\":\"g-north\",\"amount\":12000.50}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] retracted(String tenant, String sale, int revision) {
        return ("{\"type\":\"SaleRetracted\",\"tenantId\":\"" + tenant + "\",\"saleId\":\"" + sale + "\",\"revision\":" + revision + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
