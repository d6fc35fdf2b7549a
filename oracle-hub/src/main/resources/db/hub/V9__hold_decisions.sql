-- What each stored event fact of a source that drives holds did to the money held for its event (the source's hold
-- rules decide, the hub carries it out): one row per fact, written when decided and completed when carried out. A row
-- still PENDING, or a fact of such a source without a row, is finished by the settlement sweep (after a crash).
create table hold_decisions (
    fact_id        bytea       primary key,
    source_system  text        not null,
    event_id       text,
    decision       text        not null check (decision in ('RELEASE', 'RETURN_ALL', 'REFUSE', 'NO_CHANGE')),
    amount         bigint,
    reason_code    text,
    detail         text,
    outcome        text        not null default 'PENDING'
                   check (outcome in ('PENDING', 'RELEASED', 'RETURNED', 'REFUSED', 'UNCHANGED')),
    released       bigint      not null default 0,
    transaction_id bytea,
    quarantine_id  bigint,
    decided_at     timestamptz not null default clock_timestamp(),
    done_at        timestamptz
);
create index hold_decisions_event on hold_decisions (event_id, decided_at);
create index hold_decisions_pending on hold_decisions (decided_at) where outcome = 'PENDING';
