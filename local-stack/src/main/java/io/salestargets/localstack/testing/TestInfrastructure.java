package io.salestargets.localstack.testing;

import io.salestargets.localstack.kafka.ContractTopics;
import io.salestargets.localstack.kafka.KafkaBroker;
import io.salestargets.localstack.postgres.DatabaseUrl;
import io.salestargets.localstack.postgres.EmbeddedPostgresServer;
import io.salestargets.localstack.postgres.PostgresServer;
import io.salestargets.localstack.process.Directories;
import io.salestargets.localstack.process.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one test harness of the build: a real Kafka broker with the contract's topics and a fresh
 * PostgreSQL database, shared by every test of a JVM (a Maven module's test run) and torn down when
 * it ends.
 *
 * <ul>
 *   <li>Kafka: {@code KAFKA_BOOTSTRAP_SERVERS} when set; else a Testcontainers broker when a Docker
 *       engine answers; else a {@link KafkaBroker} process of its own on free ports, under
 *       {@code target/test-infrastructure/}, which stops with this JVM even when the JVM is killed.</li>
 *   <li>PostgreSQL: the server of {@code DATABASE_URL} when set; else a Testcontainers server when a
 *       Docker engine answers; else the server on 127.0.0.1:5432 when it answers (user
 *       {@code postgres}); else an embedded server from Maven artifacts. On it, a new database
 *       {@code targets_test_<time>_<random>} is created for this run and dropped at its end.</li>
 * </ul>
 *
 * Topics are created by {@link ContractTopics}; the broker never auto-creates them.
 */
public final class TestInfrastructure {

    private static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    private static final String POSTGRES_IMAGE = "postgres:16-alpine";

    private static TestInfrastructure instance;

    private final List<Runnable> teardown = new ArrayList<>();
    private KafkaBroker localBroker;
    private String bootstrapServers;
    private String kafkaSource;
    private DatabaseUrl database;
    private String postgresSource;

    /** The JVM's infrastructure; each part starts on first use. */
    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = new TestInfrastructure();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "test-infrastructure-stop"));
        }
        return instance;
    }

    private TestInfrastructure() {
    }

    /** A broker with the contract's topics. */
    public synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            long started = System.nanoTime();
            String[] kafka = launchKafka();
            try (Admin admin = KafkaBroker.admin(kafka[0], Duration.ofSeconds(30))) {
                ContractTopics.ensure(admin);
            }
            bootstrapServers = kafka[0];
            kafkaSource = kafka[1];
            log("Kafka at %s (%s) with the contract's topics, ready in %d ms", bootstrapServers, kafkaSource,
                    (System.nanoTime() - started) / 1_000_000);
        }
        return bootstrapServers;
    }

    /** The fresh database of this test run. */
    public synchronized DatabaseUrl database() {
        if (database == null) {
            long started = System.nanoTime();
            PostgresServer server = startPostgres();
            postgresSource = describe(server);
            database = createTestDatabase(server);
            log("PostgreSQL database %s (%s), ready in %d ms", database, postgresSource,
                    (System.nanoTime() - started) / 1_000_000);
        }
        return database;
    }

    /** Where the broker comes from: {@code KAFKA_BOOTSTRAP_SERVERS}, Testcontainers or a local broker. */
    public synchronized String kafkaSource() {
        bootstrapServers();
        return kafkaSource;
    }

    /** Where the database server is: {@code DATABASE_URL}, or host and port. */
    public synchronized String postgresSource() {
        database();
        return postgresSource;
    }

    /** True when the broker is this harness's own process, so that a test may stop and start it. */
    public synchronized boolean ownsKafka() {
        bootstrapServers();
        return localBroker != null;
    }

    /** Stops the harness's own broker (for tests of what happens while it is down); its data stays. */
    public synchronized void stopKafka() {
        requireOwnBroker().stop(Duration.ofSeconds(30));
    }

    /** Starts the harness's own broker again, on the same port and data. */
    public synchronized void startKafka() {
        KafkaBroker broker = requireOwnBroker();
        if (broker.process().isEmpty()) {
            broker.start(Duration.ofSeconds(90));
        }
    }

    private KafkaBroker requireOwnBroker() {
        if (!ownsKafka()) {
            throw new IllegalStateException("the broker is not the harness's own (" + kafkaSource + ")");
        }
        return localBroker;
    }

    private String[] launchKafka() {
        String given = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (given != null && !given.isBlank()) {
            return new String[] {given.trim(), "KAFKA_BOOTSTRAP_SERVERS"};
        }
        if (dockerAnswers()) {
            KafkaContainer container = new KafkaContainer(KAFKA_IMAGE)
                    .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
            container.start();
            teardown.add(container::stop);
            return new String[] {container.getBootstrapServers(), "testcontainers " + KAFKA_IMAGE};
        }
        Path home = workDir().resolve("kafka-" + UUID.randomUUID());
        KafkaBroker broker = new KafkaBroker(new KafkaBroker.Settings(home, home.resolve("broker.log"),
                Ports.free(), Ports.free(), "768m", Optional.of(ProcessHandle.current().pid())));
        broker.start(Duration.ofSeconds(90));
        localBroker = broker;
        teardown.add(() -> {
            broker.stop(Duration.ofSeconds(20));
            deleteTree(home);
        });
        return new String[] {broker.bootstrapServers(), "local broker in " + home};
    }

    private PostgresServer startPostgres() {
        String given = System.getenv("DATABASE_URL");
        if (given != null && !given.isBlank()) {
            return new PostgresServer(DatabaseUrl.parse(given));
        }
        if (dockerAnswers()) {
            PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
            container.start();
            teardown.add(container::stop);
            return new PostgresServer(DatabaseUrl.parse(container.getJdbcUrl())
                    .withCredentials(container.getUsername(), container.getPassword()));
        }
        PostgresServer local = new PostgresServer(DatabaseUrl.localServer("postgres"));
        if (local.answers()) {
            return local;
        }
        Path home = workDir().resolve("postgres-" + UUID.randomUUID());
        DatabaseUrl embedded = EmbeddedPostgresServer.start(home.resolve("data"), workDir().resolve("postgres-binaries"),
                Ports.free(), home.resolve("postgres.log"), false);
        teardown.add(() -> deleteTree(home));
        return new PostgresServer(embedded);
    }

    private DatabaseUrl createTestDatabase(PostgresServer server) {
        String name = "targets_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
                + "_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            server.ensureDatabase(name);
        } catch (SQLException e) {
            if (System.getenv("DATABASE_URL") != null) {
                log("cannot create a database on the server of DATABASE_URL (%s): using %s as it is", e.getMessage(),
                        server.url());
                return server.url();
            }
            throw new IllegalStateException("cannot create the test database on " + server.url() + ": " + e.getMessage(), e);
        }
        teardown.add(0, () -> {
            try {
                server.dropDatabase(name);
            } catch (SQLException e) {
                log("could not drop %s: %s", name, e.getMessage());
            }
        });
        return server.database(name);
    }

    private synchronized void stop() {
        for (Runnable step : teardown) {
            try {
                step.run();
            } catch (RuntimeException e) {
                log("teardown step failed: %s", e);
            }
        }
        teardown.clear();
    }

    private String describe(PostgresServer server) {
        if (System.getenv("DATABASE_URL") != null) {
            return "DATABASE_URL";
        }
        return server.url().host() + ":" + server.url().port();
    }

    private static boolean dockerAnswers() {
        boolean socket = Files.exists(Path.of("/var/run/docker.sock"));
        String host = System.getenv("DOCKER_HOST");
        if (!socket && (host == null || host.isBlank())) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Path workDir() {
        Path dir = Path.of("target", "test-infrastructure").toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static void deleteTree(Path root) {
        try {
            Directories.delete(root);
        } catch (UncheckedIOException e) {
            log("could not delete %s: %s", root, e.getMessage());
        }
    }

    private static void log(String format, Object... args) {
        System.out.println("[test-infrastructure] " + String.format(format, args));
    }
}
