-- The hub own schema (history table hub_schema_history), migrated after the ledger schema (ledger_schema_history).
-- Quarantine: every message that failed anywhere, with its original bytes. audit_log: who did what, append-only.

create table quarantine (
    id                bigserial primary key,
    received_at       timestamptz not null default clock_timestamp(),
    source_system     text        not null,
    source_message_id text,
    route_id          text,
    reason_code       text        not null,
    reason_message    text,
    content_type      text,
    -- a JSON object as text, not jsonb (which refuses NUL characters and reorders keys): kept as received
    headers           text        not null default '{}',
    body              bytea       not null,
    status            text        not null default 'QUARANTINED'
                      check (status in ('QUARANTINED', 'RETRIED', 'RESOLVED', 'REJECTED')),
    retry_of          bigint      references quarantine (id),
    retried_as        bigint      references quarantine (id),
    produced_ref      text,
    resolution_note   text,
    attempts          integer     not null default 0,
    updated_at        timestamptz not null default clock_timestamp()
);

create index quarantine_status_reason on quarantine (status, reason_code, id);
create index quarantine_status_source on quarantine (status, source_system, id);
create index quarantine_route         on quarantine (route_id, id);
create index quarantine_received      on quarantine (received_at, id);
create index quarantine_retry_of      on quarantine (retry_of) where retry_of is not null;

create table audit_log (
    id          bigserial   primary key,
    at          timestamptz not null default clock_timestamp(),
    actor       text        not null,
    action      text        not null,
    target_type text        not null,
    target_id   text        not null,
    detail      text
);

create index audit_log_target on audit_log (target_type, target_id, id);
create index audit_log_actor  on audit_log (actor, id);
create index audit_log_at     on audit_log (at, id);

-- Append-only, enforced by the database as well as by the code (which has no update or delete of it).
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only (% refused)', tg_op;
end
$$;

create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only();
