package io.salestargets.progress.actuals;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.Unit;
import io.salestargets.localstack.testing.properties.Gens;
import io.salestargets.localstack.testing.properties.Theories;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The compact actuals equal plain BigDecimal arithmetic on the sales they count now: for any sequence of sales
 * counted and taken back (scales 0-10, values up to SaleWon's largest and sums beyond a long), every month and
 * every day's year-to-date of every unit (each month alone and all twelve in one pass) is the BigDecimal sum of the sales it counts, with their largest scale
 * (0 where it counts none): value and scale.
 */
class OwnerActualsPropertiesTest {

    private static final int YEAR = 2026;
    /** SaleWon's largest amount: 15 digits and 10 decimals. */
    private static final BigDecimal MAX = new BigDecimal("999999999999999.9999999999");

    /** One step: count a new sale, or take back the counted sale at {@code pick} (modulo how many are counted). */
    record Step(boolean takeBack, int pick, LocalDate day, BigDecimal amount, BigDecimal profit) {
    }

    record Sale(LocalDate day, BigDecimal amount, BigDecimal profit) {
    }

    @Test
    void everyMonthAndEveryDayUpToEqualsTheBigDecimalSumOfTheSalesCountedNow() {
        Theories.check("ownerActualsEqualBigDecimalSums", 300, 200, Gens.lists(steps(), 1, 80), steps -> {
            OwnerActuals actuals = new OwnerActuals("acme", YEAR, Level.USER, "u-anna", "all", null);
            List<Sale> counted = new ArrayList<>();
            for (Step step : steps) {
                if (step.takeBack() && !counted.isEmpty()) {
                    Sale sale = counted.remove(Math.floorMod(step.pick(), counted.size()));
                    actuals.add(sale.day(), Figure.of(sale.amount()), Figure.of(sale.profit()), -1);
                } else {
                    Sale sale = new Sale(step.day(), step.amount(), step.profit());
                    counted.add(sale);
                    actuals.add(sale.day(), Figure.of(sale.amount()), Figure.of(sale.profit()), 1);
                }
                assertSums(actuals, counted, steps);
            }
            assertThat(actuals.isEmpty()).isEqualTo(counted.isEmpty());
        });
    }

    private static void assertSums(OwnerActuals actuals, List<Sale> counted, List<Step> steps) {
        for (Unit unit : Unit.values()) {
            BigDecimal[] months = actuals.months(unit);
            for (int month = 1; month <= 12; month++) {
                int m = month;
                BigDecimal expected = sum(counted, sale -> sale.day().getMonthValue() == m, unit);
                assertThat(actuals.month(month, unit)).as("month %d, %s, after %s", month, unit, steps).isEqualTo(expected);
                assertThat(months[month - 1]).as("month %d of all months, %s, after %s", month, unit, steps).isEqualTo(expected);
            }
            for (Sale sale : counted) {
                for (LocalDate asOf : List.of(sale.day(), sale.day().minusDays(1))) {
                    assertThat(actuals.upTo(asOf, unit)).as("up to %s, %s, after %s", asOf, unit, steps)
                            .isEqualTo(sum(counted, other -> !other.day().isAfter(asOf), unit));
                }
            }
            assertThat(actuals.upTo(LocalDate.of(YEAR + 1, 1, 1), unit)).isEqualTo(sum(counted, sale -> true, unit));
            assertThat(actuals.upTo(LocalDate.of(YEAR - 1, 12, 31), unit)).isEqualTo(BigDecimal.ZERO);
        }
    }

    /** What BigDecimal arithmetic gives: the sum, at the largest scale among the sales summed; 0 for none. */
    private static BigDecimal sum(List<Sale> sales, Predicate<Sale> which, Unit unit) {
        BigDecimal sum = BigDecimal.ZERO;
        long count = 0;
        for (Sale sale : sales) {
            if (which.test(sale)) {
                count++;
                sum = sum.add(unit == Unit.AMOUNT ? sale.amount() : sale.profit());
            }
        }
        return unit == Unit.COUNT ? BigDecimal.valueOf(count) : sum;
    }

    private static Gen<Step> steps() {
        Gen<LocalDate> day = Gens.frequency(
                Gens.of(3, Gens.integers(1, 4).zip(Gens.integers(1, 3), (month, dayOfMonth) -> LocalDate.of(YEAR, month, dayOfMonth))),
                Gens.of(1, Gens.integers(1, 365).map(dayOfYear -> LocalDate.ofYearDay(YEAR, dayOfYear))));
        return Gens.booleans().zip(Gens.integers(0, 1000), day, figures(), figures(),
                (takeBack, pick, date, amount, profit) -> new Step(takeBack, pick, date, amount, profit));
    }

    /** Values of scale 0-10: small, up to SaleWon's largest (sums of a few leave a long), zero, and negative. */
    private static Gen<BigDecimal> figures() {
        Gen<Integer> scale = Gens.frequency(Gens.of(3, Gens.integers(0, 2)), Gens.of(1, Gens.integers(0, 10)));
        Gen<BigDecimal> small = scale.flatMap(s -> Gens.longs(-100_000, 100_000).map(units -> new BigDecimal(BigInteger.valueOf(units), s)));
        Gen<BigDecimal> large = scale.flatMap(s -> Gens.longs(0, Long.MAX_VALUE).map(units -> new BigDecimal(BigInteger.valueOf(units), s)
                .min(MAX)));
        Gen<BigDecimal> edges = Gens.<String>pick("0", "0.00", "-0.5", "999999999999999.9999999999", "-999999999999999.9999999999",
                "0.0000000001").map(text -> new BigDecimal(text));
        return Gens.frequency(Gens.of(6, small), Gens.of(2, large), Gens.of(1, edges));
    }
}
