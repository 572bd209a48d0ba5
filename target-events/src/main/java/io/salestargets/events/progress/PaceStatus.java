package io.salestargets.events.progress;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;

/**
 * Whether a row is ahead of, on or behind the pace its target sets: its attainment to date (actual
 * to date / the pro-rata target to date, as {@code toDate.attainment} shows it, to 4 decimals).
 * Within 5% either way is on track.
 */
public enum PaceStatus {
    AHEAD("ahead"), ON_TRACK("on-track"), BEHIND("behind");

    /** From this share of the target to date up, a row is ahead. */
    public static final BigDecimal AHEAD_FROM = new BigDecimal("1.05");
    /** From this share up to {@link #AHEAD_FROM}, a row is on track; below it, behind. */
    public static final BigDecimal ON_TRACK_FROM = new BigDecimal("0.95");

    private final String wire;

    PaceStatus(String wire) {
        this.wire = wire;
    }

    /** The status of an attainment to date (actual / target to date); none without one. */
    public static PaceStatus of(BigDecimal attainmentToDate) {
        if (attainmentToDate == null) {
            return null;
        }
        if (attainmentToDate.compareTo(AHEAD_FROM) >= 0) {
            return AHEAD;
        }
        return attainmentToDate.compareTo(ON_TRACK_FROM) >= 0 ? ON_TRACK : BEHIND;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static PaceStatus fromWire(String wire) {
        for (PaceStatus status : values()) {
            if (status.wire.equals(wire)) {
                return status;
            }
        }
        throw new IllegalArgumentException("must be ahead, on-track or behind");
    }
}
