package io.salestargets.events;

import io.salestargets.events.targets.RowId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The contract's rules for single fields, shared by records, keys and requests. Each check returns
 * the value it accepted or throws an {@link InvalidInputException} naming the field.
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

    /** The first instant of the contract's years, and the first after them (UTC). */
    private static final Instant FIRST_INSTANT = LocalDate.of(RowId.FIRST_YEAR, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant AFTER_LAST_INSTANT = LocalDate.of(RowId.LAST_YEAR + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private Fields() {
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        return value;
    }

    public static String requireEntityId(String field, String value) {
        return matching(field, value, ENTITY_ID, isEntityId(value));
    }

    public static String requireTypeId(String field, String value) {
        return matching(field, value, TYPE_ID, isTypeId(value));
    }

    /** {@code all}, or the name of a list of the sale ({@link #TYPE_ID} pattern). */
    public static String requireDimension(String field, String value) {
        return matching(field, value, TYPE_ID, isTypeId(value));
    }

    public static String requireCurrency(String field, String value) {
        if (value == null) {
            return null;
        }
        return matching(field, value, CURRENCY, isCurrency(value));
    }

    // The patterns' checks by hand: every sale record checks several ids, and a regular expression's matcher
    // cost more than the rest of its checks (the projector's profile). Equal to the patterns (FieldsTest).

    /** Whether {@code value} matches {@link #ENTITY_ID}. */
    static boolean isEntityId(String value) {
        if (value == null || value.isEmpty() || value.length() > 64 || !isAsciiLetterOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '.' && c != '_' && c != ':' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code value} matches {@link #TYPE_ID}. */
    static boolean isTypeId(String value) {
        if (value == null || value.isEmpty() || value.length() > 64 || !isLowerOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isLowerOrDigit(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code value} matches {@link #CURRENCY}. */
    static boolean isCurrency(String value) {
        if (value == null || value.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = value.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isLowerOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    public static BigDecimal requireNotNegative(String field, BigDecimal value) {
        required(field, value);
        if (value.signum() < 0) {
            throw new InvalidInputException(field, "must not be negative");
        }
        return value;
    }

    /**
     * A date as a request gives it ({@code ?asOf=}): {@code YYYY-MM-DD} within the contract's years,
     * {@link RowId#FIRST_YEAR} to {@link RowId#LAST_YEAR}. {@code LocalDate} itself reads years up
     * to ±999999999 ({@code +999999999-12-31}), which name no row and overflow the computations on
     * them; within these years, a computation may still step into the year before or after.
     */
    public static LocalDate requireDate(String field, String value) {
        required(field, value);
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date (YYYY-MM-DD)");
        }
        if (date.getYear() < RowId.FIRST_YEAR || date.getYear() > RowId.LAST_YEAR) {
            throw new InvalidInputException(field, "must be a date from " + RowId.FIRST_YEAR + "-01-01 to " + RowId.LAST_YEAR + "-12-31");
        }
        return date;
    }

    /**
     * An instant as a request gives it ({@code ?asOf=}, {@code ?targetsAsOf=}): ISO-8601 with
     * {@code Z} or an offset ({@code 2026-06-30T00:00:00Z}, {@code 2026-06-30T02:00:00+02:00}), within
     * the contract's years in UTC, as {@link #requireDate}.
     */
    public static Instant requireInstant(String field, String value) {
        required(field, value);
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an instant (ISO-8601, e.g. 2026-06-30T00:00:00Z)");
        }
        if (instant.isBefore(FIRST_INSTANT) || !instant.isBefore(AFTER_LAST_INSTANT)) {
            throw new InvalidInputException(field, "must be an instant from " + RowId.FIRST_YEAR + "-01-01T00:00:00Z to "
                    + RowId.LAST_YEAR + "-12-31T23:59:59Z");
        }
        return instant;
    }

    private static String matching(String field, String value, Pattern pattern, boolean matches) {
        required(field, value);
        if (!matches) {
            throw new InvalidInputException(field, "must match " + pattern.pattern());
        }
        return value;
    }
}
