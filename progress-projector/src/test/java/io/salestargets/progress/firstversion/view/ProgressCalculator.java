package io.salestargets.progress.firstversion.view;

import io.salestargets.events.progress.PaceStatus;
import io.salestargets.events.progress.PeriodProgress;
import io.salestargets.events.progress.ProgressPace;
import io.salestargets.events.progress.ProgressToDate;
import io.salestargets.events.progress.ProgressTotal;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.Unit;
import io.salestargets.progress.firstversion.actuals.YearActuals;
import io.salestargets.progress.firstversion.targets.TargetRevision;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
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
 *   <li>{@code pace}: the year-end actual projected at the run rate to date, the working days left,
 *       what is needed per working day to reach the target, and whether the row is ahead, on track or
 *       behind its target to date ({@link ProgressPace}, {@link PaceStatus}).</li>
 * </ul>
 */
public final class ProgressCalculator {

    private ProgressCalculator() {
    }

    /**
     * @param row    the row's targets, or null when the owner has none
     * @param unit   what the type measures
     * @param actual the owner's actuals of the type's dimension and the row's item
     */
    public static ProgressView view(String tenantId, RowId id, Unit unit, TargetRevision row, YearActuals actual, LocalDate asOf) {
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
        BigDecimal targetTotal = row == null ? null : row.total();
        BigDecimal targetToDate = row == null ? null : targetUpTo(row, id.year(), asOf);
        ProgressToDate toDate = ProgressToDate.of(asOf, targetToDate, actualToDate);
        return new ProgressView(tenantId, id.year(), id.typeId(), id.level(), id.ownerId(), id.item(), unit, interval,
                row != null && row.locked(), row == null ? null : row.version(), periods,
                ProgressTotal.of(targetTotal, actualTotal), toDate, pace(id.year(), targetTotal, toDate, actualTotal));
    }

    /** The year at the pace so far (see {@link ProgressPace}). */
    static ProgressPace pace(int year, BigDecimal targetTotal, ProgressToDate toDate, BigDecimal actualTotal) {
        LocalDate asOf = toDate.asOf();
        int daysInYear = Year.of(year).length();
        int elapsed = asOf.getYear() < year ? 0 : asOf.getYear() > year ? daysInYear : asOf.getDayOfYear();
        BigDecimal projected = elapsed == 0 ? null
                : elapsed == daysInYear ? actualTotal
                : toDate.actual().multiply(BigDecimal.valueOf(daysInYear)).divide(BigDecimal.valueOf(elapsed), 2, RoundingMode.HALF_EVEN);
        int workingDaysLeft = workingDaysAfter(asOf, year);
        BigDecimal needed = targetTotal == null || workingDaysLeft == 0 ? null
                : targetTotal.subtract(toDate.actual()).max(BigDecimal.ZERO)
                        .divide(BigDecimal.valueOf(workingDaysLeft), 2, RoundingMode.UP);
        return new ProgressPace(projected, workingDaysLeft, needed, PaceStatus.of(toDate.attainment()));
    }

    /** Monday to Friday, after {@code day} and within {@code year} (no public holidays: they differ per country). */
    static int workingDaysAfter(LocalDate day, int year) {
        LocalDate from = day.getYear() < year ? LocalDate.of(year, 1, 1) : day.plusDays(1);
        LocalDate end = LocalDate.of(year + 1, 1, 1);
        int days = 0;
        for (LocalDate date = from; date.isBefore(end); date = date.plusDays(1)) {
            if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days++;
            }
        }
        return days;
    }

    /** The row's target up to and including a day: whole periods before it, and the elapsed share of its own. */
    static BigDecimal targetUpTo(TargetRevision row, int year, LocalDate asOf) {
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
