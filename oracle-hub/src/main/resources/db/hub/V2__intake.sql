-- The intake's durable idempotent repository: one row per (source system, source message id). The content hash
-- tells a redelivery (same bytes: answer with the fact made the first time) from a conflicting reuse of an id
-- (different bytes: quarantined). received_at is the fact's issuedAt, so a redelivery after a crash signs the
-- very same fact again (same id) and registering it is a no-op.
create table intake_messages (
    source_system   varchar(64)  not null,
    message_id      varchar(128) not null,
    content_hash    bytea        not null,
    received_at     timestamptz  not null,
    fact_id         bytea,
    primary key (source_system, message_id)
);
