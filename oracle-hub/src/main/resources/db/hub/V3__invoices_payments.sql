-- The invoice registry, kept from INVOICE_REGISTERED facts (one row per registration number, its current state).
-- Paid amounts are not kept here: the ledger's limit_usage (INVOICE:<r>) is their authority.
create table invoices (
    registration_number         text        primary key,
    seller_tin                  char(12)    not null,
    buyer_tin                   char(12)    not null,
    net                         bigint      not null,
    vat                         bigint      not null,
    gross                       bigint      not null,
    currency                    text        not null,
    status                      text        not null,
    invoice_type                text,
    adjustment                  text,
    related_registration_number text,
    contract_number             text,
    seller_iik                  text,
    prepaid_net                 bigint      not null default 0,
    prepaid_vat                 bigint      not null default 0,
    fact_id                     bytea       not null,
    first_registered_at         timestamptz not null default clock_timestamp(),
    updated_at                  timestamptz not null default clock_timestamp()
);
create index invoices_related on invoices (related_registration_number) where related_registration_number is not null;

-- What of a contract's prepayments the oracle allocated to an invoice under that contract: decided once, when the
-- invoice is first signed (under an advisory lock per contract), and stated in every fact of the invoice after.
create table prepayment_allocations (
    registration_number text        primary key,
    contract_number     text        not null,
    net                 bigint      not null check (net >= 0),
    vat                 bigint      not null check (vat >= 0),
    allocated_at        timestamptz not null default clock_timestamp()
);
create index prepayment_allocations_contract on prepayment_allocations (contract_number);

-- Payment orders from 1C (file or JSON): one row per (payer account, number, date), so a file sent twice pays once.
create table payment_orders (
    id                  bigserial   primary key,
    channel             text        not null,
    payer_account       char(20)    not null,
    number              text        not null,
    order_date          date        not null,
    content_hash        bytea       not null,
    reference_kind      text        not null check (reference_kind in ('INVOICE', 'CONTRACT')),
    reference           text        not null,
    payee_account       char(20)    not null,
    payer_bin           char(12)    not null,
    payee_bin           char(12)    not null,
    currency            text        not null,
    amount              bigint      not null check (amount > 0),
    stated_vat          bigint,
    format              text        not null,
    original            bytea       not null,
    net                 bigint,
    vat                 bigint,
    status              text        not null check (status in ('RECEIVED', 'AWAITING_CONFIRMATION', 'EXECUTED', 'REFUSED', 'DECLINED')),
    reason_code         text,
    reason_message      text,
    transaction_id      bytea,
    quarantine_id       bigint,
    decided_by          text,
    created_by          text        not null,
    created_at          timestamptz not null default clock_timestamp(),
    updated_at          timestamptz not null default clock_timestamp(),
    status_sent         boolean     not null default false,
    unique (payer_account, number, order_date)
);
create index payment_orders_reference on payment_orders (reference_kind, reference, id);
create index payment_orders_status on payment_orders (status, id);
