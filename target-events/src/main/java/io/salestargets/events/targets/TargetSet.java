package io.salestargets.events.targets;

import static io.salestargets.events.Fields.requireCurrency;
import static io.salestargets.events.Fields.requireEntityId;
import static io.salestargets.events.Fields.requireNotNegative;
import static io.salestargets.events.Fields.required;

import io.salestargets.events.InvalidInputException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A row's values were set (created or changed). Carries the type's measure so that a consumer never
 * waits for the type's own event, which lives on another partition.
 */
public record TargetSet(
        UUID eventId,
        String tenantId,
        RowId target,
        Measure targetType,
        String groupId,
        Interval interval,
        List<BigDecimal> values,
        String currency,
        long version,
        Instant occurredAt,
        String actor,
        String reason) implements TargetRowEvent {

    public TargetSet {
        RowEventFields.check(eventId, tenantId, target, version, occurredAt, actor);
        required("targetType", targetType);
        if (targetType.countsAllSales() && target.item() != null) {
            throw new InvalidInputException("target.item", "must be null when the dimension is 'all'");
        }
        if (!targetType.countsAllSales() && target.item() == null) {
            throw new InvalidInputException("target.item", "is required when the dimension is '" + targetType.dimension() + "'");
        }
        if (target.level() == Level.USER) {
            requireEntityId("groupId", groupId);
        } else if (groupId != null) {
            throw new InvalidInputException("groupId", "is only allowed on user rows");
        }
        required("interval", interval);
        required("values", values);
        if (values.size() != interval.periods()) {
            throw new InvalidInputException("values", "must have " + interval.periods() + " entries for " + interval);
        }
        for (int i = 0; i < values.size(); i++) {
            requireNotNegative("values[" + i + "]", values.get(i));
        }
        values = List.copyOf(values);
        if (currency != null && target.level() == Level.USER) {
            throw new InvalidInputException("currency", "is only allowed on company and group rows");
        }
        requireCurrency("currency", currency);
    }

    /** Sum of the values. */
    public BigDecimal total() {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
