package io.salestargets.command.domain;

import io.salestargets.events.targets.Interval;
import java.math.BigDecimal;
import java.util.List;

/** The command behind {@code PUT <row>}: values per period, and the row's group and currency. */
public record SetValues(Interval interval, List<BigDecimal> values, String groupId, String currency, String reason) {
}
