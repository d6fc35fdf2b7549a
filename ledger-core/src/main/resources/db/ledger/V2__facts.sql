-- Oracle facts: the signed confirmations transactions of marked and held money rely on.
create table facts (
    id           bytea        primary key,          -- sha256(body)
    type         varchar(32)  not null,
    subject      varchar(128) not null,
    body         bytea        not null,             -- canonical encoding
    key_id       varchar(128) not null references participant_keys(key_id),
    signature    bytea        not null,
    issued_at    timestamptz  not null,
    registered_at timestamptz not null default now()
);
create index facts_subject on facts(type, subject, issued_at desc);
