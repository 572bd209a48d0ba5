package io.salestargets.command.store;

/**
 * Another transaction appended the same version of a stream first. The whole command is to be
 * tried again in a new transaction (or refused with 412 when the caller named a version).
 */
public class ConcurrentAppend extends RuntimeException {

    public ConcurrentAppend(String stream, long version) {
        super("version " + version + " of " + stream + " was appended concurrently", null, false, false);
    }
}
