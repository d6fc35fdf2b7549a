-- When each event's hold ends (the validUntil of its latest registration), so the expiry finds every expired event
-- by an index range, however many outputs are held. Kept with the facts: written in the transaction that stores an
-- EVENT_REGISTERED fact, the latest registration (by issued_at) winning. Events registered before this table are
-- added by the first expiry pass (HoldExpiry.backfill).
create table event_expiry (
    event_id    text         primary key,
    valid_until timestamptz  not null,
    issued_at   timestamptz  not null
);
create index event_expiry_valid_until on event_expiry (valid_until, event_id);
