package io.salestargets.localstack.service;

import io.salestargets.localstack.process.Daemon;
import io.salestargets.localstack.process.PidFile;
import io.salestargets.localstack.process.Ports;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One of the product's services, run by the launcher from its Quarkus build
 * ({@code <module>/target/quarkus-app/quarkus-run.jar}) as a process of its own, until {@code stop}.
 */
public final class ServiceProcess {

    /**
     * @param name    the module, e.g. {@code target-command-service}
     * @param jar     its {@code quarkus-run.jar}
     * @param port    its HTTP port
     * @param runDir  where its pid file goes
     * @param logFile where its output goes
     */
    public record Settings(String name, Path jar, int port, Path runDir, Path logFile) {
    }

    /** The JVM's memory limits of a service by default: a heap of 512 MiB. */
    private static final List<String> DEFAULT_MEMORY = List.of("-Xmx512m");
    /**
     * Per module, where the default does not fit: the projector keeps its actuals on the heap and RocksDB's shared 64 MiB
     * off it (progress-projector's README, "Memory"), the rest of the JVM bounded. 384 MiB hold the benchmark's million
     * sales and then a tenant of 100,000 users (about 190 MiB of actuals). G1 starts its concurrent marking at a fixed 60%
     * of the heap instead of its adaptive threshold: with that many actuals alive and a young generation that reads and
     * sales fill quickly, the adaptive one started a marking cycle every other young collection (each with a 7-9 ms
     * remark pause and a core's share spent marking), which set the reads' 99th percentile (BENCHMARKS.md, 2026-12-07).
     */
    private static final Map<String, List<String>> MEMORY = Map.of("progress-projector", List.of("-Xmx384m",
            "-XX:-G1UseAdaptiveIHOP", "-XX:InitiatingHeapOccupancyPercent=60",
            "-XX:MaxDirectMemorySize=64m", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=160m", "-Xss512k"));

    /**
     * glibc keeps what the JVM and RocksDB free (the JIT's arenas, compaction buffers) instead of returning it: the JVM
     * gives it back every 5 s (about 20 MiB of the projector's resident set after a catch-up, measured with
     * {@code jcmd System.trim_native_heap}). JDK 17 builds before the option's backport do not know it, and would not
     * start with it: the services run on the launcher's own JVM, so the launcher asks its own.
     */
    private static final String TRIM_NATIVE_HEAP = "TrimNativeHeapInterval";
    private static final int TRIM_NATIVE_HEAP_MILLIS = 5_000;

    private final Settings settings;
    private final PidFile pidFile;

    public ServiceProcess(Settings settings) {
        this.settings = settings;
        this.pidFile = new PidFile(settings.runDir().resolve(settings.name() + ".pid"));
    }

    /** The service's name, e.g. {@code target-command-service} or, for a second instance, {@code target-command-service-2}. */
    public String name() {
        return settings.name();
    }

    public String url() {
        return "http://127.0.0.1:" + settings.port();
    }

    public Optional<ProcessHandle> process() {
        return pidFile.running();
    }

    /** Starts the service with the given environment and waits until {@code /q/health/ready} says UP. */
    public void start(Map<String, String> environment, Duration timeout) {
        if (!Files.isRegularFile(settings.jar())) {
            throw new IllegalStateException(settings.jar() + " is missing: build with ./mvnw package -DskipTests");
        }
        if (Ports.answers(settings.port())) {
            throw new IllegalStateException("port " + settings.port() + " is taken by another process; stop it first");
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(settings.port()));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(MEMORY.getOrDefault(module(), DEFAULT_MEMORY));
        if (vmOptionKnown(TRIM_NATIVE_HEAP)) {
            command.add("-XX:" + TRIM_NATIVE_HEAP + "=" + TRIM_NATIVE_HEAP_MILLIS);
        }
        env.putIfAbsent("MALLOC_ARENA_MAX", "2"); // glibc's arenas per thread otherwise hold tens of MiB each, unused
        // JVM options for the services (e.g. -Xmx1g, or a profiler's agent), as with most Java launchers
        String options = System.getenv("JAVA_OPTS");
        if (options != null && !options.isBlank()) {
            command.addAll(Arrays.asList(options.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", settings.jar().toString()));
        ProcessHandle process = Daemon.launch(command, env, settings.logFile(), true, pidFile);
        Daemon.awaitReady(process, pidFile, this::ready, settings.name(), settings.logFile(), timeout);
    }

    public boolean stop(Duration grace) {
        return pidFile.stop(grace);
    }

    /** Whether this JVM, which the services run on too, knows a {@code -XX} option. */
    static boolean vmOptionKnown(String name) {
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false; // not a HotSpot option of this JVM (or no HotSpot diagnostics at all)
        }
    }

    /** The module whose jar it runs: {@code <module>/target/quarkus-app/quarkus-run.jar}. */
    private String module() {
        Path module = settings.jar().toAbsolutePath().getParent().getParent().getParent();
        return module == null || module.getFileName() == null ? "" : module.getFileName().toString();
    }

    /** True when the service says it is ready. */
    public boolean ready() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
