-- Signed checkpoints of the evidence log's head (ledger-core fact.EvidenceCheckpoint): the hub's oracle key states
-- "entry seq has hash entry_hash" at signed_at. The chain itself lives in the ledger schema (evidence_log); these rows
-- are what a cut tail or a rebuilt chain is later measured against, so they are append-only like audit_log, and each
-- is also published on the facts endpoint (hub.facts) for auditors to keep outside the hub.
create table evidence_checkpoints (
    id          bigserial   primary key,
    seq         bigint      not null check (seq >= 1),
    entry_hash  bytea       not null check (length(entry_hash) = 32),
    -- exactly the instant that was signed (millisecond precision)
    signed_at   timestamptz not null,
    key_id      text        not null,
    signature   bytea       not null,
    stored_at   timestamptz not null default clock_timestamp()
);

create index evidence_checkpoints_seq on evidence_checkpoints (seq desc, id desc);

create function evidence_checkpoints_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'evidence_checkpoints is append-only (% refused)', tg_op;
end
$$;

create trigger evidence_checkpoints_no_update before update or delete on evidence_checkpoints
    for each row execute function evidence_checkpoints_append_only();
create trigger evidence_checkpoints_no_truncate before truncate on evidence_checkpoints
    for each statement execute function evidence_checkpoints_append_only();
