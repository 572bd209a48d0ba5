-- Issue 14: idempotency keys are the caller's (tenant and user), and expire.
--
-- Keys stored before had no user: they get '' (no user id is empty), so that no caller's repeat finds
-- them, and they are deleted with the expired keys once the retention (idempotency.retention) has passed.
ALTER TABLE idempotency_keys ADD COLUMN user_id text NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys ALTER COLUMN user_id DROP DEFAULT;
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (tenant_id, user_id, idempotency_key);
-- the cleanup deletes the oldest keys first, in small batches (IdempotencyKeys.deleteExpired)
CREATE INDEX idempotency_keys_by_created_at ON idempotency_keys (created_at);

-- The plan's events (EventStore.loadPlan) are read as a range of index events_by_stream_prefix
-- (stream ~>=~ prefix AND stream ~<~ prefix with its last character the next one), no longer by LIKE.
