package io.salestargets.events.kafka;

import io.salestargets.events.json.EventJson;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes any of the contract's records as JSON with the product's one configuration. A null value
 * (a tombstone) stays null. Usable by Kafka Streams and, by class name, by SmallRye Reactive
 * Messaging ({@code value.serializer}).
 */
public class JsonSerializer<T> implements Serializer<T> {

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : EventJson.write(data);
    }
}
