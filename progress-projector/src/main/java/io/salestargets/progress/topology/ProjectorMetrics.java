package io.salestargets.progress.topology;

/** What the topology counts; the application backs it with Micrometer. */
public interface ProjectorMetrics {

    ProjectorMetrics NONE = new ProjectorMetrics() {
    };

    /** A sale record applied (won, corrected, retracted or removed). */
    default void saleApplied() {
    }

    /** A sale record ignored: its revision is not newer than the one applied. */
    default void staleSaleIgnored() {
    }

    /** A record sent to {@code crm.sales.dlq}. */
    default void deadLetter() {
    }

    /**
     * A record of {@code crm.sales} that could not be read and whose dead letter would be larger than the
     * producer sends: skipped, its coordinates logged.
     */
    default void deadLetterDropped() {
    }

    /** A record of {@code targets.events} that could not be read, skipped. */
    default void unreadableTargetEvent() {
    }

    /**
     * A sale's change reached the company's actuals, {@code lagMillis} after the CRM's record was
     * stamped on {@code crm.sales}: the end-to-end lag, but for the publication of the views.
     */
    default void saleReachedActuals(long lagMillis) {
    }

    /** A publication of {@code count} views to {@code targets.progress}, which took the stream thread {@code cpuNanos}. */
    default void viewsPublished(int count, long cpuNanos) {
    }

    /** A {@code TargetAttained} published to {@code targets.progress}. */
    default void targetAttained() {
    }
}
