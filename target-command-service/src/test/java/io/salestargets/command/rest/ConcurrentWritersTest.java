package io.salestargets.command.rest;

import static io.salestargets.command.Api.TYPE;
import static io.salestargets.command.Api.admin;
import static io.salestargets.command.Api.as;
import static io.salestargets.command.Api.monthly;
import static io.salestargets.command.Api.newTenant;
import static io.salestargets.command.Api.quarterly;
import static io.salestargets.command.Api.row;
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

/**
 * Writers racing on one row: each write gets its own version, and none is lost. Writers racing on
 * different rows of one plan: they share one interval, and one group without Sales Targets Unlimited.
 */
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

    @Test
    void firstRowsOfAPlanRacingWithDifferentIntervalsAgreeOnOne() throws Exception {
        String token = admin(tenant).sign();
        for (int year = 2030; year < 2035; year++) {
            int y = year;
            List<Integer> statuses = race(8, writer -> () -> as(token)
                    .body(writer % 2 == 0 ? quarterly(writer + 1) : monthly(writer + 1, null))
                    .put(row(y, TYPE, "groups/g-" + writer)).statusCode());

            assertThat(statuses).containsOnly(201, 409);
            List<String> intervals = as(token).get("/api/v1/targets/" + y + "/" + TYPE).jsonPath().getList("groups.target.interval");
            assertThat(intervals).as("the rows of %d", y).hasSize((int) statuses.stream().filter(status -> status == 201).count());
            assertThat(intervals.stream().distinct().toList()).as("one interval in %d", y).hasSize(1);
            assertThat(statuses).filteredOn(status -> status == 201).as("every writer of the interval that came first")
                    .hasSize(4);
        }
    }

    @Test
    void theOnlyRowChangingItsIntervalWhileAnotherJoinsNeverLeavesTwoIntervals() throws Exception {
        String token = admin(tenant).sign();
        for (int year = 2040; year < 2046; year++) {
            String only = row(year, TYPE, "groups/g-only");
            as(token).body(quarterly(1)).put(only).then().statusCode(201);
            int y = year;
            List<Integer> statuses = race(2, writer -> () -> writer == 0
                    ? as(token).body(monthly(2, null)).put(only).statusCode()
                    : as(token).body(quarterly(3)).put(row(y, TYPE, "groups/g-joining")).statusCode());

            assertThat(statuses).as("in %d: the change, then the new row", year).isIn(List.of(200, 409), List.of(409, 201));
            List<String> intervals = as(token).get("/api/v1/targets/" + year + "/" + TYPE).jsonPath().getList("groups.target.interval");
            assertThat(intervals.stream().distinct().toList()).as("one interval in %d", year).hasSize(1);
        }
    }

    @Test
    void withoutUnlimitedTwoWritersRacingForTwoGroupsOneWins() throws Exception {
        String token = admin(tenant).licenses("sales-premium").sign();
        for (int year = 2050; year < 2055; year++) {
            int y = year;
            List<Integer> statuses = race(4, writer -> () -> as(token).body(monthly(writer + 1, "g-" + writer))
                    .put(row(y, TYPE, "users/u-" + writer)).statusCode());

            assertThat(statuses).as("in %d", year).containsOnly(201, 403);
            assertThat(statuses).filteredOn(status -> status == 201).as("in %d", year).hasSize(1);
        }
    }

    @Test
    void writersOfManyRowsOfOnePlanRunSideBySideAndEachRowGrowsByOne() throws Exception {
        String token = admin(tenant).sign();
        int writers = 8;
        int rowsEach = 5;
        race(writers, writer -> () -> {
            for (int r = 0; r < rowsEach; r++) {
                as(token).body(monthly(1, "g-" + writer)).put(row(2027, TYPE, "users/u-" + writer + "-" + r)).then().statusCode(201);
            }
            return null;
        });
        List<List<Integer>> versions = race(writers, writer -> () -> {
            List<Integer> mine = new ArrayList<>();
            for (int round = 2; round <= 4; round++) {
                for (int r = 0; r < rowsEach; r++) {
                    Response response = as(token).body(monthly(round, "g-" + writer)).put(row(2027, TYPE, "users/u-" + writer + "-" + r));
                    assertThat(response.statusCode()).isEqualTo(200);
                    mine.add(response.jsonPath().getInt("version"));
                }
            }
            return mine;
        });

        for (List<Integer> mine : versions) {
            assertThat(mine).containsExactlyElementsOf(IntStream.rangeClosed(2, 4)
                    .flatMap(version -> IntStream.generate(() -> version).limit(rowsEach)).boxed().toList());
        }
    }

    /** Runs the writers at once, from one start signal, and returns what each returned. */
    static <T> List<T> race(int writers, IntFunction<Callable<T>> writer) throws Exception {
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
