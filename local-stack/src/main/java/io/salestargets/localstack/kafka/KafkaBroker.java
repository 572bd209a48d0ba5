package io.salestargets.localstack.kafka;

import io.salestargets.localkafka.KafkaDistribution;
import io.salestargets.localstack.process.Daemon;
import io.salestargets.localstack.process.LogFiles;
import io.salestargets.localstack.process.PidFile;
import io.salestargets.localstack.process.Ports;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker in its own JVM: KRaft, one node that is both broker and controller,
 * run from the Maven Central jars of {@link KafkaDistribution}. Its storage is formatted once; a
 * stopped broker starts again on the same data.
 *
 * <p>Layout under {@code home}: {@code server.properties}, {@code data/} (the log dirs and KRaft
 * metadata), {@code broker.pid}. The broker writes its log to {@code logFile}.
 */
public final class KafkaBroker {

    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;

    /**
     * @param home        folder of the broker's configuration, data and pid file
     * @param logFile     where the broker's output goes
     * @param port        the PLAINTEXT listener on 127.0.0.1 that clients use
     * @param controllerPort the KRaft controller listener on 127.0.0.1
     * @param maxHeap     the broker JVM's -Xmx, e.g. {@code 1g}
     * @param exitWith    a process whose end stops the broker (tests), or empty (the launcher's daemon)
     */
    public record Settings(Path home, Path logFile, int port, int controllerPort, String maxHeap, Optional<Long> exitWith) {
    }

    private final Settings settings;
    private final PidFile pidFile;

    public KafkaBroker(Settings settings) {
        this.settings = settings;
        this.pidFile = new PidFile(settings.home().resolve("broker.pid"));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + settings.port();
    }

    public Optional<ProcessHandle> process() {
        return pidFile.running();
    }

    /** Formats the storage if it is new, starts the broker and waits until it answers. */
    public void start(Duration timeout) {
        if (process().isPresent()) {
            throw new IllegalStateException("the broker of " + settings.home() + " is already running");
        }
        if (Ports.answers(settings.port()) || Ports.answers(settings.controllerPort())) {
            throw new IllegalStateException("port " + settings.port() + " or " + settings.controllerPort()
                    + " on 127.0.0.1 is taken by another process; stop it or set KAFKA_BOOTSTRAP_SERVERS to use that broker");
        }
        try {
            Files.createDirectories(dataDir());
            Files.createDirectories(settings.logFile().getParent());
            Files.writeString(configFile(), serverProperties(), StandardCharsets.UTF_8);
            if (!Files.exists(dataDir().resolve("meta.properties"))) {
                format();
            }
            List<String> command = new ArrayList<>(javaCommand());
            command.add(KafkaDistribution.BROKER_MAIN);
            command.add(configFile().toString());
            settings.exitWith().ifPresent(pid -> {
                command.add("--exit-with");
                command.add(Long.toString(pid));
            });
            ProcessHandle process = Daemon.launch(command, Map.of(), settings.logFile(), settings.exitWith().isEmpty(), pidFile);
            Daemon.awaitReady(process, pidFile, () -> Ports.answers(settings.port()) && answers(bootstrapServers(), Duration.ofSeconds(2)),
                    "the broker", settings.logFile(), timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the broker cleanly (it flushes its logs), forcibly after {@code grace}. */
    public boolean stop(Duration grace) {
        return pidFile.stop(grace);
    }

    /** True when a broker answers at the bootstrap servers within the timeout. */
    public static boolean answers(String bootstrapServers, Duration timeout) {
        try (Admin admin = admin(bootstrapServers, timeout)) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static Admin admin(String bootstrapServers, Duration timeout) {
        int millis = (int) Math.max(1000, timeout.toMillis());
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
    }

    private void format() throws IOException {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of(KafkaDistribution.STORAGE_TOOL, "format",
                "-t", Uuid.randomUuid().toString(), "-c", configFile().toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.logFile().toFile()))
                .start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("formatting the broker's storage failed. Last lines of " + settings.logFile()
                        + ":" + System.lineSeparator() + LogFiles.lastLines(settings.logFile(), 20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting the broker's storage", e);
        }
    }

    private List<String> javaCommand() {
        String classpath = KafkaDistribution.classpath().stream().map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx" + settings.maxHeap(), "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true", "-cp", classpath);
    }

    private String serverProperties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + settings.controllerPort());
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + settings.port() + ",CONTROLLER://127.0.0.1:" + settings.controllerPort());
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + settings.port());
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", dataDir().toAbsolutePath().toString());
        // one node: every internal topic has one replica
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        // fewer internal partitions than the default 50: quicker first start on a laptop
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.num.partitions", "10");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // topics come from the project's tooling only
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        StringBuilder text = new StringBuilder("# Written by the local stack at every start; edit KafkaBroker, not this file.\n");
        p.stringPropertyNames().stream().sorted().forEach(name -> text.append(name).append('=').append(p.getProperty(name)).append('\n'));
        return text.toString();
    }

    private Path dataDir() {
        return settings.home().resolve("data");
    }

    private Path configFile() {
        return settings.home().resolve("server.properties");
    }
}
