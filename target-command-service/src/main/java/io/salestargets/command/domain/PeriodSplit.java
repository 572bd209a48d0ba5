package io.salestargets.command.domain;

import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.Unit;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How bulk planning spreads an amount over a row's periods: in proportion to a weight per period, in
 * cents (whole numbers for {@code COUNT}), the cents left over by rounding down given one each to the
 * periods with the largest remainders (the earlier period on a tie). The values then sum exactly to the
 * amount, and a pattern that divides evenly is kept as it is. Values are kept as a {@code PUT} keeps them:
 * without trailing zeros ({@code 250}, {@code 83.3}).
 */
public final class PeriodSplit {

    private PeriodSplit() {
    }

    /** The same weight for every month. */
    public static List<BigDecimal> evenMonths() {
        return Collections.nCopies(12, BigDecimal.ONE);
    }

    /** The working days (Monday to Friday, no holidays, as the projector's pace counts them) of each month of a year. */
    public static List<BigDecimal> workingDaysPerMonth(int year) {
        return IntStream.rangeClosed(1, 12).mapToObj(month -> {
            LocalDate first = LocalDate.of(year, month, 1);
            long days = first.datesUntil(first.plusMonths(1))
                    .filter(day -> day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY)
                    .count();
            return BigDecimal.valueOf(days);
        }).toList();
    }

    /** Monthly weights as weights of the interval's periods: a quarter weighs its three months. */
    public static List<BigDecimal> perPeriod(List<BigDecimal> monthly, Interval interval) {
        return IntStream.range(0, interval.periods())
                .mapToObj(period -> monthly.subList(period * interval.months(), (period + 1) * interval.months()).stream()
                        .reduce(BigDecimal.ZERO, BigDecimal::add))
                .toList();
    }

    /** The decimals a value of the unit has: none for counts, cents otherwise. */
    public static int scaleOf(Unit unit) {
        return unit == Unit.COUNT ? 0 : TargetRow.MAX_DECIMALS;
    }

    /** An amount changed by a percentage ({@code 5} for +5 %), rounded half up to the unit's scale. */
    public static BigDecimal changed(BigDecimal amount, BigDecimal changePercent, Unit unit) {
        BigDecimal factor = BigDecimal.ONE.add(changePercent.movePointLeft(2));
        return amount.multiply(factor).setScale(scaleOf(unit), RoundingMode.HALF_UP);
    }

    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /**
     * Splits {@code amount} (of the unit's scale at most) over the periods in proportion to {@code weights}
     * (none negative, not all zero unless the amount is zero: then every value is zero).
     */
    public static List<BigDecimal> split(BigDecimal amount, List<BigDecimal> weights, Unit unit) {
        int scale = scaleOf(unit);
        BigInteger units = amount.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue();
        BigDecimal totalWeight = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (units.signum() == 0) {
            return weights.stream().map(weight -> BigDecimal.ZERO).toList();
        }
        if (totalWeight.signum() <= 0) {
            throw new IllegalArgumentException("no weight to split " + amount + " by");
        }
        List<BigInteger> shares = new ArrayList<>();
        List<BigDecimal> remainders = new ArrayList<>();
        BigInteger given = BigInteger.ZERO;
        for (BigDecimal weight : weights) {
            BigDecimal[] division = new BigDecimal(units).multiply(weight).divideAndRemainder(totalWeight);
            BigInteger share = division[0].toBigIntegerExact();
            shares.add(share);
            remainders.add(division[1]);
            given = given.add(share);
        }
        int left = units.subtract(given).intValueExact();
        List<Integer> byRemainder = IntStream.range(0, weights.size()).boxed()
                .sorted(Comparator.comparing((Integer period) -> remainders.get(period)).reversed()
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        for (int i = 0; i < left; i++) {
            int period = byRemainder.get(i);
            shares.set(period, shares.get(period).add(BigInteger.ONE));
        }
        return shares.stream().map(share -> plain(new BigDecimal(share, scale))).toList();
    }
}
