package io.salestargets.progress.actuals;

import java.util.Arrays;

/**
 * The decimal scales of the sales counted in each of some units (the day slots of an {@link OwnerActuals},
 * or its twelve months), so that a unit's figure shows the largest scale among the sales it counts now, as
 * BigDecimal arithmetic on those sales alone would. Compact for the usual case: a unit whose sales all
 * have one scale holds that scale in a byte; only a unit with sales of several scales holds a count per
 * scale. The number of sales per unit is its owner's ({@code before}: the count before the change).
 */
final class Scales {

    private static final byte MIXED = -1;
    /** SaleWon's most decimals, 10: scales 0-10. */
    private static final int SCALES = 11;

    /** Per unit: the scale of all its sales, or {@link #MIXED}. */
    private byte[] uniform;
    /** Per unit with {@link #MIXED} scales: sales per scale; else null. */
    private int[][] mixed;

    Scales(int capacity) {
        uniform = new byte[capacity];
        mixed = new int[capacity][];
    }

    void grow(int capacity) {
        uniform = Arrays.copyOf(uniform, capacity);
        mixed = Arrays.copyOf(mixed, capacity);
    }

    /** Opens unit {@code index} (no sales), moving the {@code size - index} after it up by one. */
    void insert(int index, int size) {
        System.arraycopy(uniform, index, uniform, index + 1, size - index);
        System.arraycopy(mixed, index, mixed, index + 1, size - index);
        uniform[index] = 0;
        mixed[index] = null;
    }

    /** Closes unit {@code index} of {@code size}. */
    void remove(int index, int size) {
        System.arraycopy(uniform, index + 1, uniform, index, size - index - 1);
        System.arraycopy(mixed, index + 1, mixed, index, size - index - 1);
        mixed[size - 1] = null;
    }

    /**
     * Counts one sale of {@code scale} in a unit ({@code sign} 1) or stops counting it (-1).
     *
     * @param before how many sales the unit counted before
     */
    void count(int unit, int scale, int sign, long before) {
        if (sign > 0) {
            if (before == 0) {
                uniform[unit] = (byte) scale;
                mixed[unit] = null;
            } else if (uniform[unit] != MIXED && uniform[unit] != scale) {
                int[] counts = new int[SCALES];
                counts[uniform[unit]] = Math.toIntExact(before);
                counts[scale] = 1;
                mixed[unit] = counts;
                uniform[unit] = MIXED;
            } else if (uniform[unit] == MIXED) {
                mixed[unit][scale]++;
            }
            return;
        }
        if (uniform[unit] == MIXED) {
            int[] counts = mixed[unit];
            counts[scale]--;
            int only = -1;
            for (int s = 0; s < SCALES; s++) {
                if (counts[s] > 0) {
                    only = only == -1 ? s : -2;
                }
            }
            if (only >= 0) {
                uniform[unit] = (byte) only; // one scale left: compact again
                mixed[unit] = null;
            }
        }
    }

    /** The largest scale among the unit's sales (any value when it counts none). */
    int of(int unit) {
        if (uniform[unit] != MIXED) {
            return uniform[unit];
        }
        int[] counts = mixed[unit];
        for (int s = SCALES - 1; s > 0; s--) {
            if (counts[s] > 0) {
                return s;
            }
        }
        return 0;
    }
}
