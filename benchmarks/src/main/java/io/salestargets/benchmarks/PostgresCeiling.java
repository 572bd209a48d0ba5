package io.salestargets.benchmarks;

import io.salestargets.localstack.postgres.DatabaseUrl;
import io.salestargets.localstack.process.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The PostgreSQL ceiling of the commands: {@code pgbench}, which ships with the server, runs with as many
 * clients as the commands benchmark the statements one {@code PUT} of an existing row must run, in one
 * transaction each, on the same server, as the command service sends them: one read (the row, with its
 * last version and whether it was unlocked without a reason, and the tenant's settings), one write (the
 * {@code TargetSet} appended with the service's out-of-order guard, and the read model upserted). No idempotency key:
 * the commands benchmark sends none. The database is a scratch one, {@value #DATABASE}, with the
 * command service's schema (its Flyway migrations, applied in order) and as many rows as the bench
 * tenant has users, dropped afterwards: nothing reaches the event store that the relay publishes.
 * Client {@code c} writes the rows {@code c, c + clients, ...}, as in the commands benchmark. Each
 * statement is prepared once per connection and its values bound ({@code --protocol prepared}), as the
 * service's driver does: what PostgreSQL can do at best with these statements.
 */
final class PostgresCeiling {

    record Result(int clients, int rows, double transactionsPerSecond, double p50Ms, double p99Ms, long transactions,
            long failed, String script) {
    }

    static final String DATABASE = "bench_postgres_ceiling";
    private static final String PLAN = "pg-ceiling/2026/all-sales-amount/user/";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    /**
     * One transaction of {@code pgbench}: the statements of {@code TargetRowStore.loadWithSettings} and
     * {@code EventStore.appendRow}, as the service sends them (its parameters as pgbench variables, bound).
     */
    static final String SCRIPT = """
            \\set n :client_id + 1 + :clients * random(0, :rows_per_client - 1)
            \\set monthly random(40000, 59999)
            BEGIN;
            SELECT COALESCE(r.version, 0) AS version, r.group_id, r.period_interval, r.period_values::text, r.currency,
                   r.locked, r.updated_at, r.updated_by,
                   CASE WHEN r.row_key IS NULL THEN (SELECT max(e.version) FROM events e WHERE e.stream = k.row_key) END,
                   EXISTS (SELECT 1 FROM events e WHERE e.stream = k.row_key AND e.event_type = 'TargetUnlocked'
                           AND COALESCE(e.payload ->> 'reason', '') = ''),
                   (SELECT s.reason_required_after_unlock FROM tenant_settings s WHERE s.tenant_id = 'pg-ceiling')
            FROM (SELECT CAST('PLAN' || 'u-' || :n AS text) AS row_key) k LEFT JOIN target_rows r ON r.row_key = k.row_key \\gset
            WITH appended AS (
                INSERT INTO events (stream, version, tenant_id, event_id, event_type, payload, occurred_at)
                SELECT 'PLAN' || 'u-' || :n, :version + 1, 'pg-ceiling', gen_random_uuid(), 'TargetSet', CAST(:payload AS json), now()
                WHERE NOT EXISTS (SELECT 1 FROM events WHERE stream = 'PLAN' || 'u-' || :n AND version = :version
                                  AND transaction_id > pg_current_xact_id())
                ON CONFLICT ON CONSTRAINT events_stream_version DO NOTHING
                RETURNING 1),
            saved AS (
                INSERT INTO target_rows (row_key, tenant_id, year, type_id, level, owner_id, item, group_id,
                    period_interval, period_values, currency, locked, version, updated_at, updated_by)
                SELECT 'PLAN' || 'u-' || :n, 'pg-ceiling', 2026, 'all-sales-amount', 'USER', 'u-' || :n, CAST(NULL AS text), 'g-1',
                    'MONTH', CAST('{' || :monthly || ',' || :monthly || ',' || :monthly || ',' || :monthly || ',' || :monthly || ','
                        || :monthly || ',' || :monthly || ',' || :monthly || ',' || :monthly || ',' || :monthly || ','
                        || :monthly || ',' || :monthly || '}' AS numeric[]), CAST(NULL AS text), false, :version + 1, now(), 'u-boss'
                FROM appended
                ON CONFLICT (row_key) DO UPDATE SET group_id = EXCLUDED.group_id,
                    period_interval = EXCLUDED.period_interval, period_values = EXCLUDED.period_values,
                    currency = EXCLUDED.currency, locked = EXCLUDED.locked, version = EXCLUDED.version,
                    updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
                RETURNING 1)
            SELECT count(*) FROM appended;
            COMMIT;
            """.replace("PLAN", PLAN);

    private final Path projectDir;
    private final Consumer<String> log;

    /** @param projectDir where the command service's migrations are; {@code log}: the harness's log */
    PostgresCeiling(Path projectDir, Consumer<String> log) {
        this.projectDir = projectDir;
        this.log = log;
    }

    /** Whether {@code pgbench} can be run here. */
    static boolean available() {
        try {
            Process process = new ProcessBuilder("pgbench", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The server of the local stack's database, from its {@code stack.env}. */
    static DatabaseUrl serverOf(LocalStackControl stack) {
        Map<String, String> env = stack.environment();
        return DatabaseUrl.parse(env.get("QUARKUS_DATASOURCE_JDBC_URL"))
                .withCredentials(env.get("QUARKUS_DATASOURCE_USERNAME"), env.getOrDefault("QUARKUS_DATASOURCE_PASSWORD", ""));
    }

    /**
     * Runs the ceiling on {@code server} (a scratch database of its own, dropped after) and checks what it did: each
     * transaction appended one event and moved its row one version on, no more, no less.
     */
    Result run(DatabaseUrl server, int clients, int rows, Duration time) {
        int perClient = Math.max(1, rows / clients);
        int seeded = perClient * clients;
        log.accept("postgres ceiling: database %s with the command service's schema and %d rows".formatted(DATABASE, seeded));
        execute(server.withDatabase("postgres"), "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)", "CREATE DATABASE " + DATABASE);
        DatabaseUrl scratch = server.withDatabase(DATABASE);
        try {
            execute(scratch, migrations().toArray(String[]::new));
            execute(scratch, """
                    INSERT INTO events (stream, version, tenant_id, event_id, event_type, payload, occurred_at)
                    SELECT '%s' || 'u-' || n, 1, 'pg-ceiling', gen_random_uuid(), 'TargetSet', CAST('%s' AS json), now()
                    FROM generate_series(1, %d) n""".formatted(PLAN, payload(), seeded), """
                    INSERT INTO target_rows (row_key, tenant_id, year, type_id, level, owner_id, item, group_id,
                        period_interval, period_values, currency, locked, version, updated_at, updated_by)
                    SELECT '%s' || 'u-' || n, 'pg-ceiling', 2026, 'all-sales-amount', 'USER', 'u-' || n, NULL, 'g-1',
                        'MONTH', array_fill(50000::numeric, ARRAY[12]), NULL, false, 1, now(), 'u-boss'
                    FROM generate_series(1, %d) n""".formatted(PLAN, seeded), "VACUUM ANALYZE");
            Result result = pgbench(scratch, clients, perClient, seeded, time);
            long events = count(scratch, "SELECT count(*) FROM events");
            long versions = count(scratch, "SELECT sum(version) FROM target_rows");
            if (events != seeded + result.transactions() || versions != events) {
                throw new IllegalStateException("the PostgreSQL ceiling's %d transactions left %d events and %d row versions on %d rows"
                        .formatted(result.transactions(), events, versions, seeded));
            }
            return result;
        } finally {
            execute(server.withDatabase("postgres"), "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    private Result pgbench(DatabaseUrl database, int clients, int perClient, int rows, Duration time) {
        Path dir;
        try {
            dir = Files.createTempDirectory("pg-ceiling");
            Files.writeString(dir.resolve("put.sql"), SCRIPT, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of("pgbench", "--no-vacuum", "--client", Integer.toString(clients), "--jobs", "2",
                "--time", Long.toString(time.toSeconds()), "--protocol", "prepared", "--file", "put.sql",
                "--define", "clients=" + clients, "--define", "rows_per_client=" + perClient, "--define", "payload=" + payload(),
                "--log", "--log-prefix", "latency", "--host", database.host(), "--port", Integer.toString(database.port()),
                "--username", database.user(), database.database());
        log.accept("postgres ceiling: pgbench, %d clients for %d s".formatted(clients, time.toSeconds()));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", database.password() == null ? "" : database.password());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(time.toSeconds() + 120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pgbench failed: " + output);
            }
            Matcher tps = TPS.matcher(output);
            if (!tps.find()) {
                throw new IllegalStateException("pgbench said no tps: " + output);
            }
            Matcher failed = FAILED.matcher(output);
            Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            try (Stream<Path> logs = Files.list(dir)) {
                for (Path log : logs.filter(path -> path.getFileName().toString().startsWith("latency.")).toList()) {
                    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                        String[] fields = line.split(" ");
                        if (fields.length > 2 && !fields[2].equals("failed") && !fields[2].equals("skipped")) {
                            latencies.recordValue(Math.min(latencies.getHighestTrackableValue(), Long.parseLong(fields[2])));
                        }
                    }
                }
            }
            Result result = new Result(clients, rows, Double.parseDouble(tps.group(1)),
                    latencies.getValueAtPercentile(50) / 1000.0, latencies.getValueAtPercentile(99) / 1000.0,
                    latencies.getTotalCount(), failed.find() ? Long.parseLong(failed.group(1)) : 0, SCRIPT);
            log.accept("postgres ceiling: %.0f transactions/s, p50 %.1f ms, p99 %.1f ms, %d failed"
                    .formatted(result.transactionsPerSecond(), result.p50Ms(), result.p99Ms(), result.failed()));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            Directories.delete(dir);
        }
    }

    /** The command service's Flyway migrations, in version order, from the project directory. */
    private List<String> migrations() {
        Path dir = projectDir.resolve("target-command-service/src/main/resources/db/migration");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = new ArrayList<>(files.filter(path -> path.getFileName().toString().matches("V\\d+__.*\\.sql")).toList());
            sorted.sort((a, b) -> Integer.compare(version(a), version(b)));
            List<String> sql = new ArrayList<>();
            for (Path file : sorted) {
                sql.add(Files.readString(file, StandardCharsets.UTF_8));
            }
            return sql;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the command service's migrations in " + dir, e);
        }
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    private static long count(DatabaseUrl database, String query) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL ceiling: " + e.getMessage() + " in " + query, e);
        }
    }

    private static void execute(DatabaseUrl database, String... statements) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL ceiling: " + e.getMessage() + " in " + Arrays.toString(statements), e);
        }
    }

    /** A {@code TargetSet} of a monthly user row, as large as the commands benchmark's. */
    private static String payload() {
        return """
                {"type":"TargetSet","eventId":"0b5c3f3e-6a43-4a8e-9d57-1f0c2b7a9e11","tenantId":"pg-ceiling",\
                "target":{"year":2026,"typeId":"all-sales-amount","level":"USER","ownerId":"u-1","item":null},\
                "targetType":{"dimension":"all","unit":"AMOUNT"},"groupId":"g-1","interval":"MONTH",\
                "values":[50000,50000,50000,50000,50000,50000,50000,50000,50000,50000,50000,50000],"currency":null,\
                "version":2,"occurredAt":"2026-11-26T10:00:00Z","actor":"u-boss","reason":null}""";
    }
}
