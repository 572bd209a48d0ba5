-- The event store: every event of every target row and target type, as published. It is also the
-- outbox: the relay publishes it to targets.events in commit order (see relay_checkpoints).
CREATE TABLE events (
    position        bigserial   PRIMARY KEY,            -- order of appending (not of commit)
    stream          text        NOT NULL,               -- the Kafka key: row key or type key
    version         bigint      NOT NULL,               -- 1, 2, ... per stream
    tenant_id       text        NOT NULL,
    event_id        uuid        NOT NULL UNIQUE,
    event_type      text        NOT NULL,
    payload         json        NOT NULL,               -- the record, byte for byte as published
    occurred_at     timestamptz NOT NULL,
    -- the appending transaction: the relay reads only below pg_snapshot_xmin(pg_current_snapshot()),
    -- where every transaction has ended, so that one committing late is never skipped
    transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT events_stream_version UNIQUE (stream, version)
);
CREATE INDEX events_by_transaction ON events (transaction_id, position);

-- How far the relay has published. Taken FOR UPDATE SKIP LOCKED: one relay at a time across instances.
CREATE TABLE relay_checkpoints (
    topic           text        PRIMARY KEY,
    transaction_id  xid8        NOT NULL,
    position        bigint      NOT NULL,
    updated_at      timestamptz NOT NULL
);
INSERT INTO relay_checkpoints (topic, transaction_id, position, updated_at) VALUES ('targets.events', '0', 0, now());

-- Read model: the current state of each existing row, for the target dialog, row reads and the
-- plan checks. Written in the transaction that appends the row's event.
CREATE TABLE target_rows (
    row_key         text        PRIMARY KEY,
    tenant_id       text        NOT NULL,
    year            integer     NOT NULL,
    type_id         text        NOT NULL,
    level           text        NOT NULL,
    owner_id        text        NOT NULL,
    item            text,
    group_id        text,
    period_interval text        NOT NULL,
    period_values   numeric[]   NOT NULL,
    currency        text,
    locked          boolean     NOT NULL,
    version         bigint      NOT NULL,
    updated_at      timestamptz NOT NULL,
    updated_by      text        NOT NULL
);
CREATE INDEX target_rows_by_plan ON target_rows (tenant_id, year, type_id, item);

-- Read model: the target types each tenant added (the built-in one is not stored).
CREATE TABLE target_types (
    tenant_id       text        NOT NULL,
    type_id         text        NOT NULL,
    name            text        NOT NULL,
    dimension       text        NOT NULL,
    unit            text        NOT NULL,
    added_at        timestamptz NOT NULL,
    added_by        text        NOT NULL,
    PRIMARY KEY (tenant_id, type_id),
    CONSTRAINT target_types_measure UNIQUE (tenant_id, dimension, unit)
);

-- One row per tenant, year and target type that has targets: what a command locks to check the
-- rules between rows (one interval; one group without Sales Targets Unlimited).
CREATE TABLE target_plans (
    tenant_id       text        NOT NULL,
    year            integer     NOT NULL,
    type_id         text        NOT NULL,
    PRIMARY KEY (tenant_id, year, type_id)
);

-- The first answer to each write that carried an Idempotency-Key, stored with its events.
CREATE TABLE idempotency_keys (
    tenant_id       text        NOT NULL,
    idempotency_key text        NOT NULL,
    request         text        NOT NULL,               -- method, path and a hash of the body
    status          integer     NOT NULL,
    etag            text,
    location        text,
    body            text,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
);
