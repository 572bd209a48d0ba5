package io.salestargets.progress.targets;

import io.salestargets.events.targets.RowKey;
import io.salestargets.events.targets.TargetType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The target rows and added target types of one partition's tenants, in memory, in front of their
 * stores (which the partition's task writes and rebuilds this from when it starts): views read them
 * without a store read or a deserialization.
 *
 * <p>Not thread-safe: the partition's lock guards it (the stream thread writes, queries read).
 */
public final class PartitionTargets {

    /** By row key: ordered, so that a plan's rows ({@link RowKey#planPrefix}) are adjacent. */
    private final NavigableMap<String, TargetRowState> rows = new TreeMap<>();
    /** Per tenant, its added types by id. */
    private final Map<String, Map<String, TargetType>> types = new HashMap<>();
    /** Per tenant and dimension, the types (built-in and added) that measure it: read for every sale, changed rarely. */
    private final Map<String, Map<String, List<TargetType>>> measuring = new HashMap<>();

    public TargetRowState row(String rowKey) {
        return rows.get(rowKey);
    }

    /** Sets a row (null: removes it). */
    public void row(String rowKey, TargetRowState row) {
        if (row == null) {
            rows.remove(rowKey);
        } else {
            rows.put(rowKey, row);
        }
    }

    /** The rows whose keys begin with {@code prefix} (a plan's: {@link RowKey#planPrefix}), in key order. */
    public Collection<TargetRowState> rowsFrom(String prefix) {
        return rows.subMap(prefix, true, prefix + Character.MAX_VALUE, false).values();
    }

    /** Every row. */
    public Collection<TargetRowState> rows() {
        return rows.values();
    }

    /** A tenant's type: the built-in one, or one it added; null when unknown. */
    public TargetType type(String tenantId, String typeId) {
        if (TargetType.ALL_SALES_AMOUNT.id().equals(typeId)) {
            return TargetType.ALL_SALES_AMOUNT;
        }
        Map<String, TargetType> added = types.get(tenantId);
        return added == null ? null : added.get(typeId);
    }

    /** The built-in type, then the tenant's added ones. */
    public List<TargetType> types(String tenantId) {
        List<TargetType> all = new ArrayList<>();
        all.add(TargetType.ALL_SALES_AMOUNT);
        Map<String, TargetType> added = types.get(tenantId);
        if (added != null) {
            all.addAll(added.values());
        }
        return all;
    }

    /** The tenant's types (built-in and added) that measure a dimension. */
    public List<TargetType> typesMeasuring(String tenantId, String dimension) {
        return measuring.computeIfAbsent(tenantId, tenant -> new HashMap<>()).computeIfAbsent(dimension, of -> {
            List<TargetType> matching = new ArrayList<>();
            for (TargetType type : types(tenantId)) {
                if (type.dimension().equals(of)) {
                    matching.add(type);
                }
            }
            return List.copyOf(matching);
        });
    }

    public void addType(String tenantId, TargetType type) {
        types.computeIfAbsent(tenantId, tenant -> new TreeMap<>()).put(type.id(), type);
        measuring.remove(tenantId);
    }

    /** Forgets everything (before a rebuild). */
    public void clear() {
        rows.clear();
        types.clear();
        measuring.clear();
    }
}
