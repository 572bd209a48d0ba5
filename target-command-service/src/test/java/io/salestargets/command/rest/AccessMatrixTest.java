package io.salestargets.command.rest;

import static io.salestargets.command.Api.TYPE;
import static io.salestargets.command.Api.admin;
import static io.salestargets.command.Api.as;
import static io.salestargets.command.Api.monthly;
import static io.salestargets.command.Api.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.salestargets.command.store.Sql;
import io.salestargets.localstack.testing.RealInfrastructure;
import io.salestargets.localstack.token.DevToken;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Rights x relations x licences x endpoints (contract sections 2 and 3, and the bulk planning of
 * docs/contract-additions.md), every case generated from one table, {@link #MATRIX}: the contract's
 * rules written down as data, not computed by the production code. Each case sends a real request with
 * a signed dev token and checks the answer; a refused write must have changed nothing (the row's
 * version and lock, the tenant's event count), nor may a bulk request that skipped the row (locked, or one copy-year may not change)
 * or did not copy it; an accepted one adds exactly one event (none for the settings), after which the
 * case puts the row back as it was.
 * Then tenant isolation: a second tenant with the same ids never sees or changes the first's data.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class AccessMatrixTest {

    /**
     * One line per endpoint and situation; a case per row of {@code rows} ({@code *}: all of {@link #ROWS})
     * and per level column that is not {@code .}. The caller, {@value #CALLER} in user groups
     * {@link #CALLER_GROUPS}, holds that level on the row's relation and the opposite on the three others:
     * {@code none} where the line allows ({@code 200}, {@code 201}, {@code 204}, {@code in}, {@code skip}, {@code deny}),
     * {@code delete} where it does not (so that a right read from the wrong relation shows). On lines without a
     * row ({@code -}) the level is held on every relation.
     *
     * <ul>
     *   <li>{@code <row>}: the row in 2026 (unlocked); {@code <locked-row>}: the same owner's row in 2027,
     *       locked; {@code <new-row>}: the same owner's row in 2028, which does not exist; {@code <dialog>}:
     *       {@code GET /targets/2026/<type>}, whose outcome is {@code in} (200, the row listed) or
     *       {@code out} (200, not listed).</li>
     *   <li>bulk planning, {@code POST /targets/<year of the row>/<type>/plan}, {@code /copy} or {@code /copy-year}:
     *       {@code plan:<row>} plans the row alone (a yearly amount split evenly); {@code copy:<row>} copies the same
     *       owner's row of another year (of the same relation, so read on it is needed too) to the row alone: the
     *       {@value #LOCKED_YEAR} row (a locked row may be copied from), the {@value #YEAR} row for {@code <locked-row>};
     *       {@code copy-year:<row>} copies the year before the row's: for {@code <row>}, {@value #YEAR_BEFORE}, which
     *       holds that row alone while the case runs (put there before, removed after); for {@code <new-row>} the six
     *       rows of {@value #LOCKED_YEAR}, for {@code <locked-row>} those of {@value #YEAR}, each copied if the caller
     *       may read it.</li>
     *   <li>{@code ?asOf} after a target: the same GET as of an instant ({@value #AS_OF}, in the future: now), replayed
     *       from the events; rights are those of the row's relation now.</li>
     *   <li>{@code /settings}: the tenant's settings; a PUT writes {@code reasonRequiredAfterUnlock:false}, the default,
     *       so that no other case depends on it, and no event.</li>
     *   <li>type: {@code builtin} = {@code all-sales-amount}; {@code added} = {@code sale-type-count}, a list
     *       type, with {@code ?item=st-1}.</li>
     *   <li>outcomes: the status; {@code 403} is problem {@code forbidden}, {@code lic} is 403
     *       {@code license-required}, {@code 404} {@code not-found}, {@code 409} {@code target-locked}. Bulk planning
     *       answers 200 with the row in {@code changed}, {@code skip} (200, the row in {@code skipped} as
     *       {@code target-locked}, no event), {@code deny} (copy-year: 200, the row in {@code skipped} as {@code forbidden},
     *       no event) or {@code out} (200, the row nowhere in the answer: not copied); a refusal
     *       of the row refuses the request, its {@code detail} naming the row.</li>
     * </ul>
     */
    static final String MATRIX = """
            # method target               type     rows                       licences           functional | none read create update delete

            # Data rights, per relation of the row to the caller (section 2): each level includes the ones before it;
            # a row the caller cannot read is 404, one it can read but not change 403. Reading needs read, creating
            # create, changing update, removing delete (section 3); the dialog lists only the rows the caller may read.
            GET    <row>                builtin  *                          premium+unlimited  lock+admin | 404  200  200    200    200
            GET    <row>/history        builtin  *                          premium+unlimited  lock+admin | 404  200  200    200    200
            GET    <dialog>             builtin  *                          premium+unlimited  lock+admin | out  in   in     in     in
            GET    <row>?asOf           builtin  *                          premium+unlimited  lock+admin | 404  200  200    200    200
            GET    <row>/history?asOf   builtin  *                          premium+unlimited  lock+admin | 404  200  200    200    200
            GET    <dialog>?asOf        builtin  *                          premium+unlimited  lock+admin | out  in   in     in     in
            PUT    <row>                builtin  *                          premium+unlimited  lock+admin | 404  403  403    200    200
            PUT    <new-row>            builtin  *                          premium+unlimited  lock+admin | 404  403  201    201    201
            DELETE <row>                builtin  *                          premium+unlimited  lock+admin | 404  403  403    403    204

            # Locking and unlocking need lock-targets and update on the row; a locked row refuses changes and removal (409).
            POST   <row>/lock           builtin  *                          premium+unlimited  lock+admin | 404  403  403    200    200
            POST   <row>/lock           builtin  *                          premium+unlimited  admin      | 404  403  403    403    403
            POST   <locked-row>/unlock  builtin  *                          premium+unlimited  lock+admin | 404  403  403    200    200
            POST   <locked-row>/unlock  builtin  *                          premium+unlimited  admin      | .    .    .      403    403
            PUT    <locked-row>         builtin  *                          premium+unlimited  lock+admin | 404  403  403    409    409
            DELETE <locked-row>         builtin  *                          premium+unlimited  lock+admin | 404  403  403    403    409

            # Bulk planning (docs/contract-additions.md) sets each row as its PUT would: the same rights and licences, and
            # a refusal of any row refuses the whole request; a locked row is skipped and reported, not refused. The source
            # of a copy needs read; copy-year copies the rows of the year before the caller may read, and no other, and
            # skips (deny) those it may read but not change, as it skips locked ones: a manager who reads the company's row
            # still copies the team's.
            # Fewer rows than for PUT: the three share PUT's code; each relation is tested on each endpoint.
            POST   plan:<row>             builtin  *                          premium+unlimited  lock+admin | 404  403  403    200    200
            POST   plan:<new-row>         builtin  me,my-group-user,other-group-user premium+unlimited lock+admin | 404  403  200    200    200
            POST   plan:<locked-row>      builtin  my-group,other-group-user  premium+unlimited  lock+admin | 404  403  403    skip   skip
            POST   copy:<row>             builtin  company,my-group-user,me,other-group premium+unlimited lock+admin | 404  403  403    200    200
            POST   copy:<new-row>         builtin  company,my-group,other-group premium+unlimited lock+admin | 404  403  200    200    200
            POST   copy:<locked-row>      builtin  me                         premium+unlimited  lock+admin | 404  403  403    skip   skip
            POST   copy-year:<row>        builtin  company,my-group-user,other-group-user premium+unlimited lock+admin | out  deny deny   200    200
            POST   copy-year:<locked-row> builtin  my-group,other-group       premium+unlimited  lock+admin | out  deny deny   skip   skip
            # It copies all of 2027 that the caller may read: only the relations with one row there, and no case at none
            # (the others' opposite right, delete, would copy their five rows).
            POST   copy-year:<new-row>    builtin  company,me                 premium+unlimited  lock+admin | .    deny 200    200    200

            # Sales Premium is needed for every call: 403 license-required, before anything else, whatever the rights.
            GET    <row>                builtin  me                         unlimited          lock+admin | lic  .    .      .      lic
            GET    <row>/history        builtin  me                         unlimited          lock+admin | lic  .    .      .      lic
            GET    <dialog>             builtin  me                         unlimited          lock+admin | lic  .    .      .      lic
            GET    <row>?asOf           builtin  me                         unlimited          lock+admin | lic  .    .      .      lic
            PUT    <row>                builtin  me                         unlimited          lock+admin | lic  .    .      .      lic
            PUT    <new-row>            builtin  me                         unlimited          lock+admin | lic  .    .      .      lic
            DELETE <row>                builtin  me                         unlimited          lock+admin | lic  .    .      .      lic
            POST   <row>/lock           builtin  me                         unlimited          lock+admin | lic  .    .      .      lic
            POST   <locked-row>/unlock  builtin  me                         unlimited          lock+admin | lic  .    .      .      lic
            POST   plan:<row>           builtin  me                         unlimited          lock+admin | lic  .    .      .      lic
            POST   copy:<row>           builtin  me                         unlimited          lock+admin | lic  .    .      .      lic
            POST   copy-year:<row>      builtin  me                         unlimited          lock+admin | lic  .    .      .      lic
            GET    /target-types        -        -                          unlimited          lock+admin | lic  .    .      .      lic
            GET    /target-types/<type> builtin  -                          unlimited          lock+admin | lic  .    .      .      lic
            POST   /target-types        -        -                          unlimited          lock+admin | lic  .    .      .      lic
            GET    /settings            -        -                          unlimited          lock+admin | lic  .    .      .      lic
            PUT    /settings            -        -                          unlimited          lock+admin | lic  .    .      .      lic
            GET    <row>                builtin  company                    -                  -          | lic  .    .      .      lic
            POST   /target-types        -        -                          -                  lock+admin | lic  .    .      .      lic

            # Without Sales Targets Unlimited a year and type gives targets to one group only (section 2). The 2026
            # plan has rows of g-north, g-south and g-west: changing a group's or user's row is refused, the company's
            # is not; in 2028 (no rows) the first group's row is accepted. Locking and removing add no group.
            PUT    <row>                builtin  company                    premium            lock+admin | 404  403  403    200    200
            PUT    <row>                builtin  my-group,me,other-group-user premium          lock+admin | .    .    .      lic    lic
            PUT    <new-row>            builtin  *                          premium            lock+admin | .    .    201    .      .
            DELETE <row>                builtin  *                          premium            lock+admin | .    .    .      .      204
            POST   <row>/lock           builtin  *                          premium            lock+admin | .    .    .      200    .
            POST   plan:<row>           builtin  company                    premium            lock+admin | .    .    .      200    .
            POST   plan:<row>           builtin  my-group,other-group-user  premium            lock+admin | .    .    .      lic    lic
            POST   plan:<new-row>       builtin  my-group-user,other-group  premium            lock+admin | .    .    200    .      .
            POST   copy:<row>           builtin  company                    premium            lock+admin | .    .    .      200    .
            POST   copy-year:<row>      builtin  my-group-user              premium            lock+admin | .    .    .      lic    .

            # ...and only the built-in type can be written (DOMAIN.md; docs/decisions.md); reading the others stays possible.
            GET    <row>                added    company,me,other-group-user premium           lock+admin | 404  200  .      .      .
            GET    <dialog>             added    company,me,other-group-user premium           lock+admin | out  in   .      .      .
            GET    <row>?asOf           added    company,me,other-group-user premium           lock+admin | 404  200  .      .      .
            GET    <dialog>?asOf        added    company,me,other-group-user premium           lock+admin | out  in   .      .      .
            PUT    <row>                added    company,me,other-group-user premium           lock+admin | .    403  .      lic    lic
            DELETE <row>                added    company,me,other-group-user premium           lock+admin | .    .    .      .      lic
            POST   <row>/lock           added    company,me,other-group-user premium           lock+admin | .    .    .      lic    .
            PUT    <row>                added    company,me,other-group-user premium+unlimited lock+admin | .    .    .      200    .
            POST   plan:<row>           added    me,other-group-user        premium            lock+admin | .    403  .      lic    lic
            POST   plan:<row>           added    me                         premium+unlimited  lock+admin | .    .    .      200    .

            # Target types (section 3): reading needs no data right; adding needs Sales Targets Unlimited
            # (license-required), then targets-admin (forbidden), and no data right.
            GET    /target-types        -        -                          premium            -          | 200  200  200    200    200
            GET    /target-types/<type> added    -                          premium            -          | 200  .    .      .      200
            POST   /target-types        -        -                          premium+unlimited  admin      | 201  .    .      .      201
            POST   /target-types        -        -                          premium+unlimited  lock       | 403  .    .      .      403
            POST   /target-types        -        -                          premium            admin      | lic  .    .      .      lic
            POST   /target-types        -        -                          premium            -          | lic  .    .      .      lic

            # The tenant's settings (section 3): anyone of the tenant reads them, whatever the data rights; changing
            # them needs targets-admin (forbidden), and no data right.
            GET    /settings            -        -                          premium            -          | 200  200  200    200    200
            PUT    /settings            -        -                          premium            admin      | 200  .    .      .      200
            PUT    /settings            -        -                          premium            lock       | 403  .    .      .      403
            """;

    static final String CALLER = "u-anna";
    static final String AS_OF = "2100-12-31T23:59:59Z";
    static final List<String> CALLER_GROUPS = List.of("g-north", "g-south");
    static final List<String> LEVELS = List.of("none", "read", "create", "update", "delete");
    static final List<String> RELATIONS = List.of("own", "group", "others", "company");

    /**
     * The rows the matrix acts on, and their relation to the caller by the contract's definition
     * (section 2): company row -> company; group row G -> group if G is in user_groups, else others;
     * user row U of group G -> own if U is the caller, else group if G is in user_groups, else others.
     */
    record Row(String name, String owner, String groupId, String relation) {
    }

    static final List<Row> ROWS = List.of(
            new Row("company", "company", null, "company"),
            new Row("my-group", "groups/g-north", null, "group"),            // the caller's primary group
            new Row("other-group", "groups/g-west", null, "others"),
            new Row("me", "users/u-anna", "g-north", "own"),                 // own, though in the caller's group too
            new Row("my-group-user", "users/u-bo", "g-south", "group"),      // a member of the caller's second group
            new Row("other-group-user", "users/u-cy", "g-west", "others"));

    static final String ADDED_TYPE = "sale-type-count";
    static final String ITEM = "st-1";
    static final int YEAR = 2026;
    static final int LOCKED_YEAR = 2027;
    static final int EMPTY_YEAR = 2028;
    /** The year before {@link #YEAR}: no rows, but the row of a {@code copy-year:<row>} case while it runs. */
    static final int YEAR_BEFORE = 2025;

    record Line(int number, String method, String target, boolean asOf, String type, List<String> rows, List<String> licences,
            List<String> functional, List<String> outcomes) {
    }

    record Case(Line line, Row row, String level, String outcome) {

        boolean allows() {
            return List.of("200", "201", "204", "in", "skip", "deny").contains(outcome);
        }

        boolean writes() {
            return !line.method().equals("GET");
        }

        /** Whether the case changes something: an accepted write, unless it skipped the row. */
        boolean changes() {
            return writes() && allows() && !outcome.equals("skip") && !outcome.equals("deny");
        }

        /** {@code plan}, {@code copy} or {@code copy-year} for bulk planning, else null. */
        String bulk() {
            int colon = line.target().indexOf(':');
            return colon < 0 ? null : line.target().substring(0, colon);
        }

        /** The row the case acts on: {@code <row>}, {@code <new-row>}, {@code <locked-row>} (with a bulk planning's prefix cut). */
        String rowTarget() {
            return line.target().substring(line.target().indexOf(':') + 1);
        }

        int year() {
            String target = rowTarget();
            return target.startsWith("<locked-row>") ? LOCKED_YEAR : target.startsWith("<new-row>") ? EMPTY_YEAR : YEAR;
        }

        @Override
        public String toString() {
            String holds = row == null ? "all=" + level : row.name() + " (" + row.relation() + "=" + level + ")";
            return "%s %s%s %s, %s, licences %s, functional %s -> %s (matrix line %d)".formatted(line.method(), line.target(),
                    line.asOf() ? "?asOf" : "",
                    line.type(), holds, String.join("+", line.licences()), String.join("+", line.functional()), outcome,
                    line.number());
        }
    }

    @Inject
    Sql sql;

    private final String tenant = newTenant();
    private final DevToken.Builder boss = admin(tenant);
    private final AtomicInteger sequence = new AtomicInteger(100);

    @TestFactory
    Stream<DynamicNode> everyCaseOfTheMatrixAndTenantIsolation() {
        createRows();
        List<Case> cases = cases();
        Stream<DynamicNode> matrix = cases.stream().map(c -> dynamicTest(c.toString(), () -> run(c)));
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
            if (left.length != 6 || right.length != LEVELS.size()) {
                throw new IllegalArgumentException("line " + (i + 1) + " of the matrix is malformed: " + line);
            }
            boolean asOf = left[1].endsWith("?asOf");
            lines.add(new Line(i + 1, left[0], left[1].replace("?asOf", ""), asOf, left[2], list(left[3], ","), list(left[4], "\\+"),
                    list(left[5], "\\+"), List.of(right)));
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
        boolean source = "copy-year".equals(c.bulk()) && c.year() == YEAR;
        if (source) {
            // the year before holds the row alone while the case runs
            as(boss).body(monthly(sequence.incrementAndGet(), c.row().groupId())).put(row(YEAR_BEFORE, typeId(c), c.row()))
                    .then().statusCode(201);
        }
        try {
            State before = c.writes() ? state(c) : null;

            Response response = send(c, token(c)).request(c.line().method(), path(c));

            expect(c, response);
            if (!c.writes()) {
                return;
            }
            State after = state(c);
            if (!c.changes()) {
                assertThat(after).as(c.allows() ? "a skipped row is left as it was" : "a refused write changes nothing")
                        .isEqualTo(before);
                return;
            }
            assertThat(after.events()).as("one event, none for settings")
                    .isEqualTo(before.events() + (c.line().target().equals("/settings") ? 0 : 1));
            applied(c, before, after, response);
            restore(c);
        } finally {
            if (source) {
                as(boss).delete(row(YEAR_BEFORE, typeId(c), c.row())).then().statusCode(204);
            }
        }
    }

    /** The caller: the case's level on the row's relation, the opposite on the others (or the level on all). */
    private DevToken.Builder token(Case c) {
        Map<String, String> rights = new LinkedHashMap<>();
        for (String relation : RELATIONS) {
            boolean tested = c.row() == null || c.row().relation().equals(relation);
            rights.put(relation, tested ? c.level() : c.allows() ? "none" : "delete");
        }
        return DevToken.builder().tenant(tenant).user(CALLER).groups(CALLER_GROUPS).rights(rights)
                .licenses(c.line().licences().stream().map(AccessMatrixTest::licence).toList())
                .functionalRights(c.line().functional().stream().map(AccessMatrixTest::functionalRight).toList());
    }

    private static String licence(String column) {
        return switch (column) {
            case "premium" -> "sales-premium";
            case "unlimited" -> "sales-targets-unlimited";
            default -> throw new IllegalArgumentException("no licence " + column);
        };
    }

    private static String functionalRight(String column) {
        return switch (column) {
            case "lock" -> "lock-targets";
            case "admin" -> "targets-admin";
            default -> throw new IllegalArgumentException("no functional right " + column);
        };
    }

    private RequestSpecification send(Case c, DevToken.Builder token) {
        RequestSpecification request = as(token);
        if (c.line().type().equals("added") && (c.line().target().startsWith("<") || c.bulk() != null)) {
            request.queryParam("item", ITEM);
        }
        if (c.line().asOf()) {
            request.queryParam("asOf", AS_OF);
        }
        if (c.bulk() != null) {
            return request.body(bulkBody(c, sequence.incrementAndGet()));
        }
        return switch (c.line().method() + " " + c.line().target()) {
            case "PUT <row>", "PUT <new-row>", "PUT <locked-row>" -> request.body(monthly(sequence.incrementAndGet(), c.row().groupId()));
            case "POST /target-types" -> {
                int n = sequence.incrementAndGet();
                yield request.body(Map.of("name", "Matrix type " + n, "dimension", "matrix-" + n, "unit", "COUNT"));
            }
            case "PUT /settings" -> request.body(Map.of("reasonRequiredAfterUnlock", false));
            default -> request;
        };
    }

    /**
     * A bulk planning request of the case's row alone, its values new to the row ({@code n} is never used twice), and
     * whole (the dialog's totals are read as integers): a yearly amount of {@code 12 n} split evenly, {@code n} a month;
     * a copy of a row holding 1000 a month changed by {@code n / 10} percent, {@code 1000 + n} a month; the year before
     * as it is (for {@code <row>}, {@code n} a month, put there by {@link #check}).
     */
    private Map<String, Object> bulkBody(Case c, int n) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (c.bulk()) {
            case "plan" -> {
                Map<String, Object> row = rowOf(c.row());
                row.put("yearly", 12 * n);
                row.put("split", "even");
                body.put("interval", "MONTH");
                body.put("rows", List.of(row));
            }
            case "copy" -> {
                if (c.line().type().equals("added")) {
                    throw new IllegalArgumentException("no row to copy from for the added type: " + c);
                }
                Map<String, Object> from = rowOf(c.row());
                from.remove("groupId");
                from.put("year", c.year() == LOCKED_YEAR ? YEAR : LOCKED_YEAR);
                from.put("typeId", TYPE);
                body.put("from", from);
                body.put("to", List.of(rowOf(c.row())));
                body.put("changePercent", BigDecimal.valueOf(n, 1));
            }
            case "copy-year" -> body.put("changePercent", 0);
            default -> throw new IllegalArgumentException("no bulk planning " + c.bulk());
        }
        body.put("reason", "Access matrix " + n);
        return body;
    }

    /** A row as bulk planning names it: level, owner, and a user's group. */
    private static Map<String, Object> rowOf(Row row) {
        Map<String, Object> named = new LinkedHashMap<>();
        if (row.owner().equals("company")) {
            named.put("level", "COMPANY");
        } else {
            named.put("level", row.owner().startsWith("groups/") ? "GROUP" : "USER");
            named.put("ownerId", ownerId(row));
        }
        if (row.groupId() != null) {
            named.put("groupId", row.groupId());
        }
        return named;
    }

    private String path(Case c) {
        if (c.bulk() != null) {
            return "/api/v1/targets/" + c.year() + "/" + typeId(c) + "/" + c.bulk();
        }
        String target = c.line().target();
        if (target.equals("/target-types")) {
            return "/api/v1/target-types";
        }
        if (target.equals("/settings")) {
            return "/api/v1/settings";
        }
        if (target.equals("/target-types/<type>")) {
            return "/api/v1/target-types/" + typeId(c);
        }
        if (target.equals("<dialog>")) {
            return "/api/v1/targets/" + YEAR + "/" + typeId(c);
        }
        return rowPath(c) + target.replaceFirst("^<[a-z-]+>", "");
    }

    private static String rowPath(Case c) {
        return row(c.year(), typeId(c), c.row());
    }

    /** How bulk planning's answer names the row: its path, with its item. */
    private static String answerPath(Case c) {
        return rowPath(c) + (c.line().type().equals("added") ? "?item=" + ITEM : "");
    }

    private static String typeId(Case c) {
        return c.line().type().equals("added") ? ADDED_TYPE : TYPE;
    }

    private void expect(Case c, Response response) {
        if (c.bulk() != null) {
            expectBulk(c, response);
            return;
        }
        switch (c.outcome()) {
            case "200", "201", "204" -> {
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(Integer.parseInt(c.outcome()));
                answered(c, response);
            }
            case "in", "out" -> {
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
                assertThat(listed(response.jsonPath(), c.row())).as("the row in the dialog").isEqualTo(c.outcome().equals("in"));
            }
            case "403" -> problem(response, 403, "forbidden");
            case "lic" -> problem(response, 403, "license-required");
            case "404" -> problem(response, 404, "not-found");
            case "409" -> problem(response, 409, "target-locked");
            default -> throw new IllegalArgumentException("unknown outcome " + c.outcome());
        }
    }

    /** A bulk planning's answer: the row changed, skipped or not copied; or the request refused, naming the row. */
    private void expectBulk(Case c, Response response) {
        String row = answerPath(c);
        switch (c.outcome()) {
            case "200" -> {
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
                JsonPath answer = response.jsonPath();
                assertThat(answer.getList("changed.path", String.class)).as("changed").containsExactly(row);
                assertThat(answer.getList("unchanged")).as("unchanged").isEmpty();
                assertThat(answer.getList("skipped")).as("skipped").isEmpty();
            }
            case "skip", "deny" -> {
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
                JsonPath answer = response.jsonPath();
                assertThat(answer.getList("changed")).as("changed").isEmpty();
                assertThat(answer.getList("unchanged")).as("unchanged").isEmpty();
                assertThat(answer.getList("skipped.findAll { it.path == '" + row + "' }.reason", String.class)).as("skipped")
                        .containsExactly(c.outcome().equals("skip") ? "target-locked" : "forbidden");
            }
            case "out" -> {
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
                JsonPath answer = response.jsonPath();
                for (String list : List.of("changed", "unchanged", "skipped")) {
                    assertThat(answer.getList(list + ".path", String.class)).as(list).doesNotContain(row);
                }
            }
            case "403", "lic", "404" -> {
                expectProblem(c, response);
                if (c.line().licences().contains("premium")) {
                    // the row's refusal, not the caller's (no Sales Premium): its detail names the row
                    assertThat(response.jsonPath().getString("detail")).as("detail names the row").containsAnyOf(switch (c.bulk()) {
                        case "plan" -> new String[] {"rows[0]"};
                        case "copy" -> new String[] {"from", "to[0]"};
                        default -> new String[] {row};
                    });
                }
            }
            default -> throw new IllegalArgumentException("unknown outcome of bulk planning " + c.outcome());
        }
    }

    private static void expectProblem(Case c, Response response) {
        switch (c.outcome()) {
            case "403" -> problem(response, 403, "forbidden");
            case "lic" -> problem(response, 403, "license-required");
            case "404" -> problem(response, 404, "not-found");
            default -> throw new IllegalArgumentException("not a problem: " + c.outcome());
        }
    }

    private static void problem(Response response, int status, String slug) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("type")).isEqualTo("/problems/" + slug);
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
    }

    /** What an accepted request answers. */
    private void answered(Case c, Response response) {
        switch (c.line().method() + " " + c.line().target()) {
            case "GET <row>", "PUT <row>", "PUT <new-row>", "POST <row>/lock", "POST <locked-row>/unlock" -> {
                assertThat(response.jsonPath().getString("tenantId")).isEqualTo(tenant);
                assertThat(response.jsonPath().getString("ownerId")).isEqualTo(ownerId(c.row()));
            }
            case "GET <row>/history" -> assertThat(response.jsonPath().getList("event")).isNotEmpty();
            case "GET /target-types" -> assertThat(response.jsonPath().getList("id", String.class)).contains(TYPE, ADDED_TYPE);
            case "GET /target-types/<type>" -> assertThat(response.jsonPath().getString("id")).isEqualTo(typeId(c));
            case "POST /target-types" -> assertThat(response.header("Location")).contains("/api/v1/target-types/matrix-type-");
            case "GET /settings", "PUT /settings" -> assertThat(response.jsonPath().getBoolean("reasonRequiredAfterUnlock")).isFalse();
            case "DELETE <row>" -> assertThat(response.asString()).isEmpty();
            default -> throw new IllegalArgumentException("no check for an accepted " + c.line().method() + " " + c.line().target());
        }
    }

    private static String ownerId(Row row) {
        return row.owner().equals("company") ? "company" : row.owner().substring(row.owner().indexOf('/') + 1);
    }

    /** Whether the target dialog lists the row. */
    private static boolean listed(JsonPath dialog, Row row) {
        String owner = ownerId(row);
        if (row.owner().equals("company")) {
            return dialog.get("company") != null;
        }
        if (row.owner().startsWith("groups/")) {
            return dialog.getList("groups.findAll { it.target != null }.groupId", String.class).contains(owner);
        }
        return dialog.getList("groups.users.flatten().ownerId", String.class).contains(owner);
    }

    // --- what a write did, and putting it back -----------------------------------------------------

    /**
     * The written row as the admin reads it (or the tenant's types, or when its settings last changed), and the
     * tenant's events in the store.
     */
    record State(int status, Long version, Boolean locked, BigDecimal total, List<String> types, String settingsChanged, long events) {
    }

    private State state(Case c) {
        long events = events(tenant);
        if (c.line().target().equals("/target-types")) {
            return new State(200, null, null, null, as(boss).get("/api/v1/target-types").jsonPath().getList("id", String.class), null,
                    events);
        }
        if (c.line().target().equals("/settings")) {
            return new State(200, null, null, null, null, as(boss).get("/api/v1/settings").jsonPath().getString("updatedAt"), events);
        }
        RequestSpecification request = as(boss);
        if (c.line().type().equals("added")) {
            request.queryParam("item", ITEM);
        }
        Response row = request.get(rowPath(c));
        if (row.statusCode() != 200) {
            return new State(row.statusCode(), null, null, null, null, null, events);
        }
        JsonPath json = row.jsonPath();
        return new State(200, json.getLong("version"), json.getBoolean("locked"), new BigDecimal(json.getString("total")), null, null,
                events);
    }

    private void applied(Case c, State before, State after, Response response) {
        if (c.bulk() != null) {
            if (c.rowTarget().equals("<new-row>")) {
                assertThat(before.status()).as("absent before").isEqualTo(404);
                assertThat(after.status()).isEqualTo(200);
            } else {
                assertThat(after.version()).isEqualTo(before.version() + 1);
            }
            assertThat(response.jsonPath().getLong("changed[0].version")).as("the version answered").isEqualTo(after.version());
            return;
        }
        switch (c.line().method() + " " + c.line().target()) {
            case "PUT <row>" -> assertThat(after.version()).isEqualTo(before.version() + 1);
            case "PUT <new-row>" -> {
                assertThat(before.status()).as("absent before").isEqualTo(404);
                assertThat(after.status()).isEqualTo(200);
                assertThat(response.header("Location")).endsWith(path(c));
            }
            case "DELETE <row>" -> assertThat(after.status()).as("removed").isEqualTo(404);
            case "POST <row>/lock" -> assertThat(after.locked()).isTrue();
            case "POST <locked-row>/unlock" -> assertThat(after.locked()).isFalse();
            case "POST /target-types" -> assertThat(after.types()).hasSize(before.types().size() + 1);
            case "PUT /settings" -> assertThat(after.settingsChanged()).isNotNull().isNotEqualTo(before.settingsChanged());
            default -> throw new IllegalArgumentException("no check for " + c);
        }
    }

    /** Puts back what an accepted write changed, so that every case starts from the same rows. */
    private void restore(Case c) {
        RequestSpecification admin = as(boss);
        if (c.line().type().equals("added")) {
            admin.queryParam("item", ITEM);
        }
        if (c.bulk() != null) {
            if (c.rowTarget().equals("<new-row>")) {
                admin.delete(rowPath(c)).then().statusCode(204);
            }
            // else a changed value: no case depends on it
            return;
        }
        switch (c.line().method() + " " + c.line().target()) {
            case "PUT <new-row>" -> admin.delete(rowPath(c)).then().statusCode(204);
            case "DELETE <row>" -> admin.body(monthly(1000, c.row().groupId())).put(rowPath(c)).then().statusCode(201);
            case "POST <row>/lock" -> admin.post(rowPath(c) + "/unlock").then().statusCode(200);
            case "POST <locked-row>/unlock" -> admin.post(rowPath(c) + "/lock").then().statusCode(200);
            default -> {
                // a changed value or an added type: no case depends on it
            }
        }
    }

    private long events(String tenantId) {
        return sql.one("SELECT count(*) FROM events WHERE tenant_id = ?", row -> row.getLong(1), tenantId);
    }

    // --- the rows every case starts from ----------------------------------------------------------

    private void createRows() {
        as(boss).body(Map.of("id", ADDED_TYPE, "name", "Sale type - Count", "dimension", "sale-type", "unit", "COUNT"))
                .post("/api/v1/target-types").then().statusCode(201);
        for (Row row : ROWS) {
            as(boss).body(monthly(1000, row.groupId())).put(row(YEAR, TYPE, row)).then().statusCode(201);
            as(boss).body(monthly(1000, row.groupId())).put(row(LOCKED_YEAR, TYPE, row)).then().statusCode(201);
            as(boss).post(row(LOCKED_YEAR, TYPE, row) + "/lock").then().statusCode(200);
            as(boss).queryParam("item", ITEM).body(monthly(1000, row.groupId())).put(row(YEAR, ADDED_TYPE, row)).then().statusCode(201);
        }
    }

    private static String row(int year, String type, Row row) {
        return "/api/v1/targets/" + year + "/" + type + "/" + row.owner();
    }

    // --- tenant isolation -----------------------------------------------------------------------------

    /**
     * A second tenant, whose id begins with the first's, with the same type id, group and user ids and
     * full rights, on every read path: row, history, dialog, types. It sees nothing of the first
     * tenant's; what it writes on the same paths is its own, and the first tenant's rows, histories and
     * events stay as they were.
     */
    class TenantIsolation {

        private final String other = tenant + "-b";
        private final DevToken.Builder stranger = DevToken.builder().tenant(other).user(CALLER).groups(CALLER_GROUPS);
        private final DevToken.Builder strangerBoss = admin(other);

        Stream<DynamicNode> tests() {
            return Stream.of(
                    dynamicTest("another tenant finds none of the rows, histories, dialogs and types", this::seesNothing),
                    dynamicTest("another tenant's writes on the same ids are its own", this::writesItsOwn),
                    dynamicTest("each tenant then reads its own rows, histories and dialogs only", this::readsItsOwn));
        }

        private void seesNothing() {
            for (Row row : ROWS) {
                for (String path : List.of(row(YEAR, TYPE, row), row(LOCKED_YEAR, TYPE, row))) {
                    problem(as(stranger).get(path), 404, "not-found");
                    problem(as(stranger).get(path + "/history"), 404, "not-found");
                }
                problem(as(stranger).queryParam("item", ITEM).get(row(YEAR, ADDED_TYPE, row)), 404, "not-found");
                problem(as(stranger).queryParam("item", ITEM).get(row(YEAR, ADDED_TYPE, row) + "/history"), 404, "not-found");
            }
            for (int year : List.of(YEAR, LOCKED_YEAR, EMPTY_YEAR)) {
                JsonPath dialog = as(stranger).get("/api/v1/targets/" + year + "/" + TYPE).then().statusCode(200).extract().jsonPath();
                assertThat((Object) dialog.get("company")).isNull();
                assertThat(dialog.getList("groups")).isEmpty();
                assertThat((Object) dialog.get("interval")).isNull();
            }
            problem(as(stranger).queryParam("item", ITEM).get("/api/v1/targets/" + YEAR + "/" + ADDED_TYPE), 404, "not-found");
            assertThat(as(stranger).get("/api/v1/target-types").then().statusCode(200).extract().jsonPath().getList("id", String.class))
                    .containsExactly(TYPE);
            problem(as(stranger).get("/api/v1/target-types/" + ADDED_TYPE), 404, "not-found");
        }

        private void writesItsOwn() {
            Map<String, String> before = snapshot();
            long events = events(tenant);

            as(strangerBoss).body(Map.of("id", ADDED_TYPE, "name", "Sale type - Count", "dimension", "sale-type", "unit", "COUNT"))
                    .post("/api/v1/target-types").then().statusCode(201);
            for (Row row : ROWS) {
                as(strangerBoss).body(monthly(7, row.groupId())).put(row(YEAR, TYPE, row)).then().statusCode(201)
                        .body("tenantId", equalTo(other))
                        .body("version", equalTo(1));
                as(strangerBoss).body(monthly(7, row.groupId())).put(row(LOCKED_YEAR, TYPE, row)).then().statusCode(201);
                as(strangerBoss).post(row(YEAR, TYPE, row) + "/lock").then().statusCode(200);
                as(strangerBoss).delete(row(LOCKED_YEAR, TYPE, row)).then().statusCode(204);
                as(strangerBoss).queryParam("item", ITEM).body(monthly(7, row.groupId())).put(row(YEAR, ADDED_TYPE, row))
                        .then().statusCode(201);
            }

            assertThat(snapshot()).as("the first tenant's rows").isEqualTo(before);
            assertThat(events(tenant)).as("the first tenant's events").isEqualTo(events);
            assertThat(events(other)).as("the other tenant's events").isEqualTo(1 + ROWS.size() * 5L);
        }

        private void readsItsOwn() {
            for (Row row : ROWS) {
                as(stranger).get(row(YEAR, TYPE, row)).then().statusCode(200)
                        .body("tenantId", equalTo(other))
                        .body("total", equalTo(84))
                        .body("version", equalTo(2));
                assertThat(as(stranger).get(row(YEAR, TYPE, row) + "/history").then().statusCode(200).extract().jsonPath()
                        .getList("event", String.class)).containsExactly("TargetSet", "TargetLocked");
                assertThat(as(stranger).get(row(LOCKED_YEAR, TYPE, row) + "/history").then().statusCode(200).extract().jsonPath()
                        .getList("event", String.class)).containsExactly("TargetSet", "TargetRemoved");
                problem(as(stranger).get(row(LOCKED_YEAR, TYPE, row)), 404, "not-found");
                assertThat(as(boss).get(row(LOCKED_YEAR, TYPE, row)).then().statusCode(200).extract().jsonPath().getBoolean("locked"))
                        .as("the first tenant's locked row").isTrue();
                assertThat(valuesIn(as(boss).get(row(YEAR, TYPE, row) + "/history").then().statusCode(200).extract().jsonPath()))
                        .as("no value of the other tenant in the first's history").isNotEmpty().doesNotContain(7);
            }
            JsonPath mine = as(stranger).get("/api/v1/targets/" + YEAR + "/" + TYPE).then().statusCode(200).extract().jsonPath();
            assertThat(mine.getInt("company.total")).isEqualTo(84);
            assertThat(mine.getList("groups.target.findAll { it != null }.total", Integer.class)).containsOnly(84);
            assertThat(mine.getList("groups.users.flatten().total", Integer.class)).containsOnly(84);
            assertThat(mine.getList("groups.users.flatten().tenantId", String.class)).containsOnly(other);
            JsonPath theirs = as(boss).get("/api/v1/targets/" + YEAR + "/" + TYPE).then().statusCode(200).extract().jsonPath();
            assertThat(theirs.getList("groups.users.flatten().tenantId", String.class)).containsOnly(tenant).hasSize(3);
            assertThat(theirs.getList("groups.users.flatten().total", Integer.class)).doesNotContain(84);
            assertThat(as(stranger).get("/api/v1/target-types").then().statusCode(200).extract().jsonPath().getList("id", String.class))
                    .containsExactly(TYPE, ADDED_TYPE);
            assertThat(as(boss).get("/api/v1/target-types").then().statusCode(200).extract().jsonPath().getList("id", String.class))
                    .contains(TYPE, ADDED_TYPE);
        }

        /** Every value a history's entries changed to. */
        private List<Object> valuesIn(JsonPath history) {
            List<Object> values = new ArrayList<>();
            for (Object changes : history.getList("changes")) {
                if (changes != null) {
                    ((List<?>) changes).forEach(change -> values.add(((Map<?, ?>) change).get("to")));
                }
            }
            return values;
        }

        /** The first tenant's rows as its admin reads them: version, lock and values. */
        private Map<String, String> snapshot() {
            Map<String, String> rows = new LinkedHashMap<>();
            for (Row row : ROWS) {
                for (String path : List.of(row(YEAR, TYPE, row), row(LOCKED_YEAR, TYPE, row))) {
                    rows.put(path, state(as(boss).get(path)));
                }
                rows.put(row(YEAR, ADDED_TYPE, row), state(as(boss).queryParam("item", ITEM).get(row(YEAR, ADDED_TYPE, row))));
            }
            return rows;
        }

        private String state(Response row) {
            JsonPath json = row.then().statusCode(200).extract().jsonPath();
            return Arrays.asList(json.getString("tenantId"), json.getString("version"), json.getString("locked"),
                    json.getString("values")).toString();
        }
    }
}
