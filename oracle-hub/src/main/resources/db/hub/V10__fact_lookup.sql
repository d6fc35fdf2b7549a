-- The terms a source declares for lookup (SourceSystem.lookupTerms: a procurement contract's portal ids, a child
-- contract's parent), indexed when its fact is stored, so its translator finds a fact's subject by one of them.
create table fact_lookup (
    fact_type  text        not null,
    term       text        not null,
    value      text        not null,
    subject    text        not null,
    first_seen timestamptz not null default clock_timestamp(),
    primary key (fact_type, term, value, subject)
);
