package io.salestargets.events.access;

/** Data rights on targets, each including the ones before it. */
public enum Right {
    NONE,
    READ,
    CREATE,
    UPDATE,
    DELETE;

    public boolean includes(Right other) {
        return compareTo(other) >= 0;
    }

    /** The claim value: {@code none}, {@code read}, ... */
    public String claim() {
        return name().toLowerCase();
    }

    public static Right fromClaim(String value) {
        for (Right right : values()) {
            if (right.claim().equals(value)) {
                return right;
            }
        }
        throw new IllegalArgumentException("unknown right '" + value + "'");
    }
}
