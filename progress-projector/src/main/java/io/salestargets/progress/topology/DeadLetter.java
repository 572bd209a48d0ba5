package io.salestargets.progress.topology;

import java.util.List;

/** A record of {@code crm.sales} that could not be read: key and value as received, and why. */
public record DeadLetter(byte[] key, byte[] value, String error) implements SaleRead {

    @Override
    public List<DeadLetter> deadLetter() {
        return List.of(this);
    }

    /** The longest {@code error} header: a reason, never the input (the record itself is beside it). */
    public static final int MAX_REASON_LENGTH = 200;

    /**
     * The reason as the {@code error} header carries it: printable ASCII (anything else as {@code ?}), cut
     * to {@link #MAX_REASON_LENGTH} characters. The readers' reasons repeat no input; this bounds what a
     * future one might.
     */
    static String reason(String error) {
        StringBuilder reason = new StringBuilder(Math.min(error.length(), MAX_REASON_LENGTH));
        for (int i = 0; i < error.length() && reason.length() < MAX_REASON_LENGTH; i++) {
            char c = error.charAt(i);
            reason.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (error.length() > MAX_REASON_LENGTH) {
            reason.setLength(MAX_REASON_LENGTH - 1);
            reason.append('~');
        }
        return reason.toString();
    }
}
