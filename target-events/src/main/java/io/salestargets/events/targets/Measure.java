package io.salestargets.events.targets;

import static io.salestargets.events.Fields.requireDimension;
import static io.salestargets.events.Fields.required;

/**
 * What the rows of a target type measure: which sales count ({@code all}, or those whose
 * {@code dimensions[dimension]} is the row's item) and in which unit. Fixed when the type is added.
 */
public record Measure(String dimension, Unit unit) {

    public static final String ALL = "all";

    public Measure {
        requireDimension("dimension", dimension);
        required("unit", unit);
    }

    /** True when every sale counts, so rows carry no list item. */
    public boolean countsAllSales() {
        return ALL.equals(dimension);
    }
}
