package io.salestargets.progress.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.sale.SaleWon;
import io.salestargets.events.target.Level;
import io.salestargets.progress.actuals.Actual;
import io.salestargets.progress.actuals.ActualsChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SaleContributionsTest {

    private static final LocalDate MARCH_14 = LocalDate.of(2026, 3, 14);
    private static final Map<String, String> EU_ST3 = Map.of("region", "r-eu", "sale-type", "st-3");

    private static SaleWon sale(LocalDate day, String user, String group, String amount, String profit, Map<String, String> dimensions) {
        return new SaleWon("acme", "s-1", 1L, day, user, group, new BigDecimal(amount), new BigDecimal(profit), "EUR", dimensions,
                Instant.parse("2026-03-14T10:00:00Z"));
    }

    private static Actual actual(String amount, String profit, long count) {
        return new Actual(new BigDecimal(amount), new BigDecimal(profit), count);
    }

    private static String owner(ActualsChange change) {
        return change.year() + "/" + change.level() + "/" + change.ownerId();
    }

    private static List<String> owners(List<ActualsChange> changes) {
        return changes.stream().map(SaleContributionsTest::owner).toList();
    }

    private static ActualsChange change(List<ActualsChange> changes, Level level, String ownerId) {
        List<ActualsChange> found = changes.stream()
                .filter(change -> change.level() == level && change.ownerId().equals(ownerId))
                .toList();
        assertThat(found).as("the changes of %s %s", level, ownerId).hasSize(1);
        return found.get(0);
    }

    /** What a change adds up to per dimension, item and day: {@code sale-type|st-3|2026-03-14}. */
    private static Map<String, Actual> net(ActualsChange change) {
        Map<String, Actual> net = new LinkedHashMap<>();
        for (ActualsChange.Entry entry : change.entries()) {
            net.merge(entry.dimension() + "|" + entry.item() + "|" + entry.day(), entry.actual(), Actual::plus);
        }
        return net;
    }

    private static void assertNet(ActualsChange change, Map<String, Actual> expected) {
        Map<String, Actual> net = net(change);
        assertThat(net.keySet()).as("what %s changes", owner(change)).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, actual) -> {
            assertThat(net.get(key).amount()).as("%s %s amount", owner(change), key).isEqualByComparingTo(actual.amount());
            assertThat(net.get(key).profit()).as("%s %s profit", owner(change), key).isEqualByComparingTo(actual.profit());
            assertThat(net.get(key).count()).as("%s %s count", owner(change), key).isEqualTo(actual.count());
        });
    }

    /** The same actual on dimension all and on each of region r-eu and sale-type st-3, on a day. */
    private static Map<String, Actual> everywhere(LocalDate day, Actual actual) {
        return Map.of("all|null|" + day, actual, "region|r-eu|" + day, actual, "sale-type|st-3|" + day, actual);
    }

    @Test
    void aNewSaleCountsForItsUserItsGroupAndTheCompanyInThatOrder() {
        List<ActualsChange> changes = SaleContributions.of(null, sale(MARCH_14, "u-anna", "g-north", "12000.50", "3000.25", EU_ST3));

        assertThat(owners(changes)).containsExactly("2026/USER/u-anna", "2026/GROUP/g-north", "2026/COMPANY/company");
        Actual plus = actual("12000.50", "3000.25", 1);
        for (ActualsChange change : changes) {
            assertThat(change.tenantId()).isEqualTo("acme");
            assertThat(change.entries()).containsExactly(
                    new ActualsChange.Entry("all", null, MARCH_14, plus),
                    new ActualsChange.Entry("region", "r-eu", MARCH_14, plus),
                    new ActualsChange.Entry("sale-type", "st-3", MARCH_14, plus));
        }
        assertThat(changes.get(0).ownerKey()).isEqualTo("acme/2026/user/u-anna");
        assertThat(changes.get(1).ownerKey()).isEqualTo("acme/2026/group/g-north");
        assertThat(changes.get(2).ownerKey()).isEqualTo("acme/2026/company/company");
    }

    @Test
    void onlyTheUsersChangeCarriesTheGroupOfTheSale() {
        List<ActualsChange> changes = SaleContributions.of(null, sale(MARCH_14, "u-anna", "g-north", "1", "1", Map.of()));

        assertThat(changes.get(0).groupId()).isEqualTo("g-north");
        assertThat(changes.get(0).groupDay()).isEqualTo(MARCH_14);
        assertThat(changes.get(1).groupId()).isNull();
        assertThat(changes.get(1).groupDay()).isNull();
        assertThat(changes.get(2).groupId()).isNull();
        assertThat(changes.get(2).groupDay()).isNull();
    }

    @Test
    void aSaleWithoutDimensionsCountsForAllOnly() {
        List<ActualsChange> changes = SaleContributions.of(null, sale(MARCH_14, "u-anna", "g-north", "5", "1", Map.of()));

        for (ActualsChange change : changes) {
            assertThat(change.entries()).containsExactly(new ActualsChange.Entry("all", null, MARCH_14, actual("5", "1", 1)));
        }
    }

    @Test
    void nothingRemovedAndNothingAddedChangesNothing() {
        assertThat(SaleContributions.of(null, null)).isEmpty();
    }

    @Test
    void aRetractionTakesTheSaleBackEverywhereWithNegativesOnly() {
        List<ActualsChange> changes = SaleContributions.of(sale(MARCH_14, "u-anna", "g-north", "12000.50", "3000.25", EU_ST3), null);

        assertThat(owners(changes)).containsExactly("2026/USER/u-anna", "2026/GROUP/g-north", "2026/COMPANY/company");
        Actual minus = actual("-12000.50", "-3000.25", -1);
        for (ActualsChange change : changes) {
            assertThat(change.groupId()).as("a retraction says nothing of the user's group").isNull();
            assertThat(change.groupDay()).isNull();
            assertThat(change.entries()).containsExactly(
                    new ActualsChange.Entry("all", null, MARCH_14, minus),
                    new ActualsChange.Entry("region", "r-eu", MARCH_14, minus),
                    new ActualsChange.Entry("sale-type", "st-3", MARCH_14, minus));
        }
    }

    @Test
    void aRetractionOfALossTakesBackANegativeProfit() {
        List<ActualsChange> changes = SaleContributions.of(sale(MARCH_14, "u-anna", "g-north", "100", "-40", Map.of()), null);

        for (ActualsChange change : changes) {
            assertNet(change, Map.of("all|null|" + MARCH_14, actual("-100", "40", -1)));
        }
    }

    @Test
    void aCorrectionForTheSameOwnersIsOneChangePerOwnerThatAddsTheDifference() {
        SaleWon before = sale(MARCH_14, "u-anna", "g-north", "100.00", "30.00", EU_ST3);
        SaleWon after = sale(MARCH_14, "u-anna", "g-north", "120.50", "25.00", EU_ST3);

        List<ActualsChange> changes = SaleContributions.of(before, after);

        assertThat(owners(changes)).containsExactly("2026/USER/u-anna", "2026/GROUP/g-north", "2026/COMPANY/company");
        // by hand: 120.50 - 100.00 = 20.50; 25.00 - 30.00 = -5.00; 1 - 1 = 0
        for (ActualsChange change : changes) {
            assertNet(change, everywhere(MARCH_14, actual("20.50", "-5.00", 0)));
            // the old contribution taken back, then the new one added
            assertThat(change.entries()).hasSize(6);
            assertThat(change.entries().get(0).actual()).isEqualTo(actual("-100.00", "-30.00", -1));
            assertThat(change.entries().get(3).actual()).isEqualTo(actual("120.50", "25.00", 1));
        }
        assertThat(changes.get(0).groupId()).isEqualTo("g-north");
        assertThat(changes.get(0).groupDay()).isEqualTo(MARCH_14);
    }

    @Test
    void aCorrectionThatChangesNothingAddsUpToNothing() {
        SaleWon sale = sale(MARCH_14, "u-anna", "g-north", "99.99", "10", EU_ST3);

        List<ActualsChange> changes = SaleContributions.of(sale, sale);

        assertThat(changes).hasSize(3);
        for (ActualsChange change : changes) {
            assertThat(net(change).values()).allSatisfy(actual -> assertThat(actual.isNone()).isTrue());
        }
    }

    @Test
    void aCorrectionToAnotherUserTakesTheSaleFromTheOldOwnerAndGivesItToTheNew() {
        SaleWon before = sale(MARCH_14, "u-anna", "g-north", "100.00", "30.00", EU_ST3);
        SaleWon after = sale(MARCH_14, "u-bo", "g-north", "120.50", "25.00", EU_ST3);

        List<ActualsChange> changes = SaleContributions.of(before, after);

        assertThat(owners(changes)).containsExactlyInAnyOrder(
                "2026/USER/u-anna", "2026/USER/u-bo", "2026/GROUP/g-north", "2026/COMPANY/company");

        ActualsChange anna = change(changes, Level.USER, "u-anna");
        assertNet(anna, everywhere(MARCH_14, actual("-100.00", "-30.00", -1)));
        assertThat(anna.entries()).allSatisfy(entry -> {
            assertThat(entry.actual().amount().signum()).isNegative();
            assertThat(entry.actual().count()).isNegative();
        });
        assertThat(anna.groupId()).isNull();

        ActualsChange bo = change(changes, Level.USER, "u-bo");
        assertNet(bo, everywhere(MARCH_14, actual("120.50", "25.00", 1)));
        assertThat(bo.entries()).allSatisfy(entry -> assertThat(entry.actual().count()).isPositive());
        assertThat(bo.groupId()).isEqualTo("g-north");
        assertThat(bo.groupDay()).isEqualTo(MARCH_14);

        // the group and the company keep the sale: they see only the difference
        assertNet(change(changes, Level.GROUP, "g-north"), everywhere(MARCH_14, actual("20.50", "-5.00", 0)));
        assertNet(change(changes, Level.COMPANY, "company"), everywhere(MARCH_14, actual("20.50", "-5.00", 0)));
    }

    @Test
    void aCorrectionToAnotherGroupMovesTheSaleBetweenGroups() {
        SaleWon before = sale(MARCH_14, "u-anna", "g-north", "100", "30", EU_ST3);
        SaleWon after = sale(MARCH_14, "u-anna", "g-south", "100", "30", EU_ST3);

        List<ActualsChange> changes = SaleContributions.of(before, after);

        assertThat(owners(changes)).containsExactlyInAnyOrder(
                "2026/USER/u-anna", "2026/GROUP/g-north", "2026/GROUP/g-south", "2026/COMPANY/company");
        assertNet(change(changes, Level.GROUP, "g-north"), everywhere(MARCH_14, actual("-100", "-30", -1)));
        assertNet(change(changes, Level.GROUP, "g-south"), everywhere(MARCH_14, actual("100", "30", 1)));
        assertNet(change(changes, Level.USER, "u-anna"), everywhere(MARCH_14, actual("0", "0", 0)));
        assertNet(change(changes, Level.COMPANY, "company"), everywhere(MARCH_14, actual("0", "0", 0)));
        assertThat(change(changes, Level.USER, "u-anna").groupId()).isEqualTo("g-south");
    }

    @Test
    void aCorrectionToAnotherDayMovesTheSaleBetweenDays() {
        LocalDate march20 = LocalDate.of(2026, 3, 20);
        SaleWon before = sale(MARCH_14, "u-anna", "g-north", "100", "30", Map.of());
        SaleWon after = sale(march20, "u-anna", "g-north", "120.50", "25", Map.of());

        List<ActualsChange> changes = SaleContributions.of(before, after);

        assertThat(changes).hasSize(3);
        for (ActualsChange change : changes) {
            assertNet(change, Map.of(
                    "all|null|2026-03-14", actual("-100", "-30", -1),
                    "all|null|2026-03-20", actual("120.50", "25", 1)));
        }
        assertThat(changes.get(0).groupDay()).isEqualTo(march20);
    }

    @Test
    void aCorrectionOfAnItemMovesTheSaleBetweenItems() {
        SaleWon before = sale(MARCH_14, "u-anna", "g-north", "100", "30", Map.of("sale-type", "st-3"));
        SaleWon after = sale(MARCH_14, "u-anna", "g-north", "150", "40", Map.of("sale-type", "st-4", "region", "r-eu"));

        List<ActualsChange> changes = SaleContributions.of(before, after);

        for (ActualsChange change : changes) {
            assertNet(change, Map.of(
                    "all|null|2026-03-14", actual("50", "10", 0),
                    "sale-type|st-3|2026-03-14", actual("-100", "-30", -1),
                    "sale-type|st-4|2026-03-14", actual("150", "40", 1),
                    "region|r-eu|2026-03-14", actual("150", "40", 1)));
        }
    }

    @Test
    void aCorrectionToAnotherYearTakesItFromOneYearAndAddsItToTheOther() {
        LocalDate newYearsEve = LocalDate.of(2025, 12, 31);
        LocalDate january2 = LocalDate.of(2026, 1, 2);
        SaleWon before = sale(newYearsEve, "u-anna", "g-north", "100", "30", Map.of());
        SaleWon after = sale(january2, "u-anna", "g-north", "100", "30", Map.of());

        List<ActualsChange> changes = SaleContributions.of(before, after);

        assertThat(owners(changes)).containsExactly(
                "2025/USER/u-anna", "2025/GROUP/g-north", "2025/COMPANY/company",
                "2026/USER/u-anna", "2026/GROUP/g-north", "2026/COMPANY/company");
        for (ActualsChange change : changes.subList(0, 3)) {
            assertThat(change.ownerKey()).startsWith("acme/2025/");
            assertThat(change.groupId()).isNull();
            assertNet(change, Map.of("all|null|2025-12-31", actual("-100", "-30", -1)));
        }
        for (ActualsChange change : changes.subList(3, 6)) {
            assertThat(change.ownerKey()).startsWith("acme/2026/");
            assertNet(change, Map.of("all|null|2026-01-02", actual("100", "30", 1)));
        }
        assertThat(changes.get(3).groupId()).isEqualTo("g-north");
        assertThat(changes.get(3).groupDay()).isEqualTo(january2);
    }

    @Test
    void theChangesOfEveryOwnerAddUpToTheNewSaleMinusTheOld() {
        SaleWon before = sale(MARCH_14, "u-anna", "g-north", "0.10", "-0.05", EU_ST3);
        SaleWon after = sale(LocalDate.of(2026, 3, 31), "u-bo", "g-south", "999999999999999.9999999999", "0.0000000001", EU_ST3);

        List<ActualsChange> changes = SaleContributions.of(before, after);

        Actual sum = Actual.NONE;
        for (ActualsChange change : changes) {
            for (ActualsChange.Entry entry : change.entries()) {
                if (entry.dimension().equals("all")) {
                    sum = sum.plus(entry.actual());
                }
            }
        }
        // three owners each take back 0.10 and add 999999999999999.9999999999
        assertThat(sum.amount()).isEqualByComparingTo("2999999999999999.6999999997");
        assertThat(sum.profit()).isEqualByComparingTo("0.1500000003");
        assertThat(sum.count()).isZero();
    }
}
