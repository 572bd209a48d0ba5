package io.salestargets.command.domain;

import static io.salestargets.command.domain.AccessTest.assertRefused;
import static io.salestargets.command.domain.AccessTest.caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.command.domain.CommandRefused.Reason;
import io.salestargets.command.domain.TargetTypes.NewType;
import io.salestargets.events.FieldError;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.access.Caller;
import io.salestargets.events.targets.TargetType;
import io.salestargets.events.targets.TargetTypeAdded;
import io.salestargets.events.targets.Unit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetTypesTest {

    private final Caller admin = caller(Map.of(), Set.of(Caller.SALES_TARGETS_UNLIMITED), Set.of(Caller.TARGETS_ADMIN));
    private final List<TargetType> builtIn = List.of(TargetType.ALL_SALES_AMOUNT);

    @Test
    void addsATypeWithAnIdFromItsName() {
        TargetTypeAdded added = TargetTypes.add(admin, builtIn, new NewType(null, "Sale type - Count", "sale-type", Unit.COUNT),
                EventContext.now("u-anna", null));

        assertThat(added.targetType()).isEqualTo(new TargetType("sale-type-count", "Sale type - Count", "sale-type", Unit.COUNT));
        assertThat(added.key()).isEqualTo("acme/types/sale-type-count");
    }

    @Test
    void derivesIdsFromNames() {
        assertThat(TargetTypes.idFrom("Company category - Profit")).isEqualTo("company-category-profit");
        assertThat(TargetTypes.idFrom("  Salgstype – Antall (Ø) ")).isEqualTo("salgstype-antall-o");
        assertThat(TargetTypes.idFrom("x".repeat(70))).hasSize(64);
    }

    @Test
    void refusesASecondTypeWithTheSameIdOrTheSameDimensionAndUnit() {
        List<TargetType> existing = List.of(TargetType.ALL_SALES_AMOUNT,
                new TargetType("sale-type-count", "Sale type - Count", "sale-type", Unit.COUNT));

        assertRefused(() -> add(existing, new NewType("all-sales-amount", "Other", "sale-type", Unit.AMOUNT)), Reason.DUPLICATE);
        assertRefused(() -> add(existing, new NewType("all-amount", "All - Amount", "all", Unit.AMOUNT)), Reason.DUPLICATE);
        assertRefused(() -> add(existing, new NewType(null, "Sale types counted", "sale-type", Unit.COUNT)), Reason.DUPLICATE);
        assertThat(add(existing, new NewType(null, "Sale type - Amount", "sale-type", Unit.AMOUNT)).targetType().id())
                .isEqualTo("sale-type-amount");
    }

    @Test
    void namesEachInvalidField() {
        assertThatThrownBy(() -> add(builtIn, new NewType("Bad_Id", " ", "Sale Type", null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("name", "id", "dimension", "unit"));
        assertThatThrownBy(() -> add(builtIn, new NewType(null, "!!!", "all", Unit.COUNT)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("name"));
    }

    @Test
    void needsTheLicenceAndTheAdminRight() {
        NewType request = new NewType(null, "Sale type - Count", "sale-type", Unit.COUNT);

        assertRefused(() -> TargetTypes.add(caller(Map.of(), Set.of(), Set.of(Caller.TARGETS_ADMIN)), builtIn, request,
                EventContext.now("u-anna", null)), Reason.LICENSE_REQUIRED);
        assertRefused(() -> TargetTypes.add(caller(Map.of(), Set.of(Caller.SALES_TARGETS_UNLIMITED), Set.of()), builtIn, request,
                EventContext.now("u-anna", null)), Reason.FORBIDDEN);
    }

    private TargetTypeAdded add(List<TargetType> existing, NewType request) {
        return TargetTypes.add(admin, existing, request, EventContext.now("u-anna", null));
    }
}
