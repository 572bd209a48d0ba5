package io.salestargets.events;

/** A Kafka key that is not of the contract's form. */
public class MalformedKeyException extends IllegalArgumentException {

    private final String key;

    public MalformedKeyException(String key, String reason) {
        super("malformed key '" + key + "': " + reason);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
