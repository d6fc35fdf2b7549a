-- The evidence log (as X-Road's message log): every registered fact is appended to a hash chain. Each entry's
-- hash covers the previous entry's hash, the fact's id, the oracle's key id and signature and the time logged,
-- so removing, reordering or altering any entry or fact breaks every later link. Append-only.
create table evidence_log (
    seq          bigint       primary key,
    fact_id      bytea        not null unique references facts(id),
    prev_hash    bytea        not null,
    entry_hash   bytea        not null,
    logged_at    timestamptz  not null
);

-- The head of the chain: one row, locked by every append so appends are serialized across hub nodes.
create table evidence_head (
    id           smallint     primary key check (id = 1),
    seq          bigint       not null,
    hash         bytea        not null
);
insert into evidence_head(id, seq, hash) values (1, 0, decode(repeat('00', 32), 'hex'));
