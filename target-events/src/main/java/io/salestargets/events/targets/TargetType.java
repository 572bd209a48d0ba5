package io.salestargets.events.targets;

import static io.salestargets.events.Fields.requireDimension;
import static io.salestargets.events.Fields.requireTypeId;
import static io.salestargets.events.Fields.required;

import io.salestargets.events.InvalidInputException;

/** A target type: "All sales - Amount", "Sale type - Count", "Company category - Profit", ... */
public record TargetType(String id, String name, String dimension, Unit unit) {

    public static final int MAX_NAME_LENGTH = 100;

    /** Every tenant has it; it cannot be removed. */
    public static final TargetType ALL_SALES_AMOUNT =
            new TargetType("all-sales-amount", "All sales - Amount", Measure.ALL, Unit.AMOUNT);

    public TargetType {
        requireTypeId("id", id);
        required("name", name);
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("name", "must be 1 to " + MAX_NAME_LENGTH + " characters, not blank");
        }
        requireDimension("dimension", dimension);
        required("unit", unit);
    }

    public Measure measure() {
        return new Measure(dimension, unit);
    }
}
