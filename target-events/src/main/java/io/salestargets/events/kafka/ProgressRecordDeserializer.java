package io.salestargets.events.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.progress.ProgressRecord;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.progress.TargetAttained;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the records of {@code targets.progress}, both kinds: a {@link ProgressView} or a {@link TargetAttained},
 * chosen by the header {@code ce_type} ({@link ProgressRecord#TYPE_HEADER}). Without the header (a record copied
 * without its headers), by the value: a TargetAttained has {@code "type":"TargetAttained"}, a view has no
 * {@code type}. A tombstone (a view's, a null value) reads as null. An unknown {@code ce_type} or {@code type}, or a
 * value that is not its kind's record, raises a {@link SerializationException}; for a
 * {@link InvalidInputException} (a record that cannot be read) it is the cause. Has the no-argument
 * constructor that configuration by class name needs.
 */
public class ProgressRecordDeserializer implements Deserializer<ProgressRecord> {

    private final JsonDeserializer<ProgressView> views = new JsonDeserializer<>(ProgressView.class);
    private final JsonDeserializer<TargetAttained> attained = new JsonDeserializer<>(TargetAttained.class);

    @Override
    public ProgressRecord deserialize(String topic, Headers headers, byte[] data) {
        Header type = headers == null ? null : headers.lastHeader(ProgressRecord.TYPE_HEADER);
        if (type == null) {
            return deserialize(topic, data);
        }
        return read(topic, type.value() == null ? null : new String(type.value(), StandardCharsets.UTF_8), data);
    }

    /** Without headers: the kind is the value's {@code type}, absent for a view. */
    @Override
    public ProgressRecord deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        return read(topic, typeOf(topic, data), data);
    }

    private ProgressRecord read(String topic, String type, byte[] data) {
        if (ProgressRecord.VIEW_TYPE.equals(type)) {
            return views.deserialize(topic, data);
        }
        if (ProgressRecord.ATTAINED_TYPE.equals(type)) {
            return attained.deserialize(topic, data);
        }
        throw new SerializationException("Cannot read a record of " + topic + ": unknown " + ProgressRecord.TYPE_HEADER + " '"
                + type + "' (known: " + ProgressRecord.VIEW_TYPE + ", " + ProgressRecord.ATTAINED_TYPE + ")");
    }

    private static String typeOf(String topic, byte[] data) {
        JsonNode value;
        try {
            value = EventJson.mapper().readTree(data);
        } catch (IOException e) {
            throw new SerializationException("Cannot read a record of " + topic + ": " + e.getMessage(), EventJson.malformed(e));
        }
        JsonNode type = value == null ? null : value.get("type");
        if (type == null || type.isNull()) {
            return ProgressRecord.VIEW_TYPE;
        }
        return type.asText();
    }
}
