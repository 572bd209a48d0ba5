package io.salestargets.localstack;

import io.salestargets.events.Topics;
import io.salestargets.localkafka.KafkaDistribution;
import io.salestargets.localstack.demo.CrmSimulator;
import io.salestargets.localstack.demo.DemoTargets;
import io.salestargets.localstack.demo.DemoTenant;
import io.salestargets.localstack.demo.SaleGenerator;
import io.salestargets.localstack.kafka.ContractTopics;
import io.salestargets.localstack.kafka.DeadLetterReplay;
import io.salestargets.localstack.kafka.KafkaBroker;
import io.salestargets.localstack.postgres.DatabaseUrl;
import io.salestargets.localstack.postgres.EmbeddedPostgresServer;
import io.salestargets.localstack.postgres.PostgresServer;
import io.salestargets.localstack.process.Daemon;
import io.salestargets.localstack.process.Directories;
import io.salestargets.localstack.process.PidFile;
import io.salestargets.localstack.process.Ports;
import io.salestargets.localstack.service.ServiceProcess;
import io.salestargets.localstack.token.DevKeys;
import io.salestargets.localstack.token.DevToken;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The local stack's command line, behind {@code deploy/local/start}, {@code stop} and
 * {@code dev-token}.
 *
 * <pre>
 * LocalStack start  [--run-dir DIR] [--project-dir DIR]  broker, topics, PostgreSQL, both services; prints
 *                                                         where they are and a dev token
 * LocalStack stop   [--run-dir DIR]   stops what start started
 * LocalStack status [--run-dir DIR] [--project-dir DIR]
 * LocalStack reset-projector [--dry-run] [--no-start]   rebuilds every progress view from the topics (StreamsResetter)
 * LocalStack simulate [options]             a CRM publishing sales on crm.sales (see {@link CrmSimulator})
 * LocalStack replay-dlq [--tenant T] [--error-contains TEXT] [--since TIME] [--dry-run] [--list]
 *                       [--bootstrap-servers B] [--command-config FILE]
 *                                           dead letters back onto crm.sales (see {@link DeadLetterReplay})
 * LocalStack token  [--tenant T] [--user U] [--groups g1,g2] [--rights own=update,...]
 *                   [--licenses l1,l2] [--functional f1,f2] [--ttl 12h]
 * </pre>
 *
 * The run directory (default {@code deploy/local/.run}) holds {@code kafka/} (configuration, data,
 * pid), {@code postgres/} (the embedded server's data, when one is needed), {@code logs/} and
 * {@code stack.env} (where the broker and the database are, for the services and for people).
 */
public final class LocalStack {

    /** The projector's Kafka Streams application id (its consumer group and internal topics' prefix). */
    public static final String PROJECTOR_APPLICATION_ID = "progress-projector";
    /** The demo: its tenant, the simulator's pace, and the sales it backfills on a broker without sales. */
    public static final String DEMO_TENANT = "demo";
    static final double DEMO_RATE = 2;
    static final int DEMO_BACKFILL = 800;
    /** The database the services use locally. */
    public static final String DATABASE = "targets";
    /**
     * The projector's hop secret on the local stack (docs/security.md, "Instance hops"): a second instance
     * started beside it (the benchmarks') must have the same. Local use only, like the dev keys.
     */
    public static final String PROJECTOR_HOP_SECRET = "local-stack-projector-hops-dev-only";
    /** Port of the embedded PostgreSQL, when no server answers on 127.0.0.1:5432. */
    public static final int EMBEDDED_POSTGRES_PORT = 15432;

    /** The services, in the order they start; they stop in reverse. */
    private static final List<String> SERVICES = List.of("target-command-service", "progress-projector");
    private static final Map<String, Integer> PORTS = Map.of("target-command-service", 8080, "progress-projector", 8081);

    private final Path runDir;
    private final Path projectDir;

    private LocalStack(Path runDir, Path projectDir) {
        this.runDir = runDir.toAbsolutePath().normalize();
        this.projectDir = projectDir.toAbsolutePath().normalize();
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        Path runDir = Path.of(options.getOrDefault("run-dir", "deploy/local/.run"));
        Path projectDir = Path.of(options.getOrDefault("project-dir", "."));
        try {
            switch (args[0]) {
                case "start" -> new LocalStack(runDir, projectDir).start(options.containsKey("demo"));
                case "stop" -> new LocalStack(runDir, projectDir).stop();
                case "status" -> System.exit(new LocalStack(runDir, projectDir).status() ? 0 : 3);
                case "token" -> System.out.println(token(options));
                case "reset-projector" -> new LocalStack(runDir, projectDir).resetProjector(options.containsKey("dry-run"),
                        !options.containsKey("no-start"));
                case "simulate" -> simulate(options);
                case "replay-dlq" -> System.exit(replayDlq(options, System.getenv(), runDir));
                case "demo" -> demo(options);
                default -> {
                    usage();
                    System.exit(2);
                }
            }
        } catch (Console.StepFailed failed) {
            Console.failure(failed);
            System.exit(1);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    private void start(boolean demo) {
        System.out.println("Starting the Sales Targets local stack in " + runDir);
        Console console = new Console(3 + SERVICES.size() + (demo ? 2 : 0));
        Endpoint<String> kafka = console.step("Kafka broker", this::startKafka, Endpoint::summary,
                "see " + logs().resolve("kafka.log") + "; or set KAFKA_BOOTSTRAP_SERVERS to use a broker of your own");
        console.step("Topics", () -> {
            try (Admin admin = KafkaBroker.admin(kafka.address(), Duration.ofSeconds(30))) {
                return ContractTopics.ensure(admin);
            }
        }, report -> String.join(", ", report), "check the broker with  kcat -L -b " + kafka.address());
        DatabaseUrl database = console.step("PostgreSQL", this::startPostgres, Endpoint::summary,
                "set DATABASE_URL=postgres://user:password@host:5432/targets to use a server of your own").address();

        writeEnvironment(kafka.address(), database);
        for (String name : SERVICES) {
            console.step(name, () -> startService(name, kafka.address(), database), started -> started,
                    "see " + logs().resolve(name + ".log") + "; rebuild with ./mvnw package -DskipTests");
        }
        if (demo) {
            console.step("Demo targets", () -> new DemoTargets(service("target-command-service").url(),
                    DevToken.builder().sign()).load(DemoTenant.of(DEMO_TENANT), LocalDate.now().getYear()),
                    rows -> "tenant " + DEMO_TENANT + ": " + rows + " rows created, 2 locked", "see " + logs().resolve("target-command-service.log"));
            console.step("CRM simulator", () -> startSimulator(kafka.address(), salesOnTopic(kafka.address()) == 0 ? DEMO_BACKFILL : 0),
                    started -> started, "see " + logs().resolve("crm-simulator.log"));
        }
        System.out.println();
        for (String name : SERVICES) {
            System.out.printf("%-24s %s   (API %s/api/v1, OpenAPI %s/q/swagger-ui)%n", name + ":", service(name).url(),
                    service(name).url(), service(name).url());
        }
        System.out.println("Kafka:                   " + kafka.address() + "   (kcat -L -b " + kafka.address() + ")");
        System.out.println("PostgreSQL:              " + database.jdbcUrl() + "   (user " + database.user() + ")");
        System.out.println("Environment:             " + runDir.resolve("stack.env"));
        System.out.println("Logs:                    " + logs());
        if (demo) {
            System.out.println();
            System.out.println("Demo: tenant " + DEMO_TENANT + ", 4 teams, 26 users; the CRM simulator publishes about "
                    + DEMO_RATE + " sales a second (logs/crm-simulator.log). Try:");
            System.out.println("  curl -s -H \"Authorization: Bearer $(deploy/local/dev-token)\" "
                    + service("progress-projector").url() + "/api/v1/progress/" + LocalDate.now().getYear() + "/all-sales-amount");
        }
        String token = DevToken.builder().sign();
        System.out.println();
        System.out.println("Dashboard (signed in with the dev token below):");
        System.out.println("  " + service("progress-projector").url() + "/#token=" + token);
        System.out.println();
        System.out.println("Dev token (tenant " + DevToken.DEFAULT_TENANT + ", user " + DevToken.DEFAULT_USER
                + ", every right and licence, 12 h; others with deploy/local/dev-token --help):");
        System.out.println(token);
        System.out.println();
        System.out.println("Stop with deploy/local/stop.");
    }

    /** Where a part of the stack answers, and how the launcher came to it. */
    private record Endpoint<T>(T address, String how) {
        String summary() {
            return how;
        }
    }

    private Endpoint<String> startKafka() {
        String given = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (given != null && !given.isBlank()) {
            if (!KafkaBroker.answers(given, Duration.ofSeconds(10))) {
                throw new IllegalStateException("no broker answers at KAFKA_BOOTSTRAP_SERVERS=" + given);
            }
            return new Endpoint<>(given, given + " (KAFKA_BOOTSTRAP_SERVERS)");
        }
        KafkaBroker broker = broker();
        Optional<ProcessHandle> running = broker.process();
        if (running.isPresent()) {
            if (!KafkaBroker.answers(broker.bootstrapServers(), Duration.ofSeconds(30))) {
                throw new IllegalStateException("the broker started earlier (pid " + running.get().pid()
                        + ") does not answer; run deploy/local/stop, then start again");
            }
            return new Endpoint<>(broker.bootstrapServers(),
                    "already running on " + broker.bootstrapServers() + ", pid " + running.get().pid());
        }
        broker.start(Duration.ofSeconds(60));
        return new Endpoint<>(broker.bootstrapServers(), "Kafka " + KafkaDistribution.kafkaVersion() + " started on "
                + broker.bootstrapServers() + ", pid " + broker.process().map(ProcessHandle::pid).orElse(-1L));
    }

    private Endpoint<DatabaseUrl> startPostgres() {
        String given = System.getenv("DATABASE_URL");
        if (given != null && !given.isBlank()) {
            DatabaseUrl url = DatabaseUrl.parse(given);
            String problem = new PostgresServer(url).connectionProblem();
            if (problem != null) {
                throw new IllegalStateException("cannot connect to DATABASE_URL (" + url + "): " + problem);
            }
            return new Endpoint<>(url, url + " (DATABASE_URL)");
        }
        Path dataDir = runDir.resolve("postgres").resolve("data");
        PostgresServer server;
        String how;
        if (EmbeddedPostgresServer.postmaster(dataDir).isPresent()) {
            server = new PostgresServer(embeddedUrl());
            how = "embedded server already running on 127.0.0.1:" + EMBEDDED_POSTGRES_PORT;
        } else if (Ports.answers(DatabaseUrl.DEFAULT_PORT)) {
            server = new PostgresServer(DatabaseUrl.localServer("postgres"));
            String problem = server.connectionProblem();
            if (problem != null) {
                throw new IllegalStateException("a server answers on 127.0.0.1:5432 but refuses user postgres: " + problem);
            }
            how = "the server on 127.0.0.1:5432";
        } else {
            EmbeddedPostgresServer.start(dataDir, runDir.resolve("postgres").resolve("binaries"),
                    EMBEDDED_POSTGRES_PORT, logs().resolve("postgres.log"), true);
            server = new PostgresServer(embeddedUrl());
            how = "no server on 127.0.0.1:5432: embedded server started on 127.0.0.1:" + EMBEDDED_POSTGRES_PORT;
        }
        try {
            boolean created = server.ensureDatabase(DATABASE);
            return new Endpoint<>(server.database(DATABASE), how + ", database " + DATABASE + (created ? " created" : ""));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE + " on " + server.url() + ": " + e.getMessage(), e);
        }
    }

    /** Starts a service unless it runs; {@code database} only matters to the command service. */
    private String startService(String name, String kafka, DatabaseUrl database) {
        ServiceProcess service = service(name);
        Optional<ProcessHandle> running = service.process();
        if (running.isPresent()) {
            return "already running on " + service.url() + ", pid " + running.get().pid();
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", projectDir.resolve("deploy/local/dev-keys/public.pem").toString());
        env.put("MP_JWT_VERIFY_ISSUER", DevKeys.ISSUER);
        // the contract's tokens carry no aud: local use accepts any audience (TokenPolicy), never any issuer
        env.put("TOKEN_POLICY_ANY_AUDIENCE", "true");
        if (name.equals("target-command-service")) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
            env.put("QUARKUS_DATASOURCE_USERNAME", database.user());
            env.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
            // bulk planning's last-year split reads last year's actuals there
            env.put("PROJECTOR_URL", service("progress-projector").url());
        } else {
            env.put("KAFKA_STREAMS_STATE_DIR", runDir.resolve("progress-projector-state").toString());
            env.put("PROJECTOR_INSTANCE_ID", "local-1");
            env.put("PROJECTOR_HOP_SECRET", PROJECTOR_HOP_SECRET);
        }
        service.start(env, Duration.ofSeconds(120));
        return "started on " + service.url() + ", pid " + service.process().map(ProcessHandle::pid).orElse(-1L);
    }

    /**
     * Rebuilds every progress view from the topics: stops the projector, resets its consumer group to
     * the start of its input topics and deletes its internal topics with Kafka's own StreamsResetter,
     * deletes its local state, and starts it again unless {@code start} is false (then
     * {@code deploy/local/start} starts it: the benchmarks time its catch-up from there).
     */
    private void resetProjector(boolean dryRun, boolean start) {
        Map<String, String> stack = readEnvironment();
        String bootstrap = stack.get("KAFKA_BOOTSTRAP_SERVERS");
        ServiceProcess projector = service("progress-projector");
        Console console = new Console(dryRun ? 1 : start ? 4 : 3);
        if (!dryRun) {
            console.step("Stop the projector", () -> projector.stop(Duration.ofSeconds(30)) ? "stopped" : "was not running",
                    outcome -> outcome, null);
        }
        console.step("StreamsResetter", () -> {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", KafkaDistribution.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                    "org.apache.kafka.tools.StreamsResetter", "--bootstrap-server", bootstrap,
                    "--application-id", PROJECTOR_APPLICATION_ID, "--input-topics", Topics.TARGET_EVENTS + "," + Topics.SALES,
                    "--to-earliest", "--force"));
            if (dryRun) {
                command.add("--dry-run");
            }
            try {
                Process resetter = new ProcessBuilder(command).inheritIO().start();
                if (resetter.waitFor() != 0) {
                    throw new IllegalStateException("StreamsResetter exited with " + resetter.exitValue());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return dryRun ? "dry run done" : "consumer group reset to the earliest offsets, internal topics deleted";
        }, outcome -> outcome, "is the broker up? deploy/local/start");
        if (dryRun) {
            return;
        }
        console.step("Delete local state", () -> {
            Directories.delete(runDir.resolve("progress-projector-state"));
            return "deleted";
        }, outcome -> outcome, null);
        if (!start) {
            System.out.println("The projector stays stopped; deploy/local/start starts it, and it rebuilds every view.");
            return;
        }
        console.step("Start the projector", () -> startService("progress-projector", bootstrap, null), outcome -> outcome,
                "see " + logs().resolve("progress-projector.log"));
        System.out.println("Every view is being rebuilt from targets.events and crm.sales; watch them on targets.progress.");
    }

    private Map<String, String> readEnvironment() {
        Path file = runDir.resolve("stack.env");
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    env.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("no " + file + ": run deploy/local/start first");
        }
        return env;
    }

    private ServiceProcess service(String name) {
        return new ServiceProcess(new ServiceProcess.Settings(name,
                projectDir.resolve(name).resolve("target/quarkus-app/quarkus-run.jar"), PORTS.get(name), runDir,
                logs().resolve(name + ".log")));
    }

    /** How many records {@code crm.sales} holds: none on a new broker, which the demo then fills with a year so far. */
    private static long salesOnTopic(String kafka) {
        try (Admin admin = KafkaBroker.admin(kafka, Duration.ofSeconds(10))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(Topics.SALES)).allTopicNames().get().get(Topics.SALES).partitions()
                    .forEach(partition -> latest.put(new TopicPartition(Topics.SALES, partition.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + Topics.SALES + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String startSimulator(String kafka, int backfill) {
        PidFile pidFile = new PidFile(runDir.resolve("crm-simulator.pid"));
        Optional<ProcessHandle> running = pidFile.running();
        if (running.isPresent()) {
            return "already running, pid " + running.get().pid();
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), LocalStack.class.getName(), "simulate",
                "--bootstrap-servers", kafka, "--tenant", DEMO_TENANT, "--rate", Double.toString(DEMO_RATE),
                "--backfill", Integer.toString(backfill));
        ProcessHandle simulator = Daemon.launch(command, Map.of(), logs().resolve("crm-simulator.log"), true, pidFile);
        return "publishing to crm.sales" + (backfill > 0 ? " (" + backfill + " sales of the year so far first)" : "")
                + ", pid " + simulator.pid();
    }

    /**
     * The demo for a stack that runs elsewhere (docker-compose's {@code demo} profile): waits until the
     * command service answers, sets the demo tenant's targets, then runs the CRM simulator.
     */
    private static void demo(Map<String, String> options) {
        String commandService = options.getOrDefault("command-service", "http://127.0.0.1:8080");
        DemoTargets targets = new DemoTargets(commandService, DevToken.builder().sign());
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        int created;
        while (true) {
            try {
                created = targets.load(DemoTenant.of(DEMO_TENANT), LocalDate.now().getYear());
                break;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                System.out.println("demo: waiting for " + commandService + " (" + e.getMessage() + ")");
                sleep(Duration.ofSeconds(3));
            }
        }
        System.out.println("demo: tenant " + DEMO_TENANT + ", " + created + " target rows created");
        Map<String, String> simulation = new LinkedHashMap<>(options);
        simulation.remove("command-service");
        simulation.putIfAbsent("tenant", DEMO_TENANT);
        simulation.putIfAbsent("rate", Double.toString(DEMO_RATE));
        simulation.putIfAbsent("backfill", Integer.toString(salesOnTopic(simulation.getOrDefault("bootstrap-servers",
                System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"))) == 0 ? DEMO_BACKFILL : 0));
        simulate(simulation);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The CRM simulator in the foreground: {@code deploy/local/crm-simulator}. */
    private static void simulate(Map<String, String> options) {
        String bootstrap = options.getOrDefault("bootstrap-servers",
                System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
        CrmSimulator.Settings settings = new CrmSimulator.Settings(bootstrap, options.getOrDefault("tenant", DEMO_TENANT),
                Double.parseDouble(options.getOrDefault("rate", "2")),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "0"))),
                Long.parseLong(options.getOrDefault("seed", Long.toString(System.currentTimeMillis()))),
                Integer.parseInt(options.getOrDefault("backfill", "0")),
                new SaleGenerator.Mix(Double.parseDouble(options.getOrDefault("corrections", "0.10")),
                        Double.parseDouble(options.getOrDefault("retractions", "0.02")),
                        Double.parseDouble(options.getOrDefault("malformed", "0.005"))));
        System.out.printf("crm-simulator: tenant %s, %s records/s after %d backfilled, on %s, seed %d%n", settings.tenant(),
                settings.rate(), settings.backfill(), bootstrap, settings.seed());
        System.out.println("crm-simulator: sent " + CrmSimulator.run(settings));
    }

    /** Options of {@code replay-dlq}; the launcher's own ({@code --run-dir}, {@code --project-dir}) are accepted too. */
    private static final Set<String> REPLAY_OPTIONS = Set.of("bootstrap-servers", "tenant", "error-contains", "since",
            "dry-run", "list", "command-config", "run-dir", "project-dir");

    /**
     * {@code deploy/local/replay-dlq}: dead letters back onto {@code crm.sales}. Prints what it reads
     * and a summary; returns the exit status (1 when a send failed or the cluster could not be read).
     */
    private static int replayDlq(Map<String, String> options, Map<String, String> env, Path runDir) {
        DeadLetterReplay.Options replay = replayOptions(options, env, runDir);
        boolean list = options.containsKey("list");
        System.out.println("replay-dlq: " + Topics.SALES_DLQ + " -> " + Topics.SALES + " on " + replay.bootstrapServers()
                + "; " + replay.describeFilters() + (replay.dryRun() ? "; DRY RUN, nothing is written" : ""));
        DeadLetterReplay.Listener listener = new DeadLetterReplay.Listener() {
            @Override
            public void rangesFixed(List<DeadLetterReplay.PartitionRange> ranges) {
                for (DeadLetterReplay.PartitionRange range : ranges) {
                    System.out.printf("  %s partition %d: offsets %d to %d (%d records at most)%n", Topics.SALES_DLQ,
                            range.partition(), range.from(), range.to(), range.span());
                }
            }

            @Override
            public void selected(DeadLetterReplay.Letter letter) {
                if (list) {
                    System.out.printf("  %s  %s  %s  %s%n", letter.coordinates(), Instant.ofEpochMilli(letter.timestamp()),
                            letter.key() == null ? "(no key)" : letter.key(),
                            letter.error() == null ? DeadLetterReplay.NO_ERROR : letter.error().replaceAll("\s+", " "));
                }
            }
        };
        try {
            DeadLetterReplay.Summary summary = new DeadLetterReplay(replay, listener).run();
            summary.lines(10).forEach(System.out::println);
            return 0;
        } catch (DeadLetterReplay.ReplayFailed failed) {
            failed.summary().lines(10).forEach(System.out::println);
            System.err.println("error: " + failed.getMessage());
            return 1;
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The replay's options from the command line. The cluster: {@code --bootstrap-servers}, else
     * {@code KAFKA_BOOTSTRAP_SERVERS}, else the local stack's ({@code stack.env} of the run directory),
     * else 127.0.0.1:9092. An unknown option is an error: a mistyped filter must not replay everything.
     */
    static DeadLetterReplay.Options replayOptions(Map<String, String> options, Map<String, String> env, Path runDir) {
        for (String name : options.keySet()) {
            if (!REPLAY_OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (replay-dlq takes --"
                        + String.join(", --", REPLAY_OPTIONS.stream().filter(known -> !known.endsWith("-dir")).sorted().toList()) + ")");
            }
        }
        for (String name : List.of("bootstrap-servers", "tenant", "error-contains", "since", "command-config")) {
            if (options.containsKey(name) && options.get(name).isEmpty()) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        String bootstrap = options.get("bootstrap-servers");
        if (bootstrap == null) {
            bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
        }
        if (bootstrap == null || bootstrap.isBlank()) {
            bootstrap = localStackBootstrap(runDir).orElse("127.0.0.1:9092");
        }
        Instant since = null;
        if (options.containsKey("since")) {
            try {
                since = OffsetDateTime.parse(options.get("since")).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--since takes an ISO-8601 time with its offset, e.g. 2026-11-29T10:00:00Z,"
                        + " not '" + options.get("since") + "'");
            }
        }
        Map<String, Object> clientConfig = new HashMap<>();
        if (options.containsKey("command-config")) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(options.get("command-config")), StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --command-config " + options.get("command-config") + ": " + e);
            }
            properties.stringPropertyNames().forEach(name -> clientConfig.put(name, properties.getProperty(name)));
        }
        return DeadLetterReplay.Options.of(bootstrap).tenant(options.get("tenant")).errorContains(options.get("error-contains"))
                .since(since).dryRun(options.containsKey("dry-run")).clientConfig(clientConfig);
    }

    /** The broker of the local stack, as {@code start} wrote it into {@code stack.env}. */
    private static Optional<String> localStackBootstrap(Path runDir) {
        Path file = runDir.resolve("stack.env");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("KAFKA_BOOTSTRAP_SERVERS="))
                    .map(line -> line.substring("KAFKA_BOOTSTRAP_SERVERS=".length()).trim())
                    .filter(value -> !value.isEmpty()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void stop() {
        System.out.println("Stopping the Sales Targets local stack in " + runDir);
        boolean simulator = new PidFile(runDir.resolve("crm-simulator.pid")).stop(Duration.ofSeconds(10));
        System.out.printf("  %-22s %s%n", "crm-simulator:", simulator ? "stopped" : "was not running");
        for (int i = SERVICES.size() - 1; i >= 0; i--) {
            String name = SERVICES.get(i);
            boolean stopped = service(name).stop(Duration.ofSeconds(30));
            System.out.printf("  %-22s %s%n", name + ":", stopped ? "stopped" : "was not running");
        }
        boolean broker = broker().stop(Duration.ofSeconds(30));
        System.out.println("  Kafka broker:          " + (broker ? "stopped" : "was not running (or not started here)"));
        boolean postgres = EmbeddedPostgresServer.stop(runDir.resolve("postgres").resolve("data"), Duration.ofSeconds(60));
        System.out.println("  embedded PostgreSQL:   " + (postgres ? "stopped" : "was not running (or not started here)"));
    }

    private boolean status() {
        boolean servicesUp = true;
        for (String name : SERVICES) {
            ServiceProcess service = service(name);
            Optional<ProcessHandle> process = service.process();
            boolean ready = process.isPresent() && service.ready();
            servicesUp &= ready;
            System.out.printf("%-21s%s%n", name + ":", process.map(p -> "pid " + p.pid() + ", "
                    + (ready ? "ready on " + service.url() : "NOT ready")).orElse("not running"));
        }
        System.out.printf("%-21s%s%n", "crm-simulator:", new PidFile(runDir.resolve("crm-simulator.pid")).running()
                .map(p -> "pid " + p.pid()).orElse("not running"));
        KafkaBroker broker = broker();
        Optional<ProcessHandle> process = broker.process();
        boolean kafkaUp = process.isPresent() && KafkaBroker.answers(broker.bootstrapServers(), Duration.ofSeconds(5));
        System.out.println("Kafka broker:        " + process.map(p -> "pid " + p.pid() + ", "
                + (kafkaUp ? "answering on " + broker.bootstrapServers() : "NOT answering")).orElse("not running"));
        Optional<ProcessHandle> postmaster = EmbeddedPostgresServer.postmaster(runDir.resolve("postgres").resolve("data"));
        System.out.println("embedded PostgreSQL: " + postmaster.map(p -> "pid " + p.pid() + " on port " + EMBEDDED_POSTGRES_PORT)
                .orElse("not running (a server of your own, or none)"));
        return kafkaUp && servicesUp;
    }

    private KafkaBroker broker() {
        return new KafkaBroker(new KafkaBroker.Settings(runDir.resolve("kafka"), logs().resolve("kafka.log"),
                KafkaBroker.DEFAULT_PORT, KafkaBroker.DEFAULT_CONTROLLER_PORT, "1g", Optional.empty()));
    }

    private DatabaseUrl embeddedUrl() {
        return new DatabaseUrl("127.0.0.1", EMBEDDED_POSTGRES_PORT, "postgres", "postgres", "", Map.of());
    }

    private Path logs() {
        return runDir.resolve("logs");
    }

    private void writeEnvironment(String bootstrap, DatabaseUrl database) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("KAFKA_VERSION", KafkaDistribution.kafkaVersion());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", database.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        StringBuilder text = new StringBuilder("# Where the local stack runs; written by deploy/local/start.\n");
        env.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        try {
            Files.createDirectories(runDir);
            Files.writeString(runDir.resolve("stack.env"), text.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A dev token from the command line's options (see {@link DevToken} for the defaults). */
    static String token(Map<String, String> options) {
        DevToken.Builder token = DevToken.builder();
        for (Map.Entry<String, String> option : options.entrySet()) {
            String value = option.getValue();
            switch (option.getKey()) {
                case "tenant" -> token.tenant(value);
                case "user" -> token.user(value);
                case "groups" -> token.groups(list(value));
                case "licenses" -> token.licenses(list(value));
                case "functional" -> token.functionalRights(list(value));
                case "rights" -> token.rights(rights(value));
                case "ttl" -> token.lifetime(duration(value));
                default -> throw new IllegalArgumentException("unknown option --" + option.getKey());
            }
        }
        return token.sign();
    }

    private static Map<String, String> rights(String text) {
        Map<String, String> rights = new LinkedHashMap<>();
        for (String pair : list(text)) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("--rights takes relation=level pairs, e.g. own=update,group=read");
            }
            rights.put(parts[0].trim(), parts[1].trim());
        }
        return rights;
    }

    private static List<String> list(String text) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private static Duration duration(String text) {
        if (!text.matches("[0-9]+[smhd]")) {
            throw new IllegalArgumentException("--ttl takes a number and s, m, h or d, e.g. 30m or 12h");
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** {@code --name value} pairs; a flag without a value maps to the empty string. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                options.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                options.put(name, "");
            }
        }
        return options;
    }

    private static void usage() {
        System.err.println("""
                usage: LocalStack start [--run-dir DIR] [--project-dir DIR] [--demo]
                       LocalStack stop [--run-dir DIR]
                       LocalStack status [--run-dir DIR] [--project-dir DIR]
                       LocalStack reset-projector [--run-dir DIR] [--project-dir DIR] [--dry-run] [--no-start]
                       LocalStack simulate [--bootstrap-servers B] [--tenant demo] [--rate 2] [--duration 0] [--seed N]
                                           [--backfill 0] [--corrections 0.10] [--retractions 0.02] [--malformed 0.005]
                       LocalStack replay-dlq [--bootstrap-servers B] [--tenant T] [--error-contains TEXT]
                                             [--since 2026-11-29T10:00:00Z] [--dry-run] [--list] [--command-config FILE]
                       LocalStack demo [--command-service http://127.0.0.1:8080] [simulate's options]
                       LocalStack token [--tenant T] [--user U] [--groups g1,g2] [--rights own=update,group=read,...]
                                        [--licenses l1,l2] [--functional f1,f2] [--ttl 12h]""");
    }

}
