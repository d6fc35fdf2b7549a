-- Where the hub's poll of a source's API stands: advanced only after every message of a page is durably a fact, a
-- duplicate or in the quarantine, so a restart neither misses nor repeats a change.
create table source_checkpoints (
    source_system text primary key,
    checkpoint    text not null,
    updated_at    timestamptz not null default clock_timestamp()
);
