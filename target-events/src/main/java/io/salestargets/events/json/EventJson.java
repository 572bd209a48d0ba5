package io.salestargets.events.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.salestargets.events.Fields;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.sale.SaleRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one JSON configuration of the product, for records on topics, rows in the event store and
 * REST bodies alike.
 *
 * <ul>
 *   <li>Decimals are exact {@link BigDecimal}s, written plain ({@code 12000.50}, never {@code 1.2E4}).</li>
 *   <li>Dates and instants are ISO-8601 strings ({@code 2026-03-14}, {@code 2026-03-14T09:12:00Z}).</li>
 *   <li>Unknown fields are tolerated, so producers can add fields; an unknown {@code type} is not.</li>
 *   <li>Types are strict: no strings for numbers, no numbers for strings, no fractions for whole
 *       numbers, duplicate fields refused.</li>
 *   <li>Missing required fields are refused with the field's name ({@link InvalidInputException}).</li>
 *   <li>A reason never repeats the input (a value, a type id, a map key, Jackson's excerpt of the text): it
 *       names the field and what it must be, so that it stays short however large the input is (a dead
 *       letter's {@code error} header, a log line).</li>
 * </ul>
 */
public final class EventJson {

    /** A date as the schemas write it (common.schema.json, "date"). */
    /** Jackson's message for a field given twice, when the field's name is a short identifier. */
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '([A-Za-z][A-Za-z0-9]{0,63})'");
    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private EventJson() {
    }

    /** The shared, fully configured mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Applies the product's configuration to a mapper (for example the one a framework provides). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.registerModule(new JavaTimeModule());
        mapper.registerModule(strictDatesAndInstants());
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);
        mapper.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        mapper.configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, false);
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        mapper.configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true);
        mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        mapper.configure(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS, false);
        mapper.configure(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE, true);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        mapper.configure(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS, false);
        mapper.configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true);
        mapper.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
        for (LogicalType numeric : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(numeric)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.DateTime)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return mapper;
    }

    /**
     * Dates and instants as the schemas say, like every other type here (no coercion): a string, never a
     * number (Jackson reads one as an epoch: {@code "occurredAt":5} was 1970) or an array; a date exactly
     * {@code YYYY-MM-DD} (Jackson also takes a date-time, {@code "2026-03-14T23:30:00Z"}, and keeps its UTC
     * date, and a date between spaces). Registered after {@link JavaTimeModule}, whose readers it narrows.
     */
    private static SimpleModule strictDatesAndInstants() {
        SimpleModule module = new SimpleModule("strict-dates-and-instants");
        module.addDeserializer(LocalDate.class, new StdScalarDeserializer<LocalDate>(LocalDate.class) {
            @Override
            public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                    return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
                }
                String text = parser.getText();
                try {
                    LocalDate date = IsoTimes.date(text);
                    if (date != null) {
                        return date;
                    }
                } catch (DateTimeException e) {
                    // no such day (2026-02-30): refused below
                }
                return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text, "not a date (YYYY-MM-DD)");
            }
        });
        module.addDeserializer(Instant.class, new StdScalarDeserializer<Instant>(Instant.class) {
            @Override
            public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                    return (Instant) context.handleUnexpectedToken(Instant.class, parser);
                }
                Instant instant = IsoTimes.instant(parser.getText());
                return instant != null ? instant : InstantDeserializer.INSTANT.deserialize(parser, context);
            }
        });
        return module;
    }

    /**
     * Reads a value, or says which field is at fault. The JSON {@code null} is no value: Jackson reads it as
     * Java's null, which a reader of records would trip over (a poison pill), so it is refused like any other
     * input that is not a record.
     */
    public static <T> T read(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new InvalidInputException("", "empty record", null);
        }
        try {
            return notNull(MAPPER.readValue(json, type));
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /**
     * Reads a record of {@code crm.sales}: the same record, or the same {@link InvalidInputException}, as
     * {@code read(json, SaleRecord.class)}, in a fraction of the time for the records a CRM sends
     * ({@link SaleRecordParser}); the mapper reads the others.
     */
    public static SaleRecord readSale(byte[] json) {
        SaleRecord sale = json == null || json.length == 0 ? null : SaleRecordParser.parse(json);
        return sale != null ? sale : read(json, SaleRecord.class);
    }

    public static <T> T read(String json, Class<T> type) {
        if (json == null || json.isEmpty()) {
            throw new InvalidInputException("", "empty record", null);
        }
        try {
            return notNull(MAPPER.readValue(json, type));
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private static <T> T notNull(T value) {
        if (value == null) {
            throw new InvalidInputException("", "not a record: null", null);
        }
        return value;
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Turns what Jackson says into the field at fault and a reason a person can act on. */
    public static InvalidInputException malformed(IOException e) {
        if (!(e instanceof JacksonException jackson)) {
            return new InvalidInputException("", "unreadable", e);
        }
        if (!(e instanceof JsonMappingException mapping)) {
            String duplicate = duplicateField(jackson);
            return duplicate != null ? new InvalidInputException(duplicate, "is given twice", e)
                    : new InvalidInputException("", notJson(jackson), e);
        }
        String path = pathOf(mapping);
        if (mapping instanceof ValueInstantiationException && mapping.getCause() instanceof InvalidInputException invalid) {
            InvalidInputException located = invalid.within(path);
            return new InvalidInputException(located.field(), invalid.reason(), e);
        }
        if (mapping instanceof InvalidTypeIdException typeId) {
            String id = typeId.getTypeId();
            return new InvalidInputException(path.isEmpty() ? "type" : path + ".type",
                    id == null ? "is required" : "unknown type", e);
        }
        if (mapping instanceof MismatchedInputException mismatch) {
            String expected = describe(mismatch.getTargetType());
            if (expected != null) {
                return new InvalidInputException(path, "must be " + expected, e);
            }
        }
        if (mapping.getCause() instanceof InvalidInputException invalid) {
            InvalidInputException located = invalid.within(path);
            return new InvalidInputException(located.field(), invalid.reason(), e);
        }
        return new InvalidInputException(path, "cannot be read", e);
    }

    /**
     * The field given twice ({@link JsonParser.Feature#STRICT_DUPLICATE_DETECTION}), when its name is one a
     * record can have (a short identifier); null for any other error.
     */
    private static String duplicateField(JacksonException e) {
        Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(e.getOriginalMessage()));
        return duplicate.matches() ? duplicate.group(1) : null;
    }

    /** Why a text is not JSON, and where: Jackson's own message quotes the text it stumbled on. */
    private static String notJson(JacksonException e) {
        if (e instanceof StreamConstraintsException) {
            return "not valid JSON: over a limit of the reader (StreamReadConstraints)";
        }
        if (e instanceof JsonEOFException) {
            return "not valid JSON: it ends early";
        }
        JsonLocation at = e.getLocation();
        return at == null ? "not valid JSON" : "not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                // a map's key is input: named only when it is a list name (dimensions.sale-type)
                boolean input = ref.getFrom() instanceof Map && !Fields.TYPE_ID.matcher(ref.getFieldName()).matches();
                path.append(input ? "*" : ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == BigDecimal.class || type == double.class || type == Double.class) {
            return "a decimal number";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == Instant.class) {
            return "an instant (ISO-8601, e.g. 2026-03-14T09:12:00Z)";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return null;
    }

}
