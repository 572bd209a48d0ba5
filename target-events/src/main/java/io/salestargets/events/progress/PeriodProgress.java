package io.salestargets.events.progress;

import static io.salestargets.events.Fields.required;

import java.math.BigDecimal;

/** Target and actual of one period (month or quarter) of a row. {@code target} is null without a row. */
public record PeriodProgress(int period, String label, BigDecimal target, BigDecimal actual, BigDecimal attainment) {

    public PeriodProgress {
        required("label", label);
        required("actual", actual);
    }

    public static PeriodProgress of(int period, String label, BigDecimal target, BigDecimal actual) {
        return new PeriodProgress(period, label, target, actual, Attainment.of(actual, target));
    }
}
