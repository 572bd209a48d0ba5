package io.salestargets.events.progress;

import static io.salestargets.events.Fields.requireEntityId;
import static io.salestargets.events.Fields.required;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.RowKey;
import io.salestargets.events.targets.Unit;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Published on {@code targets.progress} under {@link #key} the first time a row's total actual reaches
 * its total target (more than 0), once per target: a retraction and a later sale do not publish it
 * again, a lock or unlock does not, a change of the total target does when the new total is reached.
 * Its header {@code ce_type} is {@link ProgressRecord#ATTAINED_TYPE}; unlike a view, its value has
 * {@code "type":"TargetAttained"}.
 *
 * @param target     the row's total target
 * @param actual     the total actual that reached it
 * @param attainedAt when the projector saw it reached (the publication of the view)
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonTypeName(ProgressRecord.ATTAINED_TYPE)
public record TargetAttained(
        String tenantId,
        int year,
        String typeId,
        Level level,
        String ownerId,
        String item,
        Unit unit,
        long targetVersion,
        BigDecimal target,
        BigDecimal actual,
        Instant attainedAt) implements ProgressRecord {

    /** The suffix of its key after the row key: {@code #} never occurs in ids, so no row key ends with it. */
    public static final String KEY_SUFFIX = "#attained";

    public TargetAttained {
        requireEntityId("tenantId", tenantId);
        required("unit", unit);
        if (targetVersion < 1) {
            throw new InvalidInputException("targetVersion", "must be at least 1");
        }
        if (required("target", target).signum() <= 0) {
            throw new InvalidInputException("target", "must be more than 0");
        }
        required("actual", actual);
        required("attainedAt", attainedAt);
        new RowId(year, typeId, level, ownerId, item); // checks the row's parts
    }

    /** Its key on {@code targets.progress}: not the row key, whose newest record (the view) compaction keeps. */
    public static String key(String rowKey) {
        return rowKey + KEY_SUFFIX;
    }

    /** Whether a key of {@code targets.progress} is a TargetAttained's rather than a view's. */
    public static boolean isKey(String key) {
        return key != null && key.endsWith(KEY_SUFFIX);
    }

    /** Whether a view's total actual has reached its total target (a row with a target of more than 0). */
    public static boolean reached(ProgressView view) {
        BigDecimal target = view.total().target();
        return view.targetVersion() != null && target != null && target.signum() > 0
                && view.total().actual().compareTo(target) >= 0;
    }

    /** The record of a view that has {@link #reached} its target. */
    public static TargetAttained of(ProgressView view, Instant attainedAt) {
        return new TargetAttained(view.tenantId(), view.year(), view.typeId(), view.level(), view.ownerId(), view.item(), view.unit(),
                view.targetVersion(), view.total().target(), view.total().actual(), attainedAt);
    }

    public RowId row() {
        return new RowId(year, typeId, level, ownerId, item);
    }

    public RowKey rowKey() {
        return new RowKey(tenantId, row());
    }
}
