package io.salestargets.events.access;

/** How a target row relates to the caller; data rights are granted per relation. */
public enum Relation {
    /** The caller's own user row. */
    OWN,
    /** A row of one of the caller's groups: the group row, or a user row of a member. */
    GROUP,
    /** A row of a group the caller is not in. */
    OTHERS,
    /** The company row. */
    COMPANY;

    /** The claim name in {@code target_rights}. */
    public String claim() {
        return name().toLowerCase();
    }
}
