package io.salestargets.progress.topology;

/** A record of {@code crm.sales} that could not be read: key and value as received, and why. */
public record DeadLetter(byte[] key, byte[] value, String error) implements SalesOutput {
}
