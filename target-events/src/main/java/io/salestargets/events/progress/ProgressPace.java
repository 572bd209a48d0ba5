package io.salestargets.events.progress;

import io.salestargets.events.InvalidInputException;
import java.math.BigDecimal;

/**
 * How the year goes at the pace so far, as of {@code toDate.asOf}.
 *
 * @param projectedActual      the year-end actual at the run rate so far: the actual to date times the
 *                             year's days over the days up to and including {@code asOf} (half-even, to
 *                             the cent); the year's actual once it is over; null before it starts
 * @param workingDaysLeft      the working days (Monday to Friday) of the year after {@code asOf}
 * @param neededPerWorkingDay  what is still needed to reach the year's target (target total minus the
 *                             actual to date, never below 0), per working day left, rounded up to the
 *                             cent; null without a target or without working days left
 * @param status               the actual to date against the target to date ({@link PaceStatus}); null
 *                             when there is no target to date (no row, or nothing due yet)
 */
public record ProgressPace(BigDecimal projectedActual, int workingDaysLeft, BigDecimal neededPerWorkingDay, PaceStatus status) {

    public ProgressPace {
        if (workingDaysLeft < 0 || workingDaysLeft > 262) {
            throw new InvalidInputException("workingDaysLeft", "must be between 0 and 262");
        }
    }
}
