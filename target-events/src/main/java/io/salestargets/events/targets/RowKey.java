package io.salestargets.events.targets;

import static io.salestargets.events.Fields.requireEntityId;

import io.salestargets.events.InvalidInputException;

/**
 * The Kafka key of a target row on {@code targets.events} and {@code targets.progress}:
 * {@code <tenant>/<year>/<typeId>/<level>/<owner>[/<item>]}, e.g.
 * {@code acme/2026/all-sales-amount/user/u-anna} or {@code acme/2026/sale-type-count/company/company/st-3}.
 */
public record RowKey(String tenantId, RowId row) {

    public RowKey {
        requireEntityId("tenantId", tenantId);
        if (row == null) {
            throw new InvalidInputException("row", "is required");
        }
    }

    public String format() {
        return format(tenantId, row.year(), row.typeId(), row.level(), row.ownerId(), row.item());
    }

    /**
     * The key of a row from its parts, without checking them (for parts that were checked already,
     * on hot paths): {@code <tenant>/<year>/<typeId>/<level>/<owner>[/<item>]}.
     */
    public static String format(String tenantId, int year, String typeId, Level level, String ownerId, String item) {
        StringBuilder key = new StringBuilder(64)
                .append(planPrefix(tenantId, year, typeId))
                .append(level.keySegment()).append('/')
                .append(ownerId);
        if (item != null) {
            key.append('/').append(item);
        }
        return key.toString();
    }

    /** What the keys of a tenant's rows of one year and target type (all items) begin with: {@code <tenant>/<year>/<typeId>/}. */
    public static String planPrefix(String tenantId, int year, String typeId) {
        return tenantId + '/' + year + '/' + typeId + '/';
    }

    public static RowKey parse(String key) {
        if (key == null) {
            throw InvalidInputException.malformedKey("no key");
        }
        String[] parts = key.split("/", -1);
        if (parts.length != 5 && parts.length != 6) {
            throw InvalidInputException.malformedKey(
                    "expected <tenant>/<year>/<typeId>/<level>/<owner>[/<item>]");
        }
        try {
            int year = parseYear(parts[1]);
            Level level = Level.fromKeySegment(parts[3]);
            String item = parts.length == 6 ? parts[5] : null;
            return new RowKey(parts[0], new RowId(year, parts[2], level, parts[4], item));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.malformedKey(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return format();
    }

    private static int parseYear(String text) {
        int year = RowId.fourDigitYear(text);
        if (year < 0) {
            throw new InvalidInputException("year", "must be four digits");
        }
        return year;
    }
}
