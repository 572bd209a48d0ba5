package io.salestargets.command.api;

import io.salestargets.events.targets.TargetType;
import io.salestargets.events.targets.Unit;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A target type as the API shows it. */
@Schema(name = "TargetType", example = """
        {"id":"all-sales-amount","name":"All sales - Amount","dimension":"all","unit":"AMOUNT","builtIn":true}""")
public record TargetTypeView(String id, String name, String dimension, Unit unit, boolean builtIn) {

    public static TargetTypeView of(TargetType type) {
        return new TargetTypeView(type.id(), type.name(), type.dimension(), type.unit(),
                type.id().equals(TargetType.ALL_SALES_AMOUNT.id()));
    }
}
