package io.salestargets.command.service;

import io.salestargets.command.api.TenantSettingsRequest;
import io.salestargets.command.api.TenantSettingsView;
import io.salestargets.command.domain.Access;
import io.salestargets.command.domain.TenantSettings;
import io.salestargets.command.store.TenantSettingsStore;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The caller's tenant's settings: anyone of the tenant reads them, targets-admin changes them. */
@ApplicationScoped
public class TenantSettingsCommands {

    private final TenantSettingsStore store;

    public TenantSettingsCommands(TenantSettingsStore store) {
        this.store = store;
    }

    /** {@code GET /settings}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public TenantSettingsView read(Caller caller) {
        return store.changed(caller.tenantId()).map(TenantSettingsView::of).orElseGet(TenantSettingsView::defaults);
    }

    /** {@code PUT /settings}: the settings as they are now. The right first: who may not change them learns nothing more. */
    @Transactional
    public TenantSettingsView change(Caller caller, TenantSettingsRequest request) {
        Access.requireSettingsAdmin(caller);
        if (request == null) {
            throw new InvalidInputException("body", "is required");
        }
        TenantSettings.Changed changed = new TenantSettings.Changed(request.settings(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                caller.userId());
        store.save(caller.tenantId(), changed);
        return TenantSettingsView.of(changed);
    }
}
