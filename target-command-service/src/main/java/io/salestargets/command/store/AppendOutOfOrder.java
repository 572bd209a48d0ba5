package io.salestargets.command.store;

/**
 * The stream's previous version was appended by a transaction that took its id after this one (it wrote
 * the row after this transaction's first write, before this one read the row): the relay, which publishes
 * by transaction id, would put this version before it. Nothing is appended; the whole command is to be
 * tried again in a new transaction, also when the caller named a version (the row did not change since
 * it was read: this transaction is only too old).
 */
public class AppendOutOfOrder extends RuntimeException {

    public AppendOutOfOrder(String stream, long version) {
        super("version " + (version - 1) + " of " + stream + " was appended by a later transaction than version " + version,
                null, false, false);
    }
}
