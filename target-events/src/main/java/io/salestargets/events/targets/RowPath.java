package io.salestargets.events.targets;

import io.salestargets.events.FieldError;
import io.salestargets.events.Fields;
import io.salestargets.events.InvalidInputException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A row as the REST APIs name it: {@code .../{year}/{typeId}/company}, {@code .../groups/{groupId}}
 * or {@code .../users/{userId}}, plus {@code ?item=} for types whose dimension is not {@code all}
 * (contract sections 3 and 5).
 */
public record RowPath(int year, String typeId, Level level, String ownerId, String item) {

    /**
     * Reads the parts of a row's URL.
     *
     * @param owner {@code company}, {@code groups/<id>} or {@code users/<id>}
     * @throws InvalidInputException naming each part at fault
     */
    public static RowPath parse(String year, String typeId, String owner, String item) {
        List<FieldError> errors = new ArrayList<>();
        int parsedYear = parseYear(year, errors);
        checkTypeId(typeId, errors);
        Level level;
        String ownerId;
        if (owner.equals("company")) {
            level = Level.COMPANY;
            ownerId = Level.COMPANY_OWNER;
        } else {
            String[] parts = owner.split("/", 2);
            level = parts[0].equals("groups") ? Level.GROUP : Level.USER;
            ownerId = parts.length == 2 ? parts[1] : "";
            String field = level == Level.GROUP ? "groupId" : "userId";
            if (!Fields.ENTITY_ID.matcher(ownerId).matches()) {
                errors.add(new FieldError(field, "must match " + Fields.ENTITY_ID.pattern()));
            }
        }
        checkItem(item, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new RowPath(parsedYear, typeId, level, ownerId, item);
    }

    /** The year and type of a target dialog. */
    public static RowPath plan(String year, String typeId, String item) {
        List<FieldError> errors = new ArrayList<>();
        int parsedYear = parseYear(year, errors);
        checkTypeId(typeId, errors);
        checkItem(item, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new RowPath(parsedYear, typeId, Level.COMPANY, Level.COMPANY_OWNER, item);
    }

    /**
     * The row, once the type is known: rows of a type whose dimension is not {@code all} need an
     * item; the others refuse one.
     */
    public RowId rowId(TargetType type) {
        checkItemFor(type);
        return new RowId(year, typeId, level, ownerId, item);
    }

    /** Checks {@code ?item=} against the type's dimension. */
    public void checkItemFor(TargetType type) {
        boolean all = type.measure().countsAllSales();
        if (all && item != null) {
            throw new InvalidInputException("item", "is not allowed: type '" + type.id() + "' counts all sales");
        }
        if (!all && item == null) {
            throw new InvalidInputException("item", "is required: type '" + type.id() + "' counts sales per "
                    + type.dimension() + " item");
        }
    }

    /** The row's URL path under {@code base} (e.g. {@code /api/v1/targets}), with its item. */
    public String uri(String base) {
        String owner = switch (level) {
            case COMPANY -> "company";
            case GROUP -> "groups/" + ownerId;
            case USER -> "users/" + ownerId;
        };
        return base + "/" + year + "/" + typeId + "/" + owner
                + (item == null ? "" : "?item=" + URLEncoder.encode(item, StandardCharsets.UTF_8));
    }

    private static int parseYear(String year, List<FieldError> errors) {
        int parsed = RowId.fourDigitYear(year);
        if (parsed >= RowId.FIRST_YEAR && parsed <= RowId.LAST_YEAR) {
            return parsed;
        }
        errors.add(new FieldError("year", "must be a year from " + RowId.FIRST_YEAR + " to " + RowId.LAST_YEAR));
        return 0;
    }

    private static void checkTypeId(String typeId, List<FieldError> errors) {
        if (!Fields.TYPE_ID.matcher(typeId).matches()) {
            errors.add(new FieldError("typeId", "must match " + Fields.TYPE_ID.pattern()));
        }
    }

    private static void checkItem(String item, List<FieldError> errors) {
        if (item != null && !Fields.ENTITY_ID.matcher(item).matches()) {
            errors.add(new FieldError("item", "must match " + Fields.ENTITY_ID.pattern()));
        }
    }
}
