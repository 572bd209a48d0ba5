package io.salestargets.command.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.command.domain.CommandRefused.Reason;
import io.salestargets.events.access.Caller;
import io.salestargets.events.access.Relation;
import io.salestargets.events.access.Right;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.TargetType;
import io.salestargets.events.targets.Unit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class AccessTest {

    private static final String TYPE = "all-sales-amount";

    @Test
    void relatesRowsToTheCaller() {
        Caller anna = caller(Map.of(), Set.of(), Set.of());

        assertThat(anna.relationTo(RowId.company(2026, TYPE, null), null)).isEqualTo(Relation.COMPANY);
        assertThat(anna.relationTo(RowId.group(2026, TYPE, "g-north", null), null)).isEqualTo(Relation.GROUP);
        assertThat(anna.relationTo(RowId.group(2026, TYPE, "g-west", null), null)).isEqualTo(Relation.OTHERS);
        assertThat(anna.relationTo(RowId.user(2026, TYPE, "u-anna", null), "g-west")).isEqualTo(Relation.OWN);
        assertThat(anna.relationTo(RowId.user(2026, TYPE, "u-bo", null), "g-south")).as("second group").isEqualTo(Relation.GROUP);
        assertThat(anna.relationTo(RowId.user(2026, TYPE, "u-cy", null), "g-west")).isEqualTo(Relation.OTHERS);
        assertThat(anna.relationTo(RowId.user(2026, TYPE, "u-cy", null), null)).isEqualTo(Relation.OTHERS);
    }

    @Test
    void rightLevelsIncludeTheOnesBefore() {
        assertThat(Right.DELETE.includes(Right.UPDATE)).isTrue();
        assertThat(Right.UPDATE.includes(Right.CREATE)).isTrue();
        assertThat(Right.CREATE.includes(Right.READ)).isTrue();
        assertThat(Right.READ.includes(Right.CREATE)).isFalse();
        assertThat(Right.NONE.includes(Right.READ)).isFalse();
        assertThat(Right.fromClaim("update")).isEqualTo(Right.UPDATE);
    }

    record Case(Right held, Right needed, Reason expected) {
        @Override
        public String toString() {
            return "holding " + held + ", needing " + needed + " -> " + (expected == null ? "allowed" : expected);
        }
    }

    /** Every held level against every needed level: below read is 404, below the need is 403. */
    static final List<Case> RIGHTS = cases();

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Right held : Right.values()) {
            for (Right needed : List.of(Right.READ, Right.CREATE, Right.UPDATE, Right.DELETE)) {
                Reason expected = !held.includes(Right.READ) ? Reason.NOT_FOUND : held.includes(needed) ? null : Reason.FORBIDDEN;
                cases.add(new Case(held, needed, expected));
            }
        }
        return cases;
    }

    @ParameterizedTest
    @FieldSource("RIGHTS")
    void dataRightsDecideWithNotFoundBelowRead(Case c) {
        for (Relation relation : Relation.values()) {
            Caller caller = caller(Map.of(relation, c.held()), Set.of(), Set.of());
            // the other relations stay at none: they never leak into this one
            Runnable check = () -> Access.requireRight(caller, relation, c.needed());
            if (c.expected() == null) {
                assertThatCode(check::run).doesNotThrowAnyException();
            } else {
                assertRefused(check, c.expected());
            }
        }
    }

    @Test
    void lockingNeedsTheFunctionalRightAndUpdate() {
        Map<Relation, Right> update = Map.of(Relation.GROUP, Right.UPDATE);
        Map<Relation, Right> read = Map.of(Relation.GROUP, Right.READ);

        assertThatCode(() -> Access.requireLockRight(caller(update, Set.of(), Set.of(Caller.LOCK_TARGETS)), Relation.GROUP))
                .doesNotThrowAnyException();
        assertRefused(() -> Access.requireLockRight(caller(update, Set.of(), Set.of()), Relation.GROUP), Reason.FORBIDDEN);
        assertRefused(() -> Access.requireLockRight(caller(read, Set.of(), Set.of(Caller.LOCK_TARGETS)), Relation.GROUP), Reason.FORBIDDEN);
        assertRefused(() -> Access.requireLockRight(caller(Map.of(), Set.of(), Set.of(Caller.LOCK_TARGETS)), Relation.GROUP),
                Reason.NOT_FOUND);
    }

    @Test
    void addingTypesNeedsTheLicenceFirstThenTheAdminRight() {
        assertRefused(() -> Access.requireTypeAdmin(caller(Map.of(), Set.of(), Set.of(Caller.TARGETS_ADMIN))), Reason.LICENSE_REQUIRED);
        assertRefused(() -> Access.requireTypeAdmin(caller(Map.of(), Set.of(), Set.of())), Reason.LICENSE_REQUIRED);
        assertRefused(() -> Access.requireTypeAdmin(caller(Map.of(), Set.of(Caller.SALES_TARGETS_UNLIMITED), Set.of())),
                Reason.FORBIDDEN);
        assertThatCode(() -> Access.requireTypeAdmin(caller(Map.of(), Set.of(Caller.SALES_TARGETS_UNLIMITED),
                Set.of(Caller.TARGETS_ADMIN)))).doesNotThrowAnyException();
    }

    @Test
    void withoutUnlimitedOnlyTheBuiltInTypeIsUsable() {
        TargetType added = new TargetType("sale-type-count", "Sale type - Count", "sale-type", Unit.COUNT);
        Caller premium = caller(Map.of(), Set.of(), Set.of());
        Caller unlimited = caller(Map.of(), Set.of(Caller.SALES_TARGETS_UNLIMITED), Set.of());

        assertThatCode(() -> Access.requireTypeUsable(premium, TargetType.ALL_SALES_AMOUNT)).doesNotThrowAnyException();
        assertRefused(() -> Access.requireTypeUsable(premium, added), Reason.LICENSE_REQUIRED);
        assertThatCode(() -> Access.requireTypeUsable(unlimited, added)).doesNotThrowAnyException();
    }

    static Caller caller(Map<Relation, Right> rights, Set<String> extraLicenses, Set<String> functional) {
        Set<String> licenses = new HashSet<>(extraLicenses);
        licenses.add(Caller.SALES_PREMIUM);
        return new Caller("acme", "u-anna", List.of("g-north", "g-south"), licenses, rights, functional);
    }

    static void assertRefused(Runnable command, Reason reason) {
        assertThatThrownBy(command::run).isInstanceOf(CommandRefused.class)
                .extracting(e -> ((CommandRefused) e).reason()).isEqualTo(reason);
    }
}
