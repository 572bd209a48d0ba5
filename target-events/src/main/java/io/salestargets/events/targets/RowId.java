package io.salestargets.events.targets;

import static io.salestargets.events.Fields.requireEntityId;
import static io.salestargets.events.Fields.requireTypeId;
import static io.salestargets.events.Fields.required;

import io.salestargets.events.InvalidInputException;

/**
 * Which target row: year, target type, level and owner, plus the list item for types whose
 * dimension is not {@code all}. Unique within a tenant. The company row's owner is
 * {@value Level#COMPANY_OWNER}.
 */
public record RowId(int year, String typeId, Level level, String ownerId, String item) {

    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2100;

    public RowId {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new InvalidInputException("year", "must be between " + FIRST_YEAR + " and " + LAST_YEAR);
        }
        requireTypeId("typeId", typeId);
        required("level", level);
        if (level == Level.COMPANY) {
            if (!Level.COMPANY_OWNER.equals(ownerId)) {
                throw new InvalidInputException("ownerId", "must be '" + Level.COMPANY_OWNER + "' on the company row");
            }
        } else {
            requireEntityId("ownerId", ownerId);
        }
        if (item != null) {
            requireEntityId("item", item);
        }
    }

    /** A year as keys and paths write it, exactly four ASCII digits; -1 when the text is not that. */
    static int fourDigitYear(String text) {
        if (text.length() != 4) {
            return -1;
        }
        int year = 0;
        for (int i = 0; i < 4; i++) {
            char digit = text.charAt(i);
            if (digit < '0' || digit > '9') {
                return -1;
            }
            year = year * 10 + (digit - '0');
        }
        return year;
    }

    public static RowId company(int year, String typeId, String item) {
        return new RowId(year, typeId, Level.COMPANY, Level.COMPANY_OWNER, item);
    }

    public static RowId group(int year, String typeId, String groupId, String item) {
        return new RowId(year, typeId, Level.GROUP, groupId, item);
    }

    public static RowId user(int year, String typeId, String userId, String item) {
        return new RowId(year, typeId, Level.USER, userId, item);
    }
}
