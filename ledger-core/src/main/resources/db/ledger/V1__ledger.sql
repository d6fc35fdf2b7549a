-- Ledger core schema. The store is the durable authority: "committed" means this database committed it.

create table participants (
    party_id    char(12)     primary key,
    name        text         not null,
    roles       text         not null default '',
    bic         varchar(11)  unique,
    created_at  timestamptz  not null default now()
);

create table participant_keys (
    key_id      varchar(128) primary key,
    party_id    char(12)     not null references participants(party_id),
    algorithm   varchar(32)  not null,
    public_key  bytea        not null,
    created_at  timestamptz  not null default now()
);
create index participant_keys_party on participant_keys(party_id);

create table accounts (
    number      char(20)     primary key,
    owner       char(12)     not null references participants(party_id),
    kind        varchar(32)  not null,
    servicer    varchar(11)  not null,
    created_at  timestamptz  not null default now()
);
create index accounts_owner on accounts(owner);

-- a bank (or the Treasury) allowed to sign transfers for an account it services
create table delegations (
    account     char(20)     not null references accounts(number),
    delegate    char(12)     not null references participants(party_id),
    created_at  timestamptz  not null default now(),
    primary key (account, delegate)
);

create table transactions (
    seq          bigserial    not null unique,
    tx_id        bytea        primary key,
    type         varchar(16)  not null,
    reference    text         not null,
    body         bytea        not null,           -- canonical encoding; sha256(body) = tx_id
    signatures   text         not null,           -- JSON list of {keyId, value}
    issued       bigint       not null default 0, -- tiyn created by an ISSUE
    redeemed     bigint       not null default 0, -- tiyn destroyed by a REDEEM
    balances     text         not null,           -- JSON: balances of touched accounts right after this tx
    committed_at timestamptz  not null default now(),
    check (issued >= 0 and redeemed >= 0)
);

create table outputs (
    tx_id       bytea        not null,
    idx         integer      not null,
    owner       char(20)     not null,
    amount      bigint       not null check (amount > 0),
    marking     text,
    hold        text,
    primary key (tx_id, idx)
);
create index outputs_owner on outputs(owner);

-- The spent markers. The primary key is the durable authority of the single-spend rule: whatever the
-- Hazelcast spent-set believed (split brain, lost reservation, full restart), a second commit of the same
-- output fails here.
create table spent_outputs (
    tx_id       bytea        not null,
    idx         integer      not null,
    spent_by    bytea        not null,
    primary key (tx_id, idx)
);
create index spent_outputs_spender on spent_outputs(spent_by);

-- Derived from unspent outputs, kept in step inside every commit (see LedgerStore#audit for the proof query).
create table account_balances (
    account     char(20)     primary key,
    balance     bigint       not null check (balance >= 0)
);
