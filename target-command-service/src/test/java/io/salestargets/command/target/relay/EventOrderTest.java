package io.salestargets.command.target.relay;

import static io.salestargets.command.target.Api.TYPE;
import static io.salestargets.command.target.Api.admin;
import static io.salestargets.command.target.Api.as;
import static io.salestargets.command.target.Api.newTenant;
import static io.salestargets.command.target.Api.quarterly;
import static io.salestargets.command.target.Api.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salestargets.command.target.relay.TargetEventsTopic.Published;
import io.salestargets.events.target.TargetRowEvent;
import io.salestargets.localstack.testing.RealInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Bulk requests (plan, copy, copy-year), which set many rows in one transaction, racing single PUTs on the same
 * rows: on {@code targets.events} every row's versions still arrive 1, 2, ... n, in order, none missing.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class EventOrderTest {

    private static final int ROWS = 30;
    private static final int ROUNDS = 8;

    private final String tenant = newTenant();

    @Test
    void bulkRequestsRacingSinglePutsOnTheSameRowsKeepEachRowsVersionsInOrderOnTheTopic() throws Exception {
        String token = admin(tenant).sign();
        List<Map<String, Object>> owners = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            String group = String.format("g-%02d", r);
            owners.add(Map.of("level", "GROUP", "ownerId", group));
            as(token).body(quarterly(1)).put(row(2025, TYPE, "groups/" + group)).then().statusCode(201);
            as(token).body(quarterly(1)).put(row(2026, TYPE, "groups/" + group)).then().statusCode(201);
        }
        String plan = "/api/v1/targets/2026/" + TYPE;
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        List<Runnable> writers = List.of(
                () -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        List<Map<String, Object>> rows = new ArrayList<>();
                        for (Map<String, Object> owner : owners) {
                            Map<String, Object> planned = new LinkedHashMap<>(owner);
                            planned.put("yearly", 400 + round);
                            planned.put("split", "even");
                            rows.add(planned);
                        }
                        statuses.add(as(token).body(Map.of("interval", "QUARTER", "rows", rows)).post(plan + "/plan").statusCode());
                    }
                },
                () -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        statuses.add(as(token).body(Map.of("from", Map.of("year", 2025, "typeId", TYPE, "level", "GROUP", "ownerId", "g-00"),
                                "to", owners.subList(1, ROWS), "changePercent", round + 1)).post(plan + "/copy").statusCode());
                    }
                },
                () -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        statuses.add(as(token).body(Map.of("changePercent", 50 + round)).post(plan + "/copy-year").statusCode());
                    }
                },
                () -> singlePuts(token, statuses, 0),
                () -> singlePuts(token, statuses, 1));
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (Runnable writer : writers) {
                done.add(pool.submit(() -> {
                    start.await();
                    writer.run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).as("every request answered, none failed").containsOnly(200);

        Map<String, Long> lastVersions = new LinkedHashMap<>();
        long expected = 0;
        for (int r = 0; r < ROWS; r++) {
            String group = String.format("g-%02d", r);
            for (int year : List.of(2025, 2026)) {
                long version = as(token).get(row(year, TYPE, "groups/" + group)).jsonPath().getLong("version");
                lastVersions.put(tenant + "/" + year + "/" + TYPE + "/group/" + group, version);
                expected += version;
            }
        }
        List<Published> published = TargetEventsTopic.read(tenant, (int) expected, Duration.ofSeconds(60));
        Map<String, List<Long>> versions = new LinkedHashMap<>();
        for (Published record : published) {
            versions.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(((TargetRowEvent) record.event()).version());
        }
        lastVersions.forEach((key, last) -> assertThat(versions.get(key)).as("the versions of %s on targets.events", key)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList()));
    }

    /** PUTs on every row of the plan, the last rows first: they meet the bulk requests' transactions midway. */
    private static void singlePuts(String token, ConcurrentLinkedQueue<Integer> statuses, int writer) {
        for (int round = 0; round < ROUNDS / 2; round++) {
            for (int r = ROWS - 1; r >= 0; r--) {
                statuses.add(as(token).body(quarterly(1000 * writer + 10 * round + r % 10 + 2))
                        .put(row(2026, TYPE, String.format("groups/g-%02d", r))).statusCode());
            }
        }
    }
}
