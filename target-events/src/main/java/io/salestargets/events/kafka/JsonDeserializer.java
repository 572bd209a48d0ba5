package io.salestargets.events.kafka;

import io.salestargets.events.InvalidInputException;
import io.salestargets.events.json.EventJson;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads one family of the contract's records. A null value (a tombstone) reads as null. A record
 * that cannot be read raises a {@link SerializationException} whose cause is the
 * {@link InvalidInputException} naming the field at fault.
 */
public class JsonDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;

    public JsonDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return EventJson.read(data, type);
        } catch (InvalidInputException e) {
            throw new SerializationException("Cannot read a " + type.getSimpleName() + " from " + topic + ": "
                    + e.getMessage(), e);
        }
    }
}
