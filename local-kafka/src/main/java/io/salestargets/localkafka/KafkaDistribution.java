package io.salestargets.localkafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the broker's jars are: this module's own jar (for {@link BrokerMain} and the logging
 * configuration) plus the Kafka server and tools jars that Maven resolved when it built this module.
 * Uses no Kafka class, so it can be called from a JVM that has only this jar on its classpath.
 */
public final class KafkaDistribution {

    /** Main class of the broker JVM. */
    public static final String BROKER_MAIN = "io.salestargets.localkafka.BrokerMain";
    /** Formats KRaft storage ({@code format -t <cluster id> -c server.properties}); calls System.exit. */
    public static final String STORAGE_TOOL = "kafka.tools.StorageTool";

    private KafkaDistribution() {
    }

    /** The broker JVM's classpath, every entry checked to exist. */
    public static List<Path> classpath() {
        List<Path> entries = new ArrayList<>();
        entries.add(ownLocation());
        try (InputStream in = KafkaDistribution.class.getResourceAsStream("/local-kafka/classpath")) {
            if (in == null) {
                throw new IllegalStateException("local-kafka/classpath is missing: rebuild the local-kafka module");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String entry : text.split(java.io.File.pathSeparator)) {
                Path jar = Path.of(entry);
                if (!Files.exists(jar)) {
                    throw new IllegalStateException(jar + " is missing from the local Maven repository: "
                            + "rebuild the local-kafka module (./mvnw -pl local-kafka install)");
                }
                entries.add(jar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** The broker's Kafka version, read from the name of its {@code kafka_2.13-<version>.jar}. */
    public static String kafkaVersion() {
        return classpath().stream()
                .map(path -> path.getFileName().toString())
                .filter(name -> name.startsWith("kafka_2.13-") && name.endsWith(".jar"))
                .map(name -> name.substring("kafka_2.13-".length(), name.length() - ".jar".length()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no kafka_2.13 jar on the broker's classpath"));
    }

    private static Path ownLocation() {
        try {
            return Path.of(KafkaDistribution.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
