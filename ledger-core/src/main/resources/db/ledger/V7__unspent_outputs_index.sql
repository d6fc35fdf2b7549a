-- An account's unspent outputs (a payment's coin selection, the VAT-first rule, the API's list of outputs) were found
-- through outputs_owner, which holds every output the account ever received: each payment visited its payer's whole
-- history and probed spent_outputs for each, so a payment cost more with every payment before it (issue 14, found in a
-- long benchmark run). The commit now also flags an output spent, in the same transaction as its spent marker, and a
-- partial index holds only the unspent ones. spent_outputs stays the single-spend authority (its primary key); the
-- flag only narrows a search, and the store's audit checks that the two agree.
alter table outputs add column spent boolean not null default false;
update outputs o set spent = true where exists (select 1 from spent_outputs s where s.tx_id = o.tx_id and s.idx = o.idx);
create index outputs_unspent_owner on outputs(owner, marking) where not spent;
