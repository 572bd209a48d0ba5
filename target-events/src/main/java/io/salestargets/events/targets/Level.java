package io.salestargets.events.targets;

import java.util.Arrays;

/** Who a target row belongs to: the company, a user group, or a user. */
public enum Level {
    COMPANY("company"),
    GROUP("group"),
    USER("user");

    /** The owner id of the company row: its key reads {@code .../company/company}. */
    public static final String COMPANY_OWNER = "company";

    private final String keySegment;

    Level(String keySegment) {
        this.keySegment = keySegment;
    }

    /** How the level reads in row keys: {@code company}, {@code group}, {@code user}. */
    public String keySegment() {
        return keySegment;
    }

    public static Level fromKeySegment(String segment) {
        return Arrays.stream(values())
                .filter(level -> level.keySegment.equals(segment))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown level '" + segment + "'"));
    }
}
