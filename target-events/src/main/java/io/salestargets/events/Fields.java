package io.salestargets.events;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The contract's rules for single fields, shared by records, keys and requests. Each check returns
 * the value it accepted or throws an {@link InvalidFieldException} naming the field.
 */
public final class Fields {

    /**
     * Tenant, user, group and list item ids. They are parts of Kafka keys, so a slash is never
     * allowed.
     */
    public static final Pattern ENTITY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    /** Target type ids and the list names that a dimension may be. */
    public static final Pattern TYPE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /** ISO 4217 currency codes. */
    public static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private Fields() {
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        return value;
    }

    public static String requireEntityId(String field, String value) {
        return matching(field, value, ENTITY_ID);
    }

    public static String requireTypeId(String field, String value) {
        return matching(field, value, TYPE_ID);
    }

    /** {@code all}, or the name of a list of the sale ({@link #TYPE_ID} pattern). */
    public static String requireDimension(String field, String value) {
        return matching(field, value, TYPE_ID);
    }

    public static String requireCurrency(String field, String value) {
        if (value == null) {
            return null;
        }
        return matching(field, value, CURRENCY);
    }

    public static BigDecimal requireNotNegative(String field, BigDecimal value) {
        required(field, value);
        if (value.signum() < 0) {
            throw new InvalidFieldException(field, "must not be negative");
        }
        return value;
    }

    private static String matching(String field, String value, Pattern pattern) {
        required(field, value);
        if (!pattern.matcher(value).matches()) {
            throw new InvalidFieldException(field, "must match " + pattern.pattern());
        }
        return value;
    }
}
