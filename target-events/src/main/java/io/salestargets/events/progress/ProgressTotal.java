package io.salestargets.events.progress;

import static io.salestargets.events.Fields.required;

import java.math.BigDecimal;

/** Target and actual of a whole year. */
public record ProgressTotal(BigDecimal target, BigDecimal actual, BigDecimal attainment) {

    public ProgressTotal {
        required("actual", actual);
    }

    public static ProgressTotal of(BigDecimal target, BigDecimal actual) {
        return new ProgressTotal(target, actual, Attainment.of(actual, target));
    }
}
