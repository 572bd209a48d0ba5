-- Issue 9: reasons on every change, the tenant's settings, and targets as of any instant.

-- The tenant's settings; a tenant without a row has the defaults (TenantSettings.DEFAULTS).
CREATE TABLE tenant_settings (
    tenant_id                    text        PRIMARY KEY,
    reason_required_after_unlock boolean     NOT NULL,
    updated_at                   timestamptz NOT NULL,
    updated_by                   text        NOT NULL
);

-- The target dialog as of an instant replays the streams of one year and type, whose keys begin with
-- <tenant>/<year>/<typeId>/: a LIKE on that prefix uses this index whatever the database's collation.
CREATE INDEX events_by_stream_prefix ON events (stream text_pattern_ops);

-- Every command reads whether its row was ever unlocked without a reason, none or an empty one
-- (TargetRowRecord.load, with the same expression): a small index of those events only.
CREATE INDEX events_unlocked_without_reason ON events (stream)
    WHERE event_type = 'TargetUnlocked' AND COALESCE(payload ->> 'reason', '') = '';
