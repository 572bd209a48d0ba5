package io.salestargets.command.rest;

import static io.salestargets.command.Api.TYPE;
import static io.salestargets.command.Api.admin;
import static io.salestargets.command.Api.as;
import static io.salestargets.command.Api.monthly;
import static io.salestargets.command.Api.newTenant;
import static io.salestargets.command.Api.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.salestargets.localstack.testing.RealInfrastructure;
import io.salestargets.localstack.token.DevToken;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ?asOf=} on a row, its history and the target dialog: the state as it was known at that instant,
 * replayed from the events. The instants are those the answers give ({@code updatedAt}); a short pause
 * between writes keeps them apart (they are kept to the millisecond).
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class TargetsAsOfTest {

    private final String tenant = newTenant();
    private final DevToken.Builder boss = admin(tenant);
    private final String anna = row(2026, TYPE, "users/u-anna");
    private final String bo = row(2026, TYPE, "users/u-bo");
    private final String company = row(2026, TYPE, "company");

    @Test
    void aRowAsOfEachStepIsItsStateThenWithItsVersionAsEtag() {
        Instant created = at(as(boss).body(monthly(1000, "g-north")).put(anna).then().statusCode(201).extract().response());
        Instant revised = at(as(boss).body(monthly(2000, "g-north")).put(anna).then().statusCode(200).extract().response());
        Instant locked = at(as(boss).post(anna + "/lock").then().statusCode(200).extract().response());
        Instant unlocked = at(as(boss).post(anna + "/unlock").then().statusCode(200).extract().response());

        asOf(anna, created).then().statusCode(200).header("ETag", "\"1\"")
                .body("version", equalTo(1)).body("total", equalTo(12000)).body("locked", equalTo(false))
                .body("groupId", equalTo("g-north")).body("updatedAt", equalTo(created.toString()));
        asOf(anna, revised).then().statusCode(200).header("ETag", "\"2\"")
                .body("version", equalTo(2)).body("total", equalTo(24000)).body("locked", equalTo(false));
        asOf(anna, locked.minusMillis(1)).then().statusCode(200).header("ETag", "\"2\"").body("locked", equalTo(false));
        asOf(anna, locked).then().statusCode(200).header("ETag", "\"3\"")
                .body("version", equalTo(3)).body("total", equalTo(24000)).body("locked", equalTo(true));
        asOf(anna, unlocked).then().statusCode(200).header("ETag", "\"4\"")
                .body("version", equalTo(4)).body("locked", equalTo(false));

        problem(asOf(anna, created.minusMillis(1)), 404, "not-found");
        assertThat(asOf(anna, Instant.parse("2100-12-31T23:59:59Z")).asString()).as("a future instant is now")
                .isEqualTo(as(boss).get(anna).asString());
    }

    @Test
    void aRemovedRowIsFoundAsOfBeforeItsRemovalAndItsHistoryUpToAnyInstant() {
        Instant created = at(as(boss).body(monthly(1000, "g-north")).put(anna).then().statusCode(201).extract().response());
        Instant revised = at(as(boss).body(monthly(2000, "g-north")).put(anna).then().statusCode(200).extract().response());
        pause();
        as(boss).delete(anna).then().statusCode(204);
        Instant removed = as(boss).get(anna + "/history").jsonPath().getList("at", String.class).stream()
                .map(Instant::parse).reduce((first, last) -> last).orElseThrow();

        problem(as(boss).get(anna), 404, "not-found");
        asOf(anna, removed.minusMillis(1)).then().statusCode(200).header("ETag", "\"2\"").body("total", equalTo(24000));
        problem(asOf(anna, removed), 404, "not-found");

        as(boss).queryParam("asOf", created.toString()).get(anna + "/history").then().statusCode(200)
                .body("event", contains("TargetSet")).body("version", contains(1));
        as(boss).queryParam("asOf", revised.toString()).get(anna + "/history").then().statusCode(200)
                .body("event", contains("TargetSet", "TargetSet")).body("[1].changes[0].from", equalTo(1000));
        as(boss).queryParam("asOf", removed.toString()).get(anna + "/history").then().statusCode(200)
                .body("event", contains("TargetSet", "TargetSet", "TargetRemoved"));
        problem(as(boss).queryParam("asOf", created.minusMillis(1).toString()).get(anna + "/history"), 404, "not-found");
    }

    @Test
    void theDialogAsOfListsTheRowsThatExistedThenInTheirGroupsOfThatTime() {
        as(boss).body(monthly(500, null)).put(company).then().statusCode(201);
        Instant annaInNorth = at(as(boss).body(monthly(100, "g-north")).put(anna).then().statusCode(201).extract().response());
        Instant boAdded = at(as(boss).body(monthly(200, "g-south")).put(bo).then().statusCode(201).extract().response());
        Instant annaMoved = at(as(boss).body(monthly(100, "g-south")).put(anna).then().statusCode(200).extract().response());
        pause();
        as(boss).delete(company).then().statusCode(204);

        JsonPath before = dialogAsOf(annaInNorth);
        assertThat(before.getInt("company.version")).isEqualTo(1);
        assertThat(before.getString("interval")).isEqualTo("MONTH");
        assertThat(before.getList("groups.groupId")).containsExactly("g-north");
        assertThat(before.getList("groups[0].users.ownerId")).as("bo, created later, is absent").containsExactly("u-anna");
        assertThat(before.getInt("groups[0].usersTotal")).isEqualTo(1200);

        JsonPath withBo = dialogAsOf(boAdded);
        assertThat(withBo.getList("groups.groupId")).containsExactly("g-north", "g-south");
        assertThat(withBo.getList("groups[1].users.ownerId")).containsExactly("u-bo");

        JsonPath moved = dialogAsOf(annaMoved);
        assertThat(moved.getList("groups.groupId")).as("anna's group of that time").containsExactly("g-south");
        assertThat(moved.getList("groups[0].users.ownerId")).containsExactly("u-anna", "u-bo");
        assertThat(moved.getInt("groups[0].usersTotal")).isEqualTo(3600);
        assertThat(moved.getInt("company.total")).as("the company row, present before its removal").isEqualTo(6000);

        assertThat((Object) dialogAsOf(Instant.parse("2100-12-31T23:59:59Z")).get("company")).as("removed by then").isNull();
        assertThat(as(boss).queryParam("asOf", "2100-12-31T23:59:59Z").get("/api/v1/targets/2026/" + TYPE).asString())
                .as("a future instant is now").isEqualTo(as(boss).get("/api/v1/targets/2026/" + TYPE).asString());

        JsonPath empty = dialogAsOf(Instant.parse("2000-01-01T00:00:00Z"));
        assertThat((Object) empty.get("company")).isNull();
        assertThat(empty.getList("groups")).isEmpty();
        assertThat((Object) empty.get("interval")).isNull();
    }

    @Test
    void theDialogOfAListItemAsOfListsThatItemsRowsOnly() {
        as(boss).body(Map.of("id", "sale-type-count", "name", "Sale type - Count", "dimension", "sale-type", "unit", "COUNT"))
                .post("/api/v1/target-types").then().statusCode(201);
        String list = "/api/v1/targets/2026/sale-type-count";
        as(boss).queryParam("item", "st-1").body(monthly(1, "g-north")).put(list + "/users/u-anna").then().statusCode(201);
        Instant second = at(as(boss).queryParam("item", "st-2").body(monthly(2, "g-north")).put(list + "/users/u-bo")
                .then().statusCode(201).extract().response());

        JsonPath first = as(boss).queryParam("item", "st-1").queryParam("asOf", second.toString()).get(list)
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getString("item")).isEqualTo("st-1");
        assertThat(first.getList("groups.users.flatten().ownerId")).containsExactly("u-anna");
        assertThat(first.getList("groups.users.flatten().item")).containsExactly("st-1");
        JsonPath other = as(boss).queryParam("item", "st-2").queryParam("asOf", second.minusMillis(1).toString()).get(list)
                .then().statusCode(200).extract().jsonPath();
        assertThat(other.getList("groups")).as("st-2's row did not exist yet").isEmpty();
        assertThat(other.getString("interval")).as("the interval of the year and type, from st-1's row").isEqualTo("MONTH");
        problem(as(boss).queryParam("asOf", second.toString()).get(list), 400, "validation");
    }

    @Test
    void asOfChecksTheRightsOfTheRowsRelationNow() {
        Instant annaSet = at(as(boss).body(monthly(100, "g-north")).put(anna).then().statusCode(201).extract().response());
        as(boss).body(monthly(200, "g-west")).put(bo).then().statusCode(201);
        Instant movedToSouth = at(as(boss).body(monthly(200, "g-south")).put(bo).then().statusCode(200).extract().response());
        // u-anna of g-north and g-south reads her own row and her groups' rows, nothing of others
        DevToken.Builder annaToken = DevToken.builder().tenant(tenant).user("u-anna").groups(List.of("g-north", "g-south"))
                .rights(Map.of("own", "read", "group", "read", "others", "none", "company", "none"));

        as(annaToken).queryParam("asOf", annaSet.toString()).get(anna).then().statusCode(200).body("version", equalTo(1));
        as(annaToken).queryParam("asOf", movedToSouth.minusMillis(1).toString()).get(bo).then().statusCode(200)
                .body("groupId", equalTo("g-west"));
        assertThat(as(annaToken).queryParam("asOf", movedToSouth.minusMillis(1).toString()).get("/api/v1/targets/2026/" + TYPE)
                .jsonPath().getList("groups.groupId")).as("bo's row of that time, in g-west, readable now").contains("g-west");

        as(boss).body(monthly(200, "g-west")).put(bo).then().statusCode(200);
        problem(as(annaToken).queryParam("asOf", movedToSouth.toString()).get(bo), 404, "not-found");
        problem(as(annaToken).queryParam("asOf", movedToSouth.toString()).get(bo + "/history"), 404, "not-found");
        assertThat(as(annaToken).queryParam("asOf", movedToSouth.toString()).get("/api/v1/targets/2026/" + TYPE)
                .jsonPath().getList("groups.users.flatten().ownerId")).containsExactly("u-anna");
    }

    @Test
    void aBadAsOfIsRefusedNamingTheField() {
        as(boss).body(monthly(100, "g-north")).put(anna).then().statusCode(201);
        for (String bad : List.of("yesterday", "2026-06-30", "2026-13-01T00:00:00Z", "1751241600")) {
            for (String path : List.of(anna, anna + "/history", "/api/v1/targets/2026/" + TYPE)) {
                as(boss).queryParam("asOf", bad).get(path).then().statusCode(400)
                        .contentType("application/problem+json")
                        .body("type", equalTo("/problems/validation"))
                        .body("errors.field", contains("asOf"))
                        .body("errors[0].message", equalTo("must be an instant (ISO-8601, e.g. 2026-06-30T00:00:00Z)"));
            }
        }
        as(boss).queryParam("asOf", "2026-06-30T02:00:00+02:00").get(anna).then().statusCode(404)
                .body("type", equalTo("/problems/not-found"));
    }

    /** When the row of an answer was written; then a pause, so that the next write happens later. */
    private static Instant at(Response answer) {
        Instant at = Instant.parse(answer.jsonPath().getString("updatedAt"));
        pause();
        return at;
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response asOf(String path, Instant instant) {
        return as(boss).queryParam("asOf", instant.toString()).get(path);
    }

    private JsonPath dialogAsOf(Instant instant) {
        return as(boss).queryParam("asOf", instant.toString()).get("/api/v1/targets/2026/" + TYPE)
                .then().statusCode(200).extract().jsonPath();
    }

    private static void problem(Response response, int status, String slug) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("type")).isEqualTo("/problems/" + slug);
    }
}
