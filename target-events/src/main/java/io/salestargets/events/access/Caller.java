package io.salestargets.events.access;

import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.RowId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who sends a command, as the bearer token says: tenant, user, groups (primary first), licences,
 * data rights per relation and functional rights.
 */
public record Caller(
        String tenantId,
        String userId,
        List<String> groups,
        Set<String> licenses,
        Map<Relation, Right> rights,
        Set<String> functionalRights) {

    /** Needed for every call. */
    public static final String SALES_PREMIUM = "sales-premium";
    /** Needed to add target types, use them, and give targets to more than one group per year and type. */
    public static final String SALES_TARGETS_UNLIMITED = "sales-targets-unlimited";
    /** "Can lock and unlock targets" (also needs update on the row). */
    public static final String LOCK_TARGETS = "lock-targets";
    /** "Targets administrator": adds target types. */
    public static final String TARGETS_ADMIN = "targets-admin";

    public Caller {
        groups = List.copyOf(groups);
        licenses = Set.copyOf(licenses);
        rights = Map.copyOf(rights);
        functionalRights = Set.copyOf(functionalRights);
    }

    public boolean hasLicense(String license) {
        return licenses.contains(license);
    }

    public boolean hasFunctionalRight(String right) {
        return functionalRights.contains(right);
    }

    /** The caller's right on a relation; a relation the token leaves out is {@link Right#NONE}. */
    public Right right(Relation relation) {
        return rights.getOrDefault(relation, Right.NONE);
    }

    /**
     * How a row relates to the caller. {@code rowGroupId} is the group of a user row (the user's group
     * for the year); it is ignored for other levels.
     */
    public Relation relationTo(RowId row, String rowGroupId) {
        if (row.level() == Level.COMPANY) {
            return Relation.COMPANY;
        }
        if (row.level() == Level.GROUP) {
            return groups.contains(row.ownerId()) ? Relation.GROUP : Relation.OTHERS;
        }
        if (row.ownerId().equals(userId)) {
            return Relation.OWN;
        }
        return rowGroupId != null && groups.contains(rowGroupId) ? Relation.GROUP : Relation.OTHERS;
    }

    public boolean mayRead(Relation relation) {
        return right(relation).includes(Right.READ);
    }
}
