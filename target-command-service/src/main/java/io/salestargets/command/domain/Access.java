package io.salestargets.command.domain;

import static io.salestargets.command.domain.CommandRefused.Reason.FORBIDDEN;
import static io.salestargets.command.domain.CommandRefused.Reason.LICENSE_REQUIRED;
import static io.salestargets.command.domain.CommandRefused.Reason.NOT_FOUND;

import io.salestargets.events.access.Caller;
import io.salestargets.events.access.Relation;
import io.salestargets.events.access.Right;
import io.salestargets.events.targets.TargetType;

/**
 * Who may do what, from the caller's licences and rights. A row the caller cannot read does not
 * exist for it (404); a row it can read but not change is forbidden (403).
 */
public final class Access {

    private Access() {
    }

    public static void requireRead(Caller caller, Relation relation) {
        if (!caller.mayRead(relation)) {
            throw new CommandRefused(NOT_FOUND, "No such target row");
        }
    }

    /** Read to see the row at all, then {@code needed} to change it. */
    public static void requireRight(Caller caller, Relation relation, Right needed) {
        requireRead(caller, relation);
        if (!caller.right(relation).includes(needed)) {
            throw new CommandRefused(FORBIDDEN, "This needs the right '" + needed.claim() + "' on "
                    + relation.claim() + " targets; you have '" + caller.right(relation).claim() + "'");
        }
    }

    /** Locking and unlocking: "Can lock and unlock targets", and update on the row. */
    public static void requireLockRight(Caller caller, Relation relation) {
        requireRead(caller, relation);
        if (!caller.hasFunctionalRight(Caller.LOCK_TARGETS)) {
            throw new CommandRefused(FORBIDDEN, "Locking and unlocking targets needs the functional right '"
                    + Caller.LOCK_TARGETS + "'");
        }
        requireRight(caller, relation, Right.UPDATE);
    }

    /** Without Sales Targets Unlimited a tenant has only the built-in type. */
    public static void requireTypeUsable(Caller caller, TargetType type) {
        if (!type.id().equals(TargetType.ALL_SALES_AMOUNT.id()) && !caller.hasLicense(Caller.SALES_TARGETS_UNLIMITED)) {
            throw new CommandRefused(LICENSE_REQUIRED, "Targets of type '" + type.id() + "' need the "
                    + Caller.SALES_TARGETS_UNLIMITED + " licence");
        }
    }

    /** Adding target types: the licence, then the functional right. */
    public static void requireTypeAdmin(Caller caller) {
        if (!caller.hasLicense(Caller.SALES_TARGETS_UNLIMITED)) {
            throw new CommandRefused(LICENSE_REQUIRED, "Adding target types needs the " + Caller.SALES_TARGETS_UNLIMITED + " licence");
        }
        if (!caller.hasFunctionalRight(Caller.TARGETS_ADMIN)) {
            throw new CommandRefused(FORBIDDEN, "Adding target types needs the functional right '" + Caller.TARGETS_ADMIN + "'");
        }
    }

    /** Changing the tenant's settings: the functional right. */
    public static void requireSettingsAdmin(Caller caller) {
        if (!caller.hasFunctionalRight(Caller.TARGETS_ADMIN)) {
            throw new CommandRefused(FORBIDDEN, "Changing the tenant's settings needs the functional right '" + Caller.TARGETS_ADMIN + "'");
        }
    }
}
