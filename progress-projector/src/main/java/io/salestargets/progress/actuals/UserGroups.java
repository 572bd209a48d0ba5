package io.salestargets.progress.actuals;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * One user's groups in one year, as its sales counted now give them: per group, the days with sales and
 * how many (sorted, interleaved in one array). The user's group is the group of its latest sale; on a
 * tie, the greatest group id. Usually one group and a handful of days: a few arrays, no map.
 *
 * <p>Not thread-safe: its partition's lock guards it ({@link PartitionActuals}).
 */
final class UserGroups {

    private String[] groups = new String[1];
    /** Per group: its days ({@code month * 32 + day of month}, ascending) and their sales, interleaved. */
    private int[][] days = new int[1][];
    /** Per group: how many days it has. */
    private int[] sizes = new int[1];
    private int count;

    /** Counts a sale of {@code group} on {@code day} ({@code sign} 1), or stops counting it (-1); true when none is left. */
    boolean add(String group, LocalDate day, int sign) {
        int key = DaySlots.key(day);
        int g = indexOf(group);
        if (g < 0) {
            g = addGroup(group);
        }
        int[] groupDays = days[g];
        int size = sizes[g];
        int slot = DaySlots.find(groupDays, size, key);
        if (slot < 0) {
            slot = -slot - 1;
            if (2 * size == groupDays.length) {
                groupDays = days[g] = Arrays.copyOf(groupDays, Math.max(2, 4 * size));
            }
            System.arraycopy(groupDays, 2 * slot, groupDays, 2 * slot + 2, 2 * (size - slot));
            groupDays[2 * slot] = key;
            groupDays[2 * slot + 1] = 0;
            sizes[g] = ++size;
        }
        groupDays[2 * slot + 1] += sign;
        if (groupDays[2 * slot + 1] == 0) {
            System.arraycopy(groupDays, 2 * slot + 2, groupDays, 2 * slot, 2 * (size - slot - 1));
            sizes[g] = --size;
            if (size == 0) {
                removeGroup(g);
            }
        }
        return count == 0;
    }

    /** The group of the latest sale (a tie: the greatest group id); null when none is counted. */
    String latest() {
        String latest = null;
        int latestDay = -1;
        for (int g = 0; g < count; g++) {
            int day = days[g][2 * (sizes[g] - 1)];
            if (day > latestDay || day == latestDay && groups[g].compareTo(latest) > 0) {
                latest = groups[g];
                latestDay = day;
            }
        }
        return latest;
    }

    private int indexOf(String group) {
        for (int g = 0; g < count; g++) {
            if (groups[g].equals(group)) {
                return g;
            }
        }
        return -1;
    }

    private int addGroup(String group) {
        if (count == groups.length) {
            groups = Arrays.copyOf(groups, count * 2);
            days = Arrays.copyOf(days, count * 2);
            sizes = Arrays.copyOf(sizes, count * 2);
        }
        groups[count] = group;
        days[count] = new int[2];
        sizes[count] = 0;
        return count++;
    }

    private void removeGroup(int g) {
        count--;
        groups[g] = groups[count];
        days[g] = days[count];
        sizes[g] = sizes[count];
        groups[count] = null;
        days[count] = null;
    }
}
