package io.salestargets.progress.actuals;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.sale.SaleWon;
import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.Unit;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionActualsTest {

    private static final LocalDate MARCH_14 = LocalDate.of(2026, 3, 14);
    private static final LocalDate DECEMBER_31 = LocalDate.of(2026, 12, 31);
    private static final Map<String, String> EU_ST3 = Map.of("region", "r-eu", "sale-type", "st-3");

    private final PartitionActuals actuals = new PartitionActuals();
    private final List<String> changed = new ArrayList<>();
    private final PartitionActuals.Visitor recording = actuals -> changed.add(
            actuals.level() + "/" + actuals.ownerId() + "|" + actuals.dimension() + "|" + actuals.item());

    private static SaleWon sale(String saleId, LocalDate day, String user, String group, String amount, String profit,
            Map<String, String> dimensions) {
        return new SaleWon("acme", saleId, 1L, day, user, group, new BigDecimal(amount), new BigDecimal(profit), "EUR", dimensions,
                Instant.parse("2026-03-14T10:00:00Z"));
    }

    private BigDecimal total(Level level, String owner, String dimension, String item, Unit unit) {
        OwnerActuals of = actuals.of("acme", 2026, level, owner, dimension, item);
        return of == null ? null : of.upTo(DECEMBER_31, unit);
    }

    @Test
    void aSaleCountsForItsUserItsGroupAndTheCompanyOnceForAllAndOncePerDimension() {
        actuals.count(sale("s-1", MARCH_14, "u-anna", "g-north", "12000.50", "3000.25", EU_ST3), 1, recording);

        assertThat(changed).containsExactly(
                "USER/u-anna|all|null", "USER/u-anna|region|r-eu", "USER/u-anna|sale-type|st-3",
                "GROUP/g-north|all|null", "GROUP/g-north|region|r-eu", "GROUP/g-north|sale-type|st-3",
                "COMPANY/company|all|null", "COMPANY/company|region|r-eu", "COMPANY/company|sale-type|st-3");
        for (Level level : Level.values()) {
            String owner = switch (level) {
                case USER -> "u-anna";
                case GROUP -> "g-north";
                case COMPANY -> Level.COMPANY_OWNER;
            };
            assertThat(total(level, owner, "all", null, Unit.AMOUNT)).isEqualTo(new BigDecimal("12000.50"));
            assertThat(total(level, owner, "sale-type", "st-3", Unit.PROFIT)).isEqualTo(new BigDecimal("3000.25"));
            assertThat(total(level, owner, "region", "r-eu", Unit.COUNT)).isEqualTo(BigDecimal.ONE);
        }
        assertThat(actuals.ownersWithSales("acme", 2026, "sale-type", "st-3")).containsExactlyInAnyOrder(
                new PartitionActuals.Owner(Level.USER, "u-anna"), new PartitionActuals.Owner(Level.GROUP, "g-north"),
                new PartitionActuals.Owner(Level.COMPANY, Level.COMPANY_OWNER));
        assertThat(actuals.itemsWithSales("acme", 2026, "region")).containsExactly("r-eu");
    }

    @Test
    void aRetractedSaleLeavesNothingBehind() {
        SaleWon sale = sale("s-1", MARCH_14, "u-anna", "g-north", "10", "1", EU_ST3);
        actuals.count(sale, 1, recording);
        actuals.count(sale, -1, recording);

        assertThat(actuals.of("acme", 2026, Level.USER, "u-anna", "all", null)).isNull();
        assertThat(actuals.ownersWithSales("acme", 2026, "all", null)).isEmpty();
        assertThat(actuals.itemsWithSales("acme", 2026, "region")).isEmpty();
        assertThat(actuals.groupOf("acme", 2026, "u-anna")).isNull();
        List<String> owners = new ArrayList<>();
        actuals.forEach(owner -> owners.add(owner.ownerId()));
        assertThat(owners).isEmpty();
    }

    @Test
    void monthsAndDaysUpToADayAddUp() {
        actuals.count(sale("s-1", LocalDate.of(2026, 1, 31), "u-anna", "g-north", "1", "0", Map.of()), 1, recording);
        actuals.count(sale("s-2", MARCH_14, "u-anna", "g-north", "2", "0", Map.of()), 1, recording);
        actuals.count(sale("s-3", LocalDate.of(2026, 3, 15), "u-anna", "g-north", "4", "0", Map.of()), 1, recording);
        actuals.count(sale("s-4", MARCH_14, "u-anna", "g-north", "8", "0", Map.of()), 1, recording);
        OwnerActuals anna = actuals.of("acme", 2026, Level.USER, "u-anna", "all", null);

        assertThat(anna.month(1, Unit.AMOUNT)).isEqualTo("1");
        assertThat(anna.month(2, Unit.AMOUNT)).isEqualTo("0");
        assertThat(anna.month(3, Unit.AMOUNT)).isEqualTo("14");
        assertThat(anna.month(3, Unit.COUNT)).isEqualTo("3");
        assertThat(anna.upTo(LocalDate.of(2026, 3, 13), Unit.AMOUNT)).isEqualTo("1");
        assertThat(anna.upTo(MARCH_14, Unit.AMOUNT)).isEqualTo("11");
        assertThat(anna.upTo(MARCH_14, Unit.COUNT)).isEqualTo("3");
        assertThat(anna.upTo(LocalDate.of(2025, 12, 31), Unit.AMOUNT)).as("before the year").isEqualTo("0");
        assertThat(anna.upTo(LocalDate.of(2027, 1, 1), Unit.AMOUNT)).as("after the year").isEqualTo("15");
    }

    @Test
    void aFigureShowsTheLargestScaleAmongTheSalesItCountsNow() {
        SaleWon cents = sale("s-2", MARCH_14, "u-anna", "g-north", "2.25", "0.125", Map.of());
        actuals.count(sale("s-1", MARCH_14, "u-anna", "g-north", "10.5", "1", Map.of()), 1, recording);
        actuals.count(cents, 1, recording);
        assertThat(total(Level.USER, "u-anna", "all", null, Unit.AMOUNT)).isEqualTo(new BigDecimal("12.75"));
        assertThat(total(Level.USER, "u-anna", "all", null, Unit.PROFIT)).isEqualTo(new BigDecimal("1.125"));

        actuals.count(cents, -1, recording);

        assertThat(total(Level.USER, "u-anna", "all", null, Unit.AMOUNT)).as("as if 2.25 had never been counted")
                .isEqualTo(new BigDecimal("10.5"));
        assertThat(total(Level.USER, "u-anna", "all", null, Unit.PROFIT)).isEqualTo(new BigDecimal("1"));
        assertThat(actuals.of("acme", 2026, Level.USER, "u-anna", "all", null).month(4, Unit.AMOUNT))
                .as("a month without sales").isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void eachFigureHasTheScaleOfItsOwnSalesAsTheirBigDecimalSumWould() {
        actuals.count(sale("s-1", LocalDate.of(2026, 1, 10), "u-anna", "g-north", "10.5", "0", Map.of()), 1, recording);
        actuals.count(sale("s-2", LocalDate.of(2026, 2, 10), "u-anna", "g-north", "3", "0", Map.of()), 1, recording);
        actuals.count(sale("s-3", LocalDate.of(2026, 2, 11), "u-anna", "g-north", "1.125", "0", Map.of()), 1, recording);
        OwnerActuals anna = actuals.of("acme", 2026, Level.USER, "u-anna", "all", null);

        assertThat(anna.month(1, Unit.AMOUNT)).isEqualTo(new BigDecimal("10.5"));
        assertThat(anna.month(2, Unit.AMOUNT)).isEqualTo(new BigDecimal("4.125"));
        assertThat(anna.upTo(LocalDate.of(2026, 2, 10), Unit.AMOUNT)).isEqualTo(new BigDecimal("13.5"));
        assertThat(anna.upTo(LocalDate.of(2026, 2, 11), Unit.AMOUNT)).isEqualTo(new BigDecimal("14.625"));

        actuals.count(sale("s-3", LocalDate.of(2026, 2, 11), "u-anna", "g-north", "1.125", "0", Map.of()), -1, recording);
        assertThat(anna.month(2, Unit.AMOUNT)).as("the 1.125 no longer counts: nothing of its scale stays").isEqualTo(new BigDecimal("3"));
        assertThat(anna.upTo(DECEMBER_31, Unit.AMOUNT)).isEqualTo(new BigDecimal("13.5"));
    }

    @Test
    void sumsBeyondALongStayExactAndComeBack() {
        BigDecimal max = new BigDecimal("999999999999999.9999999999"); // the largest SaleWon amount, with 10 decimals
        BigDecimal expected = BigDecimal.ZERO;
        for (int i = 0; i < 40; i++) {
            actuals.count(sale("s-" + i, MARCH_14, "u-anna", "g-north", max.toPlainString(), "-" + max.toPlainString(), Map.of()), 1,
                    recording);
            expected = expected.add(max);
        }
        actuals.count(sale("s-x", LocalDate.of(2026, 5, 1), "u-anna", "g-north", "0.5", "0", Map.of()), 1, recording);

        assertThat(total(Level.COMPANY, Level.COMPANY_OWNER, "all", null, Unit.AMOUNT)).isEqualTo(expected.add(new BigDecimal("0.5")));
        assertThat(total(Level.COMPANY, Level.COMPANY_OWNER, "all", null, Unit.PROFIT)).isEqualTo(expected.negate());
        assertThat(actuals.of("acme", 2026, Level.COMPANY, Level.COMPANY_OWNER, "all", null).month(5, Unit.AMOUNT))
                .as("a month shows the scale of its own sales").isEqualTo(new BigDecimal("0.5"));
    }

    @Test
    void aUsersGroupIsThatOfItsLatestSaleCountedNowOnATieTheGreatestId() {
        SaleWon latest = sale("s-2", MARCH_14, "u-anna", "g-south", "1", "0", Map.of());
        actuals.count(sale("s-1", LocalDate.of(2026, 2, 1), "u-anna", "g-north", "1", "0", Map.of()), 1, recording);
        actuals.count(latest, 1, recording);
        assertThat(actuals.groupOf("acme", 2026, "u-anna")).isEqualTo("g-south");

        actuals.count(sale("s-3", MARCH_14, "u-anna", "g-east", "1", "0", Map.of()), 1, recording);
        assertThat(actuals.groupOf("acme", 2026, "u-anna")).as("same day: the greatest id, whatever the order").isEqualTo("g-south");

        actuals.count(latest, -1, recording);
        assertThat(actuals.groupOf("acme", 2026, "u-anna")).isEqualTo("g-east");
        assertThat(actuals.groupOf("acme", 2027, "u-anna")).as("another year").isNull();
    }
}
