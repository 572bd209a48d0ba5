package io.salestargets.progress.view;

import io.salestargets.events.progress.PeriodProgress;
import io.salestargets.events.progress.ProgressToDate;
import io.salestargets.events.progress.ProgressTotal;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.target.Interval;
import io.salestargets.events.target.RowId;
import io.salestargets.events.target.Unit;
import io.salestargets.progress.actuals.YearActuals;
import io.salestargets.progress.targets.TargetRowState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A progress view from a row's target and its owner's actuals of the year (contract section 5). Pure:
 * the same inputs give the same view.
 *
 * <ul>
 *   <li>One entry per period of the row's interval ({@code MONTH} without a row).</li>
 *   <li>{@code toDate}: the target of the periods before {@code asOf}, plus its own period's target
 *       times the share of that period's days up to and including {@code asOf} (to the cent,
 *       half-even); the actual of the days up to and including {@code asOf}.</li>
 * </ul>
 */
public final class ProgressCalculator {

    private ProgressCalculator() {
    }

    /**
     * @param row    the row's target, or null when the owner has none
     * @param unit   what the type measures
     * @param actual the owner's actuals of the type's dimension and the row's item
     */
    public static ProgressView view(String tenantId, RowId id, Unit unit, TargetRowState row, YearActuals actual, LocalDate asOf) {
        Interval interval = row == null ? Interval.MONTH : row.interval();
        BigDecimal[] actuals = new BigDecimal[interval.periods()];
        Arrays.fill(actuals, BigDecimal.ZERO);
        for (int month = 1; month <= 12; month++) {
            int index = interval.periodOf(LocalDate.of(id.year(), month, 1)) - 1;
            actuals[index] = actuals[index].add(actual.month(month).in(unit));
        }
        BigDecimal actualToDate = actual.upTo(asOf).in(unit);
        List<PeriodProgress> periods = new ArrayList<>(interval.periods());
        BigDecimal actualTotal = BigDecimal.ZERO;
        for (int period = 1; period <= interval.periods(); period++) {
            BigDecimal target = row == null ? null : row.values().get(period - 1);
            periods.add(PeriodProgress.of(period, interval.label(id.year(), period), target, actuals[period - 1]));
            actualTotal = actualTotal.add(actuals[period - 1]);
        }
        BigDecimal targetTotal = row == null ? null : row.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal targetToDate = row == null ? null : targetUpTo(row, id.year(), asOf);
        return new ProgressView(tenantId, id.year(), id.typeId(), id.level(), id.ownerId(), id.item(), unit, interval,
                row != null && row.locked(), row == null ? null : row.version(), periods,
                ProgressTotal.of(targetTotal, actualTotal), ProgressToDate.of(asOf, targetToDate, actualToDate));
    }

    /** The row's target up to and including a day: whole periods before it, and the elapsed share of its own. */
    static BigDecimal targetUpTo(TargetRowState row, int year, LocalDate asOf) {
        Interval interval = row.interval();
        if (asOf.getYear() < year) {
            return BigDecimal.ZERO;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (int period = 1; period <= interval.periods(); period++) {
            BigDecimal value = row.values().get(period - 1);
            LocalDate first = interval.firstDay(year, period);
            LocalDate last = interval.lastDay(year, period);
            if (asOf.isAfter(last)) {
                total = total.add(value);
            } else if (!asOf.isBefore(first)) {
                long elapsed = ChronoUnit.DAYS.between(first, asOf) + 1;
                long days = ChronoUnit.DAYS.between(first, last) + 1;
                total = total.add(value.multiply(BigDecimal.valueOf(elapsed)).divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_EVEN));
            }
        }
        return total;
    }
}
