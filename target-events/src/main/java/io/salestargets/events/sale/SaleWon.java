package io.salestargets.events.sale;

import static io.salestargets.events.Fields.requireCurrency;
import static io.salestargets.events.Fields.requireDimension;
import static io.salestargets.events.Fields.requireEntityId;
import static io.salestargets.events.Fields.required;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.salestargets.events.InvalidInputException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A won sale, or a new version of one: replaces whatever the sale counted before (amount, date,
 * owner, group and dimensions may all change).
 *
 * <p>{@code amount} and {@code profit} are exact decimals in the tenant's base currency; absent
 * means 0. Profit may be negative (a sale at a loss), and so may the amount (a credit). Both are
 * bounded by {@value #MAX_MAGNITUDE} in magnitude and {@value #MAX_DECIMALS} decimals, so that no
 * record can blow up the sums; trailing zeros beyond those decimals and exponents are normalized
 * away ({@code 1.500000000000} is {@code 1.5}, {@code 12E+3} is {@code 12000}). {@code groupId} is the owner's group recorded on the sale: actuals
 * never move with later team changes. {@code dimensions} maps a list name to the sale's item of
 * that list, at most {@value #MAX_DIMENSIONS} of them (a sale counts once per dimension for each of its
 * three owners, so that no record can blow up that work); none is written as absent.
 */
public record SaleWon(
        String tenantId,
        String saleId,
        Long revision,
        LocalDate wonDate,
        String userId,
        String groupId,
        BigDecimal amount,
        BigDecimal profit,
        String currency,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> dimensions,
        Instant occurredAt) implements SaleRecord {

    public static final String MAX_MAGNITUDE = "1E+15";
    public static final int MAX_DECIMALS = 10;
    public static final int MAX_DIMENSIONS = 100;
    private static final BigDecimal MAX = new BigDecimal(MAX_MAGNITUDE);

    public SaleWon {
        SaleFields.check(tenantId, saleId, revision);
        required("wonDate", wonDate);
        requireEntityId("userId", userId);
        requireEntityId("groupId", groupId);
        amount = bounded("amount", amount);
        profit = bounded("profit", profit);
        requireCurrency("currency", currency);
        Map<String, String> checked = new TreeMap<>();
        if (dimensions != null && dimensions.size() > MAX_DIMENSIONS) {
            throw new InvalidInputException("dimensions", "must have at most " + MAX_DIMENSIONS + " entries");
        }
        if (dimensions != null) {
            dimensions.forEach((list, item) -> {
                requireDimension("dimensions", list); // a name that breaks the rule is not repeated
                checked.put(list, requireEntityId("dimensions." + list, item));
            });
        }
        dimensions = Collections.unmodifiableMap(checked);
    }

    /** The sale's item of a list, or null when the sale has none. */
    public String itemOf(String dimension) {
        return dimensions.get(dimension);
    }

    private static BigDecimal bounded(String field, BigDecimal value) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        if (value.abs().compareTo(MAX) > 0) {
            throw new InvalidInputException(field, "must not exceed " + MAX.toPlainString() + " in magnitude");
        }
        if (value.scale() < 0) {
            return value.setScale(0); // 12E+3 is 12000: an integer, whatever its exponent
        }
        if (value.scale() > MAX_DECIMALS) {
            // 1.500000000000 is 1.5; trailing zeros beyond the limit are dropped, not stored
            BigDecimal stripped = value.stripTrailingZeros();
            if (stripped.scale() > MAX_DECIMALS) {
                throw new InvalidInputException(field, "must have at most " + MAX_DECIMALS + " decimals");
            }
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }
        return value;
    }
}
