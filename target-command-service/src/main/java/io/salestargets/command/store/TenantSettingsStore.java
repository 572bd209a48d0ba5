package io.salestargets.command.store;

import io.salestargets.command.domain.TenantSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The tenants' settings (table {@code tenant_settings}); a tenant without a record has {@link TenantSettings#DEFAULTS}. */
@ApplicationScoped
public class TenantSettingsStore {

    private final Sql sql;

    public TenantSettingsStore(Sql sql) {
        this.sql = sql;
    }

    /** The tenant's settings as last changed; empty while it has the defaults. */
    public Optional<TenantSettings.Changed> changed(String tenantId) {
        return sql.first("SELECT reason_required_after_unlock, updated_at, updated_by FROM tenant_settings WHERE tenant_id = ?",
                row -> new TenantSettings.Changed(new TenantSettings(row.getBoolean(1)), Sql.instant(row, 2), row.getString(3)),
                tenantId);
    }

    /** Writes the tenant's settings, one statement (two admins at once: the last one wins). */
    public void save(String tenantId, TenantSettings.Changed changed) {
        sql.update("""
                        INSERT INTO tenant_settings (tenant_id, reason_required_after_unlock, updated_at, updated_by)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT (tenant_id) DO UPDATE SET reason_required_after_unlock = EXCLUDED.reason_required_after_unlock,
                            updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""",
                tenantId, changed.settings().reasonRequiredAfterUnlock(), changed.at(), changed.by());
    }
}
