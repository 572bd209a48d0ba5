package io.salestargets.command.api;

import io.salestargets.command.domain.TargetTypes;
import io.salestargets.events.targets.Unit;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /target-types}. */
@Schema(name = "AddTargetType", example = """
        {"id":"sale-type-count","name":"Sale type - Count","dimension":"sale-type","unit":"COUNT"}""")
public record AddTargetTypeRequest(
        @Schema(description = "Optional: derived from the name when absent. Pattern [a-z0-9][a-z0-9-]{0,63}") String id,
        @Schema(required = true) String name,
        @Schema(required = true, description = "'all', or the name of a list of the sale (a key of its dimensions)") String dimension,
        @Schema(required = true) Unit unit) {

    public TargetTypes.NewType command() {
        return new TargetTypes.NewType(id, name, dimension, unit);
    }
}
