package io.salestargets.progress.actuals;

import java.time.LocalDate;

/**
 * Days of one year as sorted slots in an int array, each slot two ints: the day
 * ({@code month * 32 + day of month}) and what the slot counts (its sales).
 */
final class DaySlots {

    private DaySlots() {
    }

    /** A day's key: months and days in order, each month's days between {@code month * 32} and {@code month * 32 + 31}. */
    static int key(LocalDate day) {
        return day.getMonthValue() * 32 + day.getDayOfMonth();
    }

    /** How many of the first {@code size} slots have a day up to and including {@code key}. */
    static int upTo(int[] slots, int size, int key) {
        int slot = find(slots, size, key);
        return slot < 0 ? -slot - 1 : slot + 1;
    }

    /** The slot of {@code key} among the first {@code size} slots, or {@code -(insertion point) - 1}. */
    static int find(int[] slots, int size, int key) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int day = slots[2 * middle];
            if (day < key) {
                low = middle + 1;
            } else if (day > key) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }
}
