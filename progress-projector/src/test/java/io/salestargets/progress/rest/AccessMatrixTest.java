package io.salestargets.progress.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.TargetEvent;
import io.salestargets.events.targets.TargetSet;
import io.salestargets.events.targets.TargetType;
import io.salestargets.events.targets.TargetTypeAdded;
import io.salestargets.events.targets.Unit;
import io.salestargets.localstack.testing.TestTopics;
import io.salestargets.localstack.token.DevToken;
import io.salestargets.progress.EventStream;
import io.salestargets.progress.ProjectorInfrastructure;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Rights x relations x licences x endpoints of the projector (contract sections 2 and 5: "same token
 * and rights as the command service"), every case generated from one table, {@link #MATRIX}: the
 * contract's rules written down as data, not computed by the production code. Each case sends a real
 * request (the live endpoint: a real server-sent-events stream) with a signed dev token, against views
 * made from target events and sales that went through the real broker.
 * Then tenant isolation: a second tenant with the same ids never sees the first's views, lists,
 * items, types, nor, live, a change of them; its own sales and targets under the same ids stay its own.
 */
@QuarkusTest
@WithTestResource(ProjectorInfrastructure.class)
class AccessMatrixTest {

    /**
     * One line per endpoint and situation; a case per row of {@code rows} ({@code *}: all of {@link #ROWS})
     * and per level column that is not {@code .}. The caller, {@value #CALLER} in user groups
     * {@link #CALLER_GROUPS}, holds that level on the row's relation and the opposite on the three others:
     * {@code none} where the line allows, {@code delete} where it refuses. On lines without a row
     * ({@code -}) the level is held on every relation.
     *
     * <ul>
     *   <li>{@code <view>}: {@code GET /progress/2026/<type>/<owner>}; {@code <view>/events}: its live stream
     *       (200: the first "progress" event is the view); {@code <list>}: {@code GET /progress/2026/<type>},
     *       outcome {@code in} (200, the owner listed) or {@code out} (200, not listed); {@code <items>}:
     *       {@code GET /progress/2026/<type>/items}; {@code /progress/types}.</li>
     *   <li>type: {@code builtin} = {@code all-sales-amount}; {@code added} = {@code sale-type-count}, a list
     *       type, with {@code ?item=st-1}.</li>
     *   <li>outcomes: the status; {@code lic} is 403 {@code license-required}, {@code 404} {@code not-found}.</li>
     * </ul>
     */
    static final String MATRIX = """
            # method target          type     rows                        licences           | none read create update delete

            # A view needs read on the owner's relation (section 2; section 5: "read right on the row's relation; a user
            # with no target row takes the group of their latest sale"): below read it is 404. The list holds only the
            # owners the caller may read; the live stream is refused like the view.
            GET    <view>            builtin  *                           premium+unlimited  | 404  200  200    200    200
            GET    <view>/events     builtin  *                           premium+unlimited  | 404  200  200    200    200
            GET    <list>            builtin  *                           premium+unlimited  | out  in   in     in     in

            # Sales Premium is needed for every call: 403 license-required, before anything else, whatever the rights.
            GET    <view>            builtin  me                          unlimited          | lic  .    .      .      lic
            GET    <view>/events     builtin  me                          unlimited          | lic  .    .      .      lic
            GET    <list>            builtin  me                          unlimited          | lic  .    .      .      lic
            GET    <items>           added    -                           unlimited          | lic  .    .      .      lic
            GET    /progress/types   -        -                           unlimited          | lic  .    .      .      lic
            GET    <view>            builtin  company                     -                  | lic  .    .      .      lic

            # Reading needs no Sales Targets Unlimited, also for an added type (docs/decisions.md).
            GET    <view>            added    company,me,other-group-user premium            | 404  200  .      .      .
            GET    <view>/events     added    company,me,other-group-user premium            | 404  200  .      .      .
            GET    <list>            added    company,me,other-group-user premium            | out  in   .      .      .

            # The dashboard's choices (docs/decisions.md: list items and types) need no data right.
            GET    <items>           added    -                           premium            | 200  .    .      .      200
            GET    /progress/types   -        -                           premium            | 200  .    .      .      200
            """;

    static final String CALLER = "u-anna";
    static final List<String> CALLER_GROUPS = List.of("g-north", "g-south");
    static final List<String> LEVELS = List.of("none", "read", "create", "update", "delete");
    static final List<String> RELATIONS = List.of("own", "group", "others", "company");

    /**
     * The owners the matrix reads, their relation to the caller by the contract's definition (section 2,
     * and section 5 for a user without a row), and what the fixture gives them: a target row (with a
     * group for a user) or none, and sales ({@code amount}: their sum, the owner's actual in the built-in type).
     */
    record Row(String name, String owner, String rowGroupId, boolean hasRow, String relation, String amount) {
    }

    static final List<Row> ROWS = List.of(
            new Row("company", "company", null, true, "company", "2800"),
            new Row("my-group", "groups/g-north", null, true, "group", "1100"),       // the caller's primary group
            new Row("other-group", "groups/g-west", null, true, "others", "1100"),
            new Row("my-second-group", "groups/g-south", null, false, "group", "600"), // no row, only sales
            new Row("me", "users/u-anna", "g-north", true, "own", "100"),             // own, though in the caller's group too
            new Row("my-group-user", "users/u-bo", "g-south", true, "group", "200"),  // a member of the caller's second group
            // the row's group decides, not the group recorded on the user's sale (g-north)
            new Row("other-group-user", "users/u-cy", "g-west", true, "others", "300"),
            // no row: the group of the latest sale by won date (g-south), though an older one (g-west) came later
            new Row("my-group-seller", "users/u-dan", null, false, "group", "900"),
            // no row: the latest sale's group (g-west), though an older one (g-north) came later
            new Row("other-group-seller", "users/u-eve", null, false, "others", "1300"));

    /** The sales of the fixture, in the order they are sent: saleId, won date, user, group recorded on the sale, amount. */
    static final List<List<String>> SALES = List.of(
            List.of("s-1", "2026-03-14", "u-anna", "g-north", "100"),
            List.of("s-2", "2026-03-15", "u-bo", "g-south", "200"),
            List.of("s-3", "2026-03-16", "u-cy", "g-north", "300"),
            List.of("s-4", "2026-05-01", "u-dan", "g-south", "400"),
            List.of("s-5", "2026-02-01", "u-dan", "g-west", "500"),
            List.of("s-6", "2026-06-01", "u-eve", "g-west", "600"),
            List.of("s-7", "2026-01-10", "u-eve", "g-north", "700"));

    static final String TYPE = TargetType.ALL_SALES_AMOUNT.id();
    static final TargetType ADDED = new TargetType("sale-type-count", "Sale type - Count", "sale-type", Unit.COUNT);
    static final String ITEM = "st-1";
    static final int YEAR = 2026;
    static final Duration FLOW = Duration.ofSeconds(60);
    /** How long a stream that should receive nothing is watched after the control stream received its event. */
    static final Duration QUIET = Duration.ofMillis(1500);

    record Line(int number, String method, String target, String type, List<String> rows, List<String> licences,
            List<String> outcomes) {
    }

    record Case(Line line, Row row, String level, String outcome) {

        boolean allows() {
            return List.of("200", "in").contains(outcome);
        }

        @Override
        public String toString() {
            String holds = row == null ? "all=" + level : row.name() + " (" + row.relation() + "=" + level + ")";
            return "%s %s %s, %s, licences %s -> %s (matrix line %d)".formatted(line.method(), line.target(), line.type(), holds,
                    String.join("+", line.licences()), outcome, line.number());
        }
    }

    private final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private final DevToken.Builder boss = DevToken.builder().tenant(tenant).user("u-boss");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @TestFactory
    Stream<DynamicNode> everyCaseOfTheMatrixAndTenantIsolation() {
        Awaitility.await().atMost(FLOW).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        createViews();
        Stream<DynamicNode> matrix = cases().stream().map(c -> dynamicTest(c.toString(), () -> run(c)));
        return Stream.concat(matrix, Stream.of(dynamicContainer("tenant isolation", new TenantIsolation().tests())));
    }

    // --- the table ------------------------------------------------------------------------------

    static List<Line> lines() {
        List<Line> lines = new ArrayList<>();
        String[] text = MATRIX.split("\n");
        for (int i = 0; i < text.length; i++) {
            String line = text[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] halves = line.split("\\|");
            String[] left = halves[0].trim().split("\\s+");
            String[] right = halves.length == 2 ? halves[1].trim().split("\\s+") : new String[0];
            if (left.length != 5 || right.length != LEVELS.size()) {
                throw new IllegalArgumentException("line " + (i + 1) + " of the matrix is malformed: " + line);
            }
            lines.add(new Line(i + 1, left[0], left[1], left[2], list(left[3], ","), list(left[4], "\\+"), List.of(right)));
        }
        return lines;
    }

    private static List<String> list(String column, String separator) {
        return column.equals("-") ? List.of() : List.of(column.split(separator));
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Line line : lines()) {
            List<Row> rows = line.rows().isEmpty() ? Collections.singletonList(null)
                    : line.rows().equals(List.of("*")) ? ROWS
                    : line.rows().stream().map(name -> ROWS.stream().filter(row -> row.name().equals(name)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("line " + line.number() + ": no row " + name))).toList();
            for (Row row : rows) {
                for (int level = 0; level < LEVELS.size(); level++) {
                    if (!line.outcomes().get(level).equals(".")) {
                        cases.add(new Case(line, row, LEVELS.get(level), line.outcomes().get(level)));
                    }
                }
            }
        }
        return cases;
    }

    // --- one case -------------------------------------------------------------------------------

    private void run(Case c) {
        try {
            check(c);
        } catch (AssertionError | RuntimeException e) {
            // surefire names a dynamic test by its index: say which case failed
            throw new AssertionError(c + ": " + e.getMessage(), e);
        }
    }

    private void check(Case c) {
        String token = token(c).sign();
        if (c.line().target().equals("<view>/events")) {
            try (EventStream stream = EventStream.open(http, path(c), token)) {
                if (c.outcome().equals("200")) {
                    assertThat(stream.status()).as(stream.body()).isEqualTo(200);
                    isTheView(c, JsonPath.from(stream.next(Duration.ofSeconds(10))));
                } else {
                    expect(c, stream.status(), stream.contentType(), stream.body());
                }
            }
            return;
        }
        Response response = given().auth().oauth2(token).get(path(c));
        expect(c, response.statusCode(), response.contentType(), response.asString());
    }

    /** The caller: the case's level on the row's relation, the opposite on the others (or the level on all). */
    private DevToken.Builder token(Case c) {
        Map<String, String> rights = new LinkedHashMap<>();
        for (String relation : RELATIONS) {
            boolean tested = c.row() == null || c.row().relation().equals(relation);
            rights.put(relation, tested ? c.level() : c.allows() ? "none" : "delete");
        }
        return DevToken.builder().tenant(tenant).user(CALLER).groups(CALLER_GROUPS).rights(rights)
                .licenses(c.line().licences().stream().map(AccessMatrixTest::licence).toList());
    }

    private static String licence(String column) {
        return switch (column) {
            case "premium" -> "sales-premium";
            case "unlimited" -> "sales-targets-unlimited";
            default -> throw new IllegalArgumentException("no licence " + column);
        };
    }

    private static String path(Case c) {
        boolean added = c.line().type().equals("added");
        String plan = "/api/v1/progress/" + YEAR + "/" + (added ? ADDED.id() : TYPE);
        String item = added ? "?item=" + ITEM : "";
        return switch (c.line().target()) {
            case "<view>" -> plan + "/" + c.row().owner() + item;
            case "<view>/events" -> plan + "/" + c.row().owner() + "/events" + item;
            case "<list>" -> plan + item;
            case "<items>" -> plan + "/items";
            case "/progress/types" -> "/api/v1/progress/types";
            default -> throw new IllegalArgumentException("no target " + c.line().target());
        };
    }

    private void expect(Case c, int status, String contentType, String body) {
        switch (c.outcome()) {
            case "200" -> {
                assertThat(status).as(body).isEqualTo(200);
                answered(c, JsonPath.from(body));
            }
            case "in", "out" -> {
                assertThat(status).as(body).isEqualTo(200);
                JsonPath list = JsonPath.from(body);
                assertThat(listed(list, c.row())).as("the owner in the list").isEqualTo(c.outcome().equals("in"));
                assertThat(list.getList("groups.users.flatten().tenantId", String.class)).allMatch(tenant::equals);
            }
            case "lic" -> problem(status, contentType, body, 403, "license-required");
            case "404" -> problem(status, contentType, body, 404, "not-found");
            default -> throw new IllegalArgumentException("unknown outcome " + c.outcome());
        }
    }

    private static void problem(int status, String contentType, String body, int expected, String slug) {
        assertThat(status).as(body).isEqualTo(expected);
        assertThat(contentType).startsWith("application/problem+json");
        JsonPath problem = JsonPath.from(body);
        assertThat(problem.getString("type")).isEqualTo("/problems/" + slug);
        assertThat(problem.getInt("status")).isEqualTo(expected);
    }

    private void answered(Case c, JsonPath body) {
        switch (c.line().target()) {
            case "<view>" -> isTheView(c, body);
            case "<items>" -> assertThat(body.getList("", String.class)).containsExactly(ITEM);
            case "/progress/types" -> assertThat(body.getList("id", String.class)).containsExactly(TYPE, ADDED.id());
            default -> throw new IllegalArgumentException("no check for an accepted " + c.line().target());
        }
    }

    /** The view of the case's owner in the first tenant, with the fixture's actuals and (when it has one) its row. */
    private void isTheView(Case c, JsonPath view) {
        assertThat(view.getString("tenantId")).isEqualTo(tenant);
        assertThat(view.getString("ownerId")).isEqualTo(ownerId(c.row()));
        assertThat((Object) view.get("targetVersion")).as("targetVersion").isEqualTo(c.row().hasRow() ? 1 : null);
        if (c.line().type().equals("builtin")) {
            assertThat(new BigDecimal(view.getString("total.actual"))).isEqualByComparingTo(c.row().amount());
        } else {
            assertThat(view.getString("unit")).isEqualTo("COUNT");
        }
    }

    private static String ownerId(Row row) {
        return row.owner().equals("company") ? "company" : row.owner().substring(row.owner().indexOf('/') + 1);
    }

    /** Whether a list ({@code GET /progress/{year}/{typeId}}) holds the owner. */
    private static boolean listed(JsonPath list, Row row) {
        if (row.owner().equals("company")) {
            return list.get("company") != null;
        }
        if (row.owner().startsWith("groups/")) {
            return list.getList("groups.group.findAll { it != null }.ownerId", String.class).contains(ownerId(row));
        }
        return list.getList("groups.users.flatten().ownerId", String.class).contains(ownerId(row));
    }

    // --- the views every case reads, through the broker ------------------------------------------------

    private void createViews() {
        send(new TargetTypeAdded(UUID.randomUUID(), tenant, ADDED, Instant.now(), "u-boss"));
        for (Row row : ROWS) {
            if (row.hasRow()) {
                send(target(tenant, id(row, TYPE, null), row.rowGroupId(), "1000", 1));
                send(target(tenant, id(row, ADDED.id(), ITEM), row.rowGroupId(), "10", 1));
            }
        }
        for (List<String> sale : SALES) {
            won(tenant, sale.get(0), sale.get(1), sale.get(2), sale.get(3), sale.get(4));
        }
        Awaitility.await().atMost(FLOW).untilAsserted(() -> {
            for (Row row : ROWS) {
                JsonPath view = given().auth().oauth2(boss.sign()).get("/api/v1/progress/" + YEAR + "/" + TYPE + "/" + row.owner())
                        .then().statusCode(200).extract().jsonPath();
                assertThat(new BigDecimal(view.getString("total.actual"))).as(row.name()).isEqualByComparingTo(row.amount());
                assertThat((Object) view.get("targetVersion")).as(row.name()).isEqualTo(row.hasRow() ? 1 : null);
                JsonPath counted = given().auth().oauth2(boss.sign())
                        .get("/api/v1/progress/" + YEAR + "/" + ADDED.id() + "/" + row.owner() + "?item=" + ITEM)
                        .then().statusCode(200).extract().jsonPath();
                assertThat((Object) counted.get("targetVersion")).as(row.name()).isEqualTo(row.hasRow() ? 1 : null);
            }
            assertThat(given().auth().oauth2(boss.sign()).get("/api/v1/progress/" + YEAR + "/" + ADDED.id() + "/company?item=" + ITEM)
                    .then().extract().jsonPath().getInt("total.actual")).isEqualTo(SALES.size());
        });
    }

    private static RowId id(Row row, String typeId, String item) {
        if (row.owner().equals("company")) {
            return RowId.company(YEAR, typeId, item);
        }
        return row.owner().startsWith("groups/") ? RowId.group(YEAR, typeId, ownerId(row), item) : RowId.user(YEAR, typeId, ownerId(row), item);
    }

    private static TargetSet target(String tenantId, RowId row, String groupId, String monthly, long version) {
        return new TargetSet(UUID.randomUUID(), tenantId, row, row.typeId().equals(TYPE) ? TargetType.ALL_SALES_AMOUNT.measure()
                : ADDED.measure(), row.level() == Level.USER ? groupId : null, Interval.MONTH,
                Collections.nCopies(12, new BigDecimal(monthly)), null, version, Instant.now(), "u-boss", null);
    }

    private static void send(TargetEvent event) {
        TestTopics.produce(Topics.TARGET_EVENTS, event.key(), EventJson.writeString(event));
    }

    /** A won sale, counted in the added type's item too. */
    private static void won(String tenantId, String saleId, String day, String user, String group, String amount) {
        TestTopics.produce(Topics.SALES, tenantId + "/" + saleId, ("{\"type\":\"SaleWon\",\"tenantId\":\"%s\",\"saleId\":\"%s\","
                + "\"wonDate\":\"%s\",\"userId\":\"%s\",\"groupId\":\"%s\",\"amount\":%s,\"dimensions\":{\"sale-type\":\"%s\"}}")
                .formatted(tenantId, saleId, day, user, group, amount, ITEM));
    }

    // --- tenant isolation -----------------------------------------------------------------------------

    /**
     * A second tenant, whose id begins with the first's, with the same type id, group and user ids
     * and full rights, on every read path: views, lists, items, types and the live streams.
     */
    class TenantIsolation {

        private final String other = tenant + "-b";
        private final DevToken.Builder stranger = DevToken.builder().tenant(other).user(CALLER).groups(CALLER_GROUPS);
        private final String anna = "/api/v1/progress/" + YEAR + "/" + TYPE + "/users/u-anna";
        private final String company = "/api/v1/progress/" + YEAR + "/" + TYPE + "/company";

        Stream<DynamicNode> tests() {
            return Stream.of(
                    dynamicTest("another tenant reads no view, list, item or type of the first", this::readsNothing),
                    dynamicTest("another tenant's live streams receive nothing of the first's changes, and the other way round",
                            this::liveStreamsStayApart));
        }

        private void readsNothing() {
            for (Row row : ROWS) {
                JsonPath view = as(stranger).get("/api/v1/progress/" + YEAR + "/" + TYPE + "/" + row.owner())
                        .then().statusCode(200).extract().jsonPath();
                assertThat(view.getString("tenantId")).isEqualTo(other);
                assertThat(new BigDecimal(view.getString("total.actual"))).as(row.name()).isZero();
                assertThat((Object) view.get("total.target")).as(row.name()).isNull();
                assertThat((Object) view.get("targetVersion")).as(row.name()).isNull();
                problem(as(stranger).get("/api/v1/progress/" + YEAR + "/" + ADDED.id() + "/" + row.owner() + "?item=" + ITEM),
                        404, "not-found");
                try (EventStream stream = EventStream.open(http, "/api/v1/progress/" + YEAR + "/" + TYPE + "/" + row.owner() + "/events",
                        stranger.sign())) {
                    JsonPath now = JsonPath.from(stream.next(Duration.ofSeconds(10)));
                    assertThat(now.getString("tenantId")).isEqualTo(other);
                    assertThat(new BigDecimal(now.getString("total.actual"))).as(row.name()).isZero();
                }
                try (EventStream stream = EventStream.open(http, "/api/v1/progress/" + YEAR + "/" + ADDED.id() + "/" + row.owner()
                        + "/events?item=" + ITEM, stranger.sign())) {
                    expectProblem(stream, 404, "not-found");
                }
            }
            JsonPath list = as(stranger).get("/api/v1/progress/" + YEAR + "/" + TYPE).then().statusCode(200).extract().jsonPath();
            assertThat((Object) list.get("company")).isNull();
            assertThat(list.getList("groups")).isEmpty();
            problem(as(stranger).get("/api/v1/progress/" + YEAR + "/" + ADDED.id() + "?item=" + ITEM), 404, "not-found");
            problem(as(stranger).get("/api/v1/progress/" + YEAR + "/" + ADDED.id() + "/items"), 404, "not-found");
            assertThat(as(stranger).get("/api/v1/progress/" + YEAR + "/" + TYPE + "/items").then().statusCode(200).extract()
                    .jsonPath().getList("")).isEmpty();
            assertThat(as(stranger).get("/api/v1/progress/types").then().statusCode(200).extract().jsonPath()
                    .getList("id", String.class)).containsExactly(TYPE);
        }

        /**
         * Both tenants follow the same owners (u-anna, the company). A sale and a target of the first reach
         * its streams and none of the second's; then the same sale id, type id and owner in the second
         * reach the second's streams, with the second's figures only, and none of the first's.
         */
        private void liveStreamsStayApart() {
            String mine = boss.sign();
            String theirs = stranger.sign();
            try (EventStream annaA = EventStream.open(http, anna + "/events", mine);
                    EventStream companyA = EventStream.open(http, company + "/events", mine);
                    EventStream annaB = EventStream.open(http, anna + "/events", theirs);
                    EventStream companyB = EventStream.open(http, company + "/events", theirs)) {
                for (EventStream stream : List.of(annaA, companyA, annaB, companyB)) {
                    assertThat(stream.status()).as(stream.body()).isEqualTo(200);
                    stream.next(Duration.ofSeconds(10)); // the view now
                }

                won(tenant, "s-8", "2026-04-01", "u-anna", "g-north", "50");
                assertThat(actual(until(annaA, view -> actual(view).compareTo(new BigDecimal("150")) == 0))).isEqualByComparingTo("150");
                until(companyA, view -> actual(view).compareTo(new BigDecimal("2850")) == 0);
                send(target(tenant, RowId.company(YEAR, TYPE, null), null, "2000", 2));
                until(companyA, view -> view.getLong("targetVersion") == 2);
                annaB.assertQuiet(QUIET);
                companyB.assertQuiet(QUIET);
                annaA.drain();
                companyA.drain();

                send(new TargetTypeAdded(UUID.randomUUID(), other, ADDED, Instant.now(), "u-boss"));
                send(target(other, RowId.company(YEAR, TYPE, null), null, "5", 1));
                won(other, "s-8", "2026-04-01", "u-anna", "g-north", "5");
                JsonPath annaOfB = until(annaB, view -> actual(view).compareTo(BigDecimal.ZERO) != 0);
                assertThat(annaOfB.getString("tenantId")).isEqualTo(other);
                assertThat(actual(annaOfB)).as("the other tenant's sale only").isEqualByComparingTo("5");
                JsonPath companyOfB = until(companyB, view -> actual(view).compareTo(BigDecimal.ZERO) != 0 && view.get("targetVersion") != null);
                assertThat(actual(companyOfB)).isEqualByComparingTo("5");
                assertThat(new BigDecimal(companyOfB.getString("total.target"))).isEqualByComparingTo("60");
                annaA.assertNone(QUIET, view -> !view.getString("tenantId").equals(tenant) || actual(view).compareTo(new BigDecimal("150")) != 0);
                companyA.assertNone(QUIET, view -> !view.getString("tenantId").equals(tenant) || actual(view).compareTo(new BigDecimal("2850")) != 0);
            }

            assertThat(actual(as(boss).get(anna).then().statusCode(200).extract().jsonPath())).isEqualByComparingTo("150");
            JsonPath companyOfA = as(boss).get(company).then().statusCode(200).extract().jsonPath();
            assertThat(actual(companyOfA)).isEqualByComparingTo("2850");
            assertThat(new BigDecimal(companyOfA.getString("total.target"))).isEqualByComparingTo("24000");
            assertThat(actual(as(stranger).get(anna).then().statusCode(200).extract().jsonPath())).isEqualByComparingTo("5");
            Awaitility.await().atMost(FLOW).untilAsserted(() -> assertThat(as(stranger)
                    .get("/api/v1/progress/" + YEAR + "/" + ADDED.id() + "/company?item=" + ITEM).then().statusCode(200)
                    .extract().jsonPath().getInt("total.actual")).as("the other tenant's count of its one sale").isEqualTo(1));
            assertThat(as(boss).get("/api/v1/progress/" + YEAR + "/" + ADDED.id() + "/company?item=" + ITEM).then().statusCode(200)
                    .extract().jsonPath().getInt("total.actual")).isEqualTo(SALES.size() + 1);
            JsonPath listOfB = as(stranger).get("/api/v1/progress/" + YEAR + "/" + TYPE).then().statusCode(200).extract().jsonPath();
            assertThat(listOfB.getList("groups.users.flatten().ownerId", String.class)).containsExactly("u-anna");
            assertThat(listOfB.getList("groups.users.flatten().tenantId", String.class)).containsOnly(other);
        }

        private JsonPath until(EventStream stream, Predicate<JsonPath> wanted) {
            long deadline = System.nanoTime() + FLOW.toNanos();
            while (System.nanoTime() < deadline) {
                String data = stream.poll(Duration.ofMillis(200));
                if (data != null && !data.equals("null")) {
                    JsonPath view = JsonPath.from(data);
                    if (wanted.test(view)) {
                        return view;
                    }
                }
            }
            throw new AssertionError("no such view on the stream in " + FLOW);
        }
    }

    private static BigDecimal actual(JsonPath view) {
        return new BigDecimal(view.getString("total.actual"));
    }

    private static RequestSpecification as(DevToken.Builder token) {
        return given().auth().oauth2(token.sign());
    }

    private static void problem(Response response, int status, String slug) {
        problem(response.statusCode(), response.contentType(), response.asString(), status, slug);
    }

    private static void expectProblem(EventStream stream, int status, String slug) {
        problem(stream.status(), stream.contentType(), stream.body(), status, slug);
    }
}
