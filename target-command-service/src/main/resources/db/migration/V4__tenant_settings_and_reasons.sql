-- Issue 9: reasons on every change, and the tenant's settings.

-- The tenant's settings; a tenant without a row has the defaults (TenantSettings.DEFAULTS).
CREATE TABLE tenant_settings (
    tenant_id                    text        PRIMARY KEY,
    reason_required_after_unlock boolean     NOT NULL,
    updated_at                   timestamptz NOT NULL,
    updated_by                   text        NOT NULL
);

-- Every command reads whether its row was ever unlocked without a reason (TargetRowRecord.load): a
-- small index of those events only.
CREATE INDEX events_unlocked_without_reason ON events (stream)
    WHERE event_type = 'TargetUnlocked' AND (payload ->> 'reason') IS NULL;
