package io.salestargets.command.target.rest;

import static io.salestargets.command.target.Api.TYPE;
import static io.salestargets.command.target.Api.admin;
import static io.salestargets.command.target.Api.as;
import static io.salestargets.command.target.Api.newTenant;
import static io.salestargets.command.target.Api.quarterly;
import static io.salestargets.command.target.Api.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.salestargets.localstack.testing.RealInfrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Writers racing on one row: each write gets its own version, and none is lost. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ConcurrentWritersTest {

    private final String tenant = newTenant();
    private final String north = row(2026, TYPE, "groups/g-north");

    @Test
    void writersNamingTheSameVersionExactlyOneWins() throws Exception {
        as(admin(tenant)).body(quarterly(1)).put(north).then().statusCode(201);
        String token = admin(tenant).sign();

        List<Integer> statuses = race(8, writer -> () -> as(token).header("If-Match", "\"1\"")
                .body(quarterly(100 + writer)).put(north).statusCode());

        assertThat(statuses).containsOnly(200, 412);
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(as(token).get(north).jsonPath().getInt("version")).isEqualTo(2);
    }

    @Test
    void writersWithoutIfMatchAreRetriedAndEachGetsItsOwnVersion() throws Exception {
        String token = admin(tenant).sign();
        int writers = 8;
        int writesEach = 5;

        List<List<Integer>> versions = race(writers, writer -> () -> {
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < writesEach; i++) {
                Response response = as(token).body(quarterly(1000 * writer + i + 1)).put(north);
                assertThat(response.statusCode()).isIn(200, 201);
                mine.add(response.jsonPath().getInt("version"));
            }
            return mine;
        });

        List<Integer> all = versions.stream().flatMap(List::stream).sorted().toList();
        assertThat(all).as("every write has its own version, none lost")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, writers * writesEach).boxed().toList());
        assertThat(as(token).get(north + "/history").jsonPath().getList("version")).hasSize(writers * writesEach);
    }

    private static <T> List<T> race(int writers, IntFunction<Callable<T>> writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Callable<T> work = writer.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
