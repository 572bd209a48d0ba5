package io.salestargets.progress.topology;

import io.salestargets.events.targets.TargetEvent;
import io.salestargets.progress.sales.SaleState;

/** What the tenant stage takes in, partitioned by tenant: sale changes and target events. */
sealed interface TenantInput permits TenantInput.Sale, TenantInput.Target {

    /** A sale's new state as read from {@code crm.sales} (keyed by its sale key). */
    record Sale(SaleState state) implements TenantInput {
    }

    /** A target event (keyed by its row or type key). */
    record Target(TargetEvent event) implements TenantInput {
    }

    static TenantInput sale(SaleState state) {
        return new Sale(state);
    }

    static TenantInput target(TargetEvent event) {
        return new Target(event);
    }
}
