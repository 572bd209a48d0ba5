package io.salestargets.command.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.salestargets.command.domain.TenantSettings;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** A tenant's settings (table {@code tenant_settings}); a tenant without a record has {@link TenantSettings#DEFAULTS}. */
@Entity
@Table(name = "tenant_settings")
public class TenantSettingsRecord extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "reason_required_after_unlock")
    public boolean reasonRequiredAfterUnlock;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;

    /** The tenant's record, empty while it has the defaults. */
    public static Optional<TenantSettingsRecord> of(String tenantId) {
        return findByIdOptional(tenantId);
    }

    /** The settings the rules of the tenant's rows take: one indexed read. */
    public static TenantSettings settingsOf(String tenantId) {
        return of(tenantId).map(TenantSettingsRecord::settings).orElse(TenantSettings.DEFAULTS);
    }

    public TenantSettings settings() {
        return new TenantSettings(reasonRequiredAfterUnlock);
    }

    /** Writes the tenant's settings, one statement (two admins at once: the last one wins). */
    public static void save(String tenantId, TenantSettings settings, Instant at, String by) {
        getEntityManager().createNativeQuery("""
                        INSERT INTO tenant_settings (tenant_id, reason_required_after_unlock, updated_at, updated_by)
                        VALUES (:tenant, :reasonRequired, :at, :by)
                        ON CONFLICT (tenant_id) DO UPDATE SET reason_required_after_unlock = EXCLUDED.reason_required_after_unlock,
                            updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
                .setParameter("tenant", tenantId)
                .setParameter("reasonRequired", settings.reasonRequiredAfterUnlock())
                .setParameter("at", Timestamp.from(at))
                .setParameter("by", by)
                .executeUpdate();
    }
}
