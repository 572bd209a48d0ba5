package io.salestargets.e2e;

import io.salestargets.localstack.postgres.DatabaseUrl;
import io.salestargets.localstack.process.Directories;
import io.salestargets.localstack.process.Ports;
import io.salestargets.localstack.service.ServiceProcess;
import io.salestargets.localstack.testing.TestInfrastructure;
import io.salestargets.localstack.token.DevKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Both services as processes of their packaged {@code quarkus-run.jar}, on the harness's real broker
 * and database, as the launcher runs them.
 */
final class Stack implements AutoCloseable {

    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    final ServiceProcess commands;
    final ServiceProcess projector;
    private final Path run;
    private final Map<String, String> projectorEnvironment;

    Stack() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String kafka = infrastructure.bootstrapServers();
        DatabaseUrl database = infrastructure.database();
        run = Path.of("target", "stack", UUID.randomUUID().toString()).toAbsolutePath();
        commands = service("target-command-service");
        projector = service("progress-projector");
        Map<String, String> jwt = Map.of("MP_JWT_VERIFY_PUBLICKEY", DevKeys.publicKeyPem(), "MP_JWT_VERIFY_ISSUER", DevKeys.ISSUER);
        Map<String, String> commandEnvironment = new HashMap<>(jwt);
        commandEnvironment.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka, "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", database.user(), "QUARKUS_DATASOURCE_PASSWORD", database.password()));
        projectorEnvironment = new HashMap<>(jwt);
        projectorEnvironment.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka, "KAFKA_STREAMS_STATE_DIR", projectorState().toString(),
                "PROJECTOR_INSTANCE_ID", "e2e-" + UUID.randomUUID(), "PROJECTOR_ADVERTISED_ADDRESS", projector.url().substring("http://".length())));
        commands.start(commandEnvironment, Duration.ofSeconds(120));
        startProjector();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    void startProjector() {
        projector.start(projectorEnvironment, Duration.ofSeconds(120));
    }

    void stopProjector() {
        projector.stop(Duration.ofSeconds(30));
    }

    /** Stops the projector and deletes its local state: it starts again from its changelog topics. */
    void stopProjectorAndDeleteItsState() {
        stopProjector();
        Directories.delete(projectorState());
    }

    private Path projectorState() {
        return run.resolve("progress-projector-state");
    }

    private ServiceProcess service(String name) {
        return new ServiceProcess(new ServiceProcess.Settings(name,
                PROJECT.resolve(name).resolve("target/quarkus-app/quarkus-run.jar"), Ports.free(), run, run.resolve(name + ".log")));
    }

    @Override
    public void close() {
        projector.stop(Duration.ofSeconds(30));
        commands.stop(Duration.ofSeconds(30));
    }
}
