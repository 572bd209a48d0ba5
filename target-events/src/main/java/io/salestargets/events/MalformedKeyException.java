package io.salestargets.events;

/**
 * A Kafka key that is not of the contract's form. The message says what is wrong, never the key itself
 * ({@link #key()}): a reason goes into headers and logs, where an echo of a huge key would not fit.
 */
public class MalformedKeyException extends IllegalArgumentException {

    private final String key;

    public MalformedKeyException(String key, String reason) {
        super("malformed key: " + reason);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
