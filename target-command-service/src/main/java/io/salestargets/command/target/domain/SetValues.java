package io.salestargets.command.target.domain;

import io.salestargets.events.target.Interval;
import java.math.BigDecimal;
import java.util.List;

/** The command behind {@code PUT <row>}: values per period, and the row's group and currency. */
public record SetValues(Interval interval, List<BigDecimal> values, String groupId, String currency, String reason) {
}
