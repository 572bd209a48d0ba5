package io.salestargets.events.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.salestargets.events.sale.SaleRecord;
import io.salestargets.events.sale.SaleRetracted;
import io.salestargets.events.sale.SaleWon;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a record of {@code crm.sales} token by token, for {@link EventJson#readSale}: the records a CRM sends
 * (one flat object, each field of the type its schema says) without the mapper's polymorphic, property-based
 * machinery, which was most of the projector's cost per sale (BENCHMARKS.md, 2026-12-07).
 *
 * <p>It answers only what it is sure of: a record it read whole, with every field of its schema's token type and
 * accepted by the record's own constructor, the same record the mapper would read, since it reads with the
 * mapper's parser factory (its limits, strict duplicate detection) and the mapper's own date and instant readers;
 * anything else (a null, a string for a number, a date Jackson reads in another way, a field the record's
 * constructor refuses, text after the record, a type other than {@code SaleWon} and {@code SaleRetracted}) is
 * {@code null}, and the mapper reads the record, and says why it cannot, as it always did.
 * {@code SaleRecordParserTest} and the projector's {@code SaleRecordParserPropertiesTest} hold it to that.
 */
final class SaleRecordParser {

    private SaleRecordParser() {
    }

    /** The record, or null when the mapper is to read it (see the class). */
    static SaleRecord parse(byte[] json) {
        try (JsonParser parser = EventJson.mapper().getFactory().createParser(json)) {
            return parse(parser);
        } catch (IOException | RuntimeException e) {
            return null; // not JSON, over a limit, a field given twice, refused by the record: the mapper says which
        }
    }

    private static SaleRecord parse(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String type = null;
        String tenantId = null;
        String saleId = null;
        Long revision = null;
        LocalDate wonDate = null;
        String userId = null;
        String groupId = null;
        BigDecimal amount = null;
        BigDecimal profit = null;
        String currency = null;
        Map<String, String> dimensions = null;
        Instant occurredAt = null;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "type" -> type = text(parser, value);
                case "tenantId" -> tenantId = text(parser, value);
                case "saleId" -> saleId = text(parser, value);
                case "revision" -> revision = whole(parser, value);
                case "wonDate" -> wonDate = date(text(parser, value));
                case "userId" -> userId = text(parser, value);
                case "groupId" -> groupId = text(parser, value);
                case "amount" -> amount = decimal(parser, value);
                case "profit" -> profit = decimal(parser, value);
                case "currency" -> currency = text(parser, value);
                case "dimensions" -> dimensions = dimensions(parser, value);
                case "occurredAt" -> occurredAt = instant(text(parser, value));
                default -> parser.skipChildren(); // a field the records do not have: tolerated, as by the mapper
            }
        }
        if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
            return null; // text after the record
        }
        if ("SaleWon".equals(type)) {
            return new SaleWon(tenantId, saleId, revision, wonDate, userId, groupId, amount, profit, currency, dimensions, occurredAt);
        }
        if ("SaleRetracted".equals(type)) {
            return new SaleRetracted(tenantId, saleId, revision, occurredAt);
        }
        return null;
    }

    /**
     * A record not of the usual shape: a field's value of another token type than its schema's (a null among them),
     * or that the mapper's own readers would not take; a SaleRetracted that carries a field of SaleWon's that does not
     * fit it is one too (the mapper would skip that field), and the mapper reads it. Without a stack trace: it is
     * control flow, not a failure.
     */
    private static final class Unusual extends RuntimeException {
        private static final Unusual INSTANCE = new Unusual();

        private Unusual() {
            super(null, null, false, false);
        }
    }

    /** A string value. */
    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw Unusual.INSTANCE;
        }
        return parser.getText();
    }

    /** A whole number that a long holds. */
    private static Long whole(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw Unusual.INSTANCE;
        }
        return parser.getLongValue();
    }

    /** A number, read as the mapper reads a BigDecimal ({@code USE_BIG_DECIMAL_FOR_FLOATS}). */
    private static BigDecimal decimal(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
            throw Unusual.INSTANCE;
        }
        return parser.getDecimalValue();
    }

    /** A date as the mapper's reader takes it ({@link IsoTimes#date}: no such day is refused there). */
    private static LocalDate date(String text) {
        LocalDate date = IsoTimes.date(text);
        if (date == null) {
            throw Unusual.INSTANCE;
        }
        return date;
    }

    /** An instant of the usual forms ({@link IsoTimes#instant}); the mapper's reader also takes others. */
    private static Instant instant(String text) {
        Instant instant = IsoTimes.instant(text);
        if (instant == null) {
            throw Unusual.INSTANCE;
        }
        return instant;
    }

    /** An object of string values. */
    private static Map<String, String> dimensions(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            throw Unusual.INSTANCE;
        }
        Map<String, String> dimensions = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String list = parser.currentName();
            dimensions.put(list, text(parser, parser.nextToken()));
        }
        return dimensions; // the loop ends at the object's end: anything else is not JSON, and the parser says so
    }
}
