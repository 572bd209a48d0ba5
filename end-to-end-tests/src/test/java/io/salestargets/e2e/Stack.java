package io.salestargets.e2e;

import io.salestargets.localstack.postgres.DatabaseUrl;
import io.salestargets.localstack.process.Directories;
import io.salestargets.localstack.process.Ports;
import io.salestargets.localstack.service.ServiceProcess;
import io.salestargets.localstack.testing.TestInfrastructure;
import io.salestargets.localstack.token.DevKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Both services as processes of their packaged {@code quarkus-run.jar}, on the harness's real broker
 * and database (or a database of the test's own), as the launcher runs them; one or more command
 * service instances on the same database.
 */
final class Stack implements AutoCloseable {

    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** The first command service instance. */
    final ServiceProcess commands;
    /** Every command service instance, {@link #commands} first. */
    final List<ServiceProcess> commandInstances = new ArrayList<>();
    final ServiceProcess projector;
    private final Path run;
    private final Map<String, String> commandEnvironment;
    private final Map<String, String> projectorEnvironment;

    /** One command service instance on the harness's database, and the projector. */
    Stack() {
        this(TestInfrastructure.get().database(), 1);
    }

    Stack(DatabaseUrl database, int commandInstances) {
        String kafka = TestInfrastructure.get().bootstrapServers();
        run = Path.of("target", "stack", UUID.randomUUID().toString()).toAbsolutePath();
        for (int i = 1; i <= commandInstances; i++) {
            this.commandInstances.add(service("target-command-service", i == 1 ? "" : "-" + i));
        }
        commands = this.commandInstances.get(0);
        projector = service("progress-projector", "");
        Map<String, String> jwt = Map.of("MP_JWT_VERIFY_PUBLICKEY", DevKeys.publicKeyPem(), "MP_JWT_VERIFY_ISSUER", DevKeys.ISSUER,
                "MP_JWT_VERIFY_AUDIENCES", DevKeys.AUDIENCE);
        commandEnvironment = new HashMap<>(jwt);
        commandEnvironment.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka, "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", database.user(), "QUARKUS_DATASOURCE_PASSWORD", database.password(),
                "PROJECTOR_URL", projector.url()));
        projectorEnvironment = new HashMap<>(jwt);
        projectorEnvironment.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka, "KAFKA_STREAMS_STATE_DIR", projectorState().toString(),
                "PROJECTOR_INSTANCE_ID", "e2e-" + UUID.randomUUID(), "PROJECTOR_ADVERTISED_ADDRESS", projector.url().substring("http://".length())));
        this.commandInstances.forEach(this::start);
        startProjector();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    /**
     * Starts a command service instance (again) and waits until it is ready; its host name (as a pod's
     * would be) is its name, which its database sessions carry.
     */
    void start(ServiceProcess commandInstance) {
        Map<String, String> environment = new HashMap<>(commandEnvironment);
        environment.put("HOSTNAME", commandInstance.name());
        commandInstance.start(environment, START_TIMEOUT);
    }

    /** The command service's API ({@code /api/v1}) with a bearer token. */
    Http commandApi(String token) {
        return new Http(commands.url() + "/api/v1", token);
    }

    /** The projector's progress API ({@code /api/v1/progress}) with a bearer token. */
    Http progressApi(String token) {
        return new Http(projector.url() + "/api/v1/progress", token);
    }

    void startProjector() {
        projector.start(projectorEnvironment, START_TIMEOUT);
    }

    void stopProjector() {
        projector.stop(Duration.ofSeconds(30));
    }

    /** Stops the projector and deletes its local state: it starts again from its changelog topics. */
    void stopProjectorAndDeleteItsState() {
        stopProjector();
        Directories.delete(projectorState());
    }

    /** Kills a service with SIGKILL, as a crash or an OOM killer would: no shutdown hook runs. */
    static void kill(ServiceProcess service) {
        ProcessHandle process = service.process().orElseThrow(() -> new IllegalStateException("not running"));
        process.destroyForcibly();
        process.onExit().join();
    }

    private Path projectorState() {
        return run.resolve("progress-projector-state");
    }

    private ServiceProcess service(String module, String suffix) {
        String name = module + suffix;
        return new ServiceProcess(new ServiceProcess.Settings(name,
                PROJECT.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"), Ports.free(), run, run.resolve(name + ".log")));
    }

    @Override
    public void close() {
        projector.stop(Duration.ofSeconds(30));
        commandInstances.forEach(instance -> instance.stop(Duration.ofSeconds(30)));
    }
}
