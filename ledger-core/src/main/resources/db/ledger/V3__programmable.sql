-- Address-list marking programmes (content-addressed: id = sha256 of the canonical form).
create table address_lists (
    id           char(64)     primary key,
    initiator    char(12)     not null references participants(party_id),
    recipient    char(20)     not null,
    levels       text         not null,             -- JSON: list of lists of IIKs
    registered_at timestamptz not null default now()
);

-- What each contract parameter has used of its limits; written in the commit that moves the money.
create table contract_usage (
    contract     varchar(128) primary key,
    transferred  bigint       not null default 0 check (transferred >= 0),
    cashed_out   bigint       not null default 0 check (cashed_out >= 0)
);
