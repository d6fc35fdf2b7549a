-- Address-list marking programmes (content-addressed: id = sha256 of the canonical form).
create table address_lists (
    id           char(64)     primary key,
    initiator    char(12)     not null references participants(party_id),
    recipient    char(20)     not null,
    levels       text         not null,             -- JSON: list of lists of IIKs
    registered_at timestamptz not null default now()
);

-- What the limits set by facts have used: a contract's transfers and cash-outs, an invoice's paid net and VAT.
-- Written in the commit that moves the money, under a row lock (see LedgerStore#applyLimits).
create table limit_usage (
    subject      varchar(160) not null,             -- CONTRACT:<number> or INVOICE:<registration number>
    kind         varchar(32)  not null,             -- LimitUse.Kind
    used         bigint       not null default 0 check (used >= 0),
    primary key (subject, kind)
);

-- Held outputs, for the expiry scheduler (few at any time compared to all outputs).
create index outputs_held on outputs(hold) where hold is not null;

-- Transactions by their client reference (the hub finds a release it already made by its deterministic reference).
create index transactions_reference on transactions(reference);
