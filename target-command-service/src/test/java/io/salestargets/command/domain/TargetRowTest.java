package io.salestargets.command.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.command.domain.CommandRefused.Reason;
import io.salestargets.events.FieldError;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.Measure;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.TargetRemoved;
import io.salestargets.events.targets.TargetRowEvent;
import io.salestargets.events.targets.TargetSet;
import io.salestargets.events.targets.TargetUnlocked;
import io.salestargets.events.targets.Unit;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetRowTest {

    private static final Measure AMOUNT = new Measure("all", Unit.AMOUNT);
    private static final Measure COUNT = new Measure("sale-type", Unit.COUNT);
    private static final RowId ANNA = RowId.user(2026, "all-sales-amount", "u-anna", null);
    private static final RowId NORTH = RowId.group(2026, "all-sales-amount", "g-north", null);

    private final List<TargetRowEvent> events = new ArrayList<>();

    @Test
    void theFirstSetCreatesVersionOne() {
        TargetSet set = row(ANNA).set(monthly("1000", "g-north"), AMOUNT, context(), TenantSettings.DEFAULTS).orElseThrow();

        assertThat(set.version()).isEqualTo(1);
        assertThat(set.values()).hasSize(12).containsOnly(new BigDecimal("1000"));
        assertThat(set.groupId()).isEqualTo("g-north");
        assertThat(set.targetType()).isEqualTo(AMOUNT);
        assertThat(set.actor()).isEqualTo("u-boss");
    }

    @Test
    void setsThatChangeNothingEmitNothing() {
        record(row(ANNA).set(monthly("1000", "g-north"), AMOUNT, context(), TenantSettings.DEFAULTS).orElseThrow());

        assertThat(row(ANNA).set(monthly("1000.00", "g-north"), AMOUNT, context(), TenantSettings.DEFAULTS)).isEmpty();
        assertThat(row(ANNA).version()).isEqualTo(1);
        assertThat(row(ANNA).set(monthly("1000", "g-south"), AMOUNT, context(), TenantSettings.DEFAULTS)).get()
                .extracting(TargetSet::version).isEqualTo(2L);
    }

    @Test
    void versionsGrowByOnePerEventAcrossLocksAndRemoval() {
        record(row(NORTH).set(quarterly("5"), AMOUNT, context(), TenantSettings.DEFAULTS).orElseThrow());
        record(row(NORTH).changeLock(true, context(), TenantSettings.DEFAULTS).orElseThrow());
        record(row(NORTH).changeLock(false, context(), TenantSettings.DEFAULTS).orElseThrow());
        record(row(NORTH).remove(context(), TenantSettings.DEFAULTS));
        assertThat(row(NORTH).exists()).isFalse();

        TargetSet again = row(NORTH).set(quarterly("6"), AMOUNT, context(), TenantSettings.DEFAULTS).orElseThrow();

        assertThat(again.version()).isEqualTo(5);
        assertThat(events).extracting(TargetRowEvent::version).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void lockedRowsRefuseSetAndRemove() {
        record(row(NORTH).set(quarterly("5"), AMOUNT, context(), TenantSettings.DEFAULTS).orElseThrow());
        record(row(NORTH).changeLock(true, context(), TenantSettings.DEFAULTS).orElseThrow());

        assertRefused(() -> row(NORTH).set(quarterly("6"), AMOUNT, context(), TenantSettings.DEFAULTS), Reason.TARGET_LOCKED);
        assertRefused(() -> row(NORTH).remove(context(), TenantSettings.DEFAULTS), Reason.TARGET_LOCKED);
        assertThat(row(NORTH).changeLock(true, context(), TenantSettings.DEFAULTS)).as("locking a locked row").isEmpty();
    }

    @Test
    void unlockingAnUnlockedRowEmitsNothing() {
        record(row(NORTH).set(quarterly("5"), AMOUNT, context(), TenantSettings.DEFAULTS).orElseThrow());

        assertThat(row(NORTH).changeLock(false, context(), TenantSettings.DEFAULTS)).isEmpty();
    }

    @Test
    void aRowThatDoesNotExistCannotBeLockedUnlockedOrRemoved() {
        assertRefused(() -> row(NORTH).changeLock(true, context(), TenantSettings.DEFAULTS), Reason.NOT_FOUND);
        assertRefused(() -> row(NORTH).changeLock(false, context(), TenantSettings.DEFAULTS), Reason.NOT_FOUND);
        assertRefused(() -> row(NORTH).remove(context(), TenantSettings.DEFAULTS), Reason.NOT_FOUND);
    }

    @Test
    void valuesMustFitTheIntervalAndBeNonNegativeBoundedDecimals() {
        List<BigDecimal> values = new ArrayList<>(Collections.nCopies(12, new BigDecimal("1")));
        values.set(0, new BigDecimal("-1"));
        values.set(1, new BigDecimal("1000000000000.01"));
        values.set(2, new BigDecimal("1.005"));
        values.set(3, null);
        values.set(4, new BigDecimal("1000000000000"));
        values.set(5, new BigDecimal("0.10"));

        assertThat(errors(ANNA, new SetValues(Interval.MONTH, values, "g-north", null, null), Unit.AMOUNT))
                .containsExactly(
                        new FieldError("values[0]", "must not be negative"),
                        new FieldError("values[1]", "must be at most 1000000000000"),
                        new FieldError("values[2]", "must have at most 2 decimals"),
                        new FieldError("values[3]", "is required"));
        assertThat(errors(ANNA, new SetValues(Interval.QUARTER, values, "g-north", null, null), Unit.AMOUNT))
                .contains(new FieldError("values", "must have 4 entries for QUARTER, not 12"));
        assertThat(errors(ANNA, new SetValues(null, null, "g-north", null, null), Unit.AMOUNT))
                .extracting(FieldError::field).containsExactly("interval", "values");
    }

    /**
     * Found by RequestProperties: a zero of a large scale ({@code 0e-10000}) passed the checks (it has no
     * decimals once its trailing zeros are gone) but no JSON could hold it plainly: 500. Values are kept
     * without an exponent and without trailing zeros beyond two decimals, like the amounts of sales.
     */
    @Test
    void checkedValuesAreKeptWithoutExponentsOrTrailingZerosBeyondTwoDecimals() {
        List<BigDecimal> values = new ArrayList<>(Collections.nCopies(12, new BigDecimal("1")));
        values.set(0, new BigDecimal("0e-10000"));
        values.set(1, new BigDecimal("-0E-2147483647"));
        values.set(2, new BigDecimal("1e3"));
        values.set(3, new BigDecimal("1.500"));
        values.set(4, new BigDecimal("0E+2147483647"));
        values.set(5, new BigDecimal("10000.00"));
        values.set(6, new BigDecimal("0.10"));

        TargetSet set = row(ANNA).set(new SetValues(Interval.MONTH, values, "g-north", null, null), AMOUNT, context(), TenantSettings.DEFAULTS).orElseThrow();

        assertThat(set.values().subList(0, 7)).extracting(BigDecimal::toString)
                .containsExactly("0", "0", "1000", "1.5", "0", "10000.00", "0.10");
        assertThat(new String(EventJson.write(set), StandardCharsets.UTF_8)).contains("\"values\":[0,0,1000,1.5,0,10000.00,0.10,1,");
    }

    @Test
    void countsAreWholeNumbers() {
        SetValues fraction = new SetValues(Interval.QUARTER, List.of(new BigDecimal("1.5"), BigDecimal.ONE, BigDecimal.ONE,
                new BigDecimal("2.00")), null, null, null);

        assertThat(errors(NORTH, fraction, Unit.COUNT))
                .containsExactly(new FieldError("values[0]", "must be a whole number: the type counts sales"));
        assertThat(errors(NORTH, fraction, Unit.AMOUNT)).isEmpty();
        assertInvalid(() -> row(NORTH).set(fraction, COUNT, context(), TenantSettings.DEFAULTS));
    }

    @Test
    void userRowsNeedTheirGroupAndHaveNoCurrency() {
        assertThat(errors(ANNA, monthly("1", null), Unit.AMOUNT))
                .containsExactly(new FieldError("groupId", "is required on user rows: the user's group for this year"));
        assertThat(errors(ANNA, monthly("1", "g/north"), Unit.AMOUNT)).extracting(FieldError::field).containsExactly("groupId");
        assertThat(errors(ANNA, new SetValues(Interval.MONTH, twelve("1"), "g-north", "NOK", null), Unit.AMOUNT))
                .containsExactly(new FieldError("currency", "is only allowed on company and group rows"));
    }

    @Test
    void companyAndGroupRowsHaveNoGroupIdAndAnIsoCurrency() {
        assertThat(errors(NORTH, new SetValues(Interval.MONTH, twelve("1"), "g-north", null, null), Unit.AMOUNT))
                .containsExactly(new FieldError("groupId", "is only allowed on user rows"));
        assertThat(errors(NORTH, new SetValues(Interval.MONTH, twelve("1"), null, "NOK", null), Unit.AMOUNT)).isEmpty();
        assertThat(errors(NORTH, new SetValues(Interval.MONTH, twelve("1"), null, "XYZ", null), Unit.AMOUNT))
                .extracting(FieldError::field).containsExactly("currency");
        assertThat(errors(NORTH, new SetValues(Interval.MONTH, twelve("1"), null, "nok", null), Unit.AMOUNT))
                .extracting(FieldError::field).containsExactly("currency");
    }

    @Test
    void reasonsAreBounded() {
        assertThat(errors(NORTH, new SetValues(Interval.MONTH, twelve("1"), null, null, "x".repeat(501)), Unit.AMOUNT))
                .extracting(FieldError::field).containsExactly("reason");
    }

    @Test
    void aRowUnlockedWithoutReasonNeedsOneForEveryChangeOnlyWhenTheTenantSaysSo() {
        TenantSettings required = new TenantSettings(true);
        record(row(NORTH).set(quarterly("5"), AMOUNT, context(), required).orElseThrow());
        record(row(NORTH).changeLock(true, context(), required).orElseThrow());
        record(row(NORTH).changeLock(false, context(), required).orElseThrow());

        assertThat(row(NORTH).set(quarterly("6"), AMOUNT, context(), TenantSettings.DEFAULTS)).isPresent();
        assertThatThrownBy(() -> row(NORTH).set(quarterly("6"), AMOUNT, context(), required)).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).errors()).isEqualTo(List.of(new FieldError("reason", "is required: this row was "
                        + "unlocked without a reason, and the tenant requires a reason for every change of such rows")));
        assertInvalid(() -> row(NORTH).changeLock(true, context(), required));
        assertInvalid(() -> row(NORTH).remove(context(), required));
        assertInvalid(() -> row(NORTH).remove(EventContext.now("u-boss", ""), required));
        assertThat(row(NORTH).set(quarterly("5"), AMOUNT, context(), required)).as("no change, nothing to explain").isEmpty();

        TargetRemoved removed = row(NORTH).remove(EventContext.now("u-boss", "Merged"), required);
        assertThat(removed.reason()).isEqualTo("Merged");
        record(removed);
        assertInvalid(() -> row(NORTH).set(quarterly("6"), AMOUNT, context(), required));
    }

    @Test
    void anUnlockWithAReasonAsksNoneOfLaterChanges() {
        TenantSettings required = new TenantSettings(true);
        record(row(NORTH).set(quarterly("5"), AMOUNT, context(), required).orElseThrow());
        record(row(NORTH).changeLock(true, EventContext.now("u-boss", "Signed off"), required).orElseThrow());
        TargetUnlocked unlocked = (TargetUnlocked) row(NORTH).changeLock(false, EventContext.now("u-boss", "Audit"), required).orElseThrow();
        assertThat(unlocked.reason()).isEqualTo("Audit");
        record(unlocked);

        assertThat(row(NORTH).set(quarterly("6"), AMOUNT, context(), required)).isPresent();
        assertThat(row(NORTH).changeLock(true, context(), required)).isPresent();
    }

    @Test
    void replayRefusesAGapInVersions() {
        record(row(NORTH).set(quarterly("5"), AMOUNT, context(), TenantSettings.DEFAULTS).orElseThrow());
        TargetRowEvent locked = row(NORTH).changeLock(true, context(), TenantSettings.DEFAULTS).orElseThrow();

        assertThatThrownBy(() -> TargetRow.replay("acme", NORTH, List.of(locked))).isInstanceOf(IllegalStateException.class);
    }

    private TargetRow row(RowId id) {
        return TargetRow.replay("acme", id, events);
    }

    private void record(TargetRowEvent event) {
        events.add(event);
    }

    private static List<FieldError> errors(RowId id, SetValues command, Unit unit) {
        return TargetRow.replay("acme", id, List.of()).check(command, unit);
    }

    private static EventContext context() {
        return EventContext.now("u-boss", null);
    }

    private static SetValues monthly(String value, String groupId) {
        return new SetValues(Interval.MONTH, twelve(value), groupId, null, null);
    }

    private static SetValues quarterly(String value) {
        return new SetValues(Interval.QUARTER, Collections.nCopies(4, new BigDecimal(value)), null, null, null);
    }

    private static List<BigDecimal> twelve(String value) {
        return Collections.nCopies(12, new BigDecimal(value));
    }

    private static void assertInvalid(Runnable command) {
        assertThatThrownBy(command::run).isInstanceOf(InvalidInputException.class);
    }

    private static void assertRefused(Runnable command, Reason reason) {
        assertThatThrownBy(command::run).isInstanceOf(CommandRefused.class)
                .extracting(e -> ((CommandRefused) e).reason()).isEqualTo(reason);
    }
}
