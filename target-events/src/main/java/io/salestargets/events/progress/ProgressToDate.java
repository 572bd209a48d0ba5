package io.salestargets.events.progress;

import static io.salestargets.events.Fields.required;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Progress up to a day: the target of the periods before {@code asOf} plus the elapsed share (by
 * days) of its own period, against the actual up to and including {@code asOf}.
 */
public record ProgressToDate(LocalDate asOf, BigDecimal target, BigDecimal actual, BigDecimal attainment) {

    public ProgressToDate {
        required("asOf", asOf);
        required("actual", actual);
    }

    public static ProgressToDate of(LocalDate asOf, BigDecimal target, BigDecimal actual) {
        return new ProgressToDate(asOf, target, actual, Attainment.of(actual, target));
    }
}
