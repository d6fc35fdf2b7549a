-- The source system a payment order came from (the payment intake takes any source that declares a payment-order
-- format); every order recorded before this column came from 1C.
alter table payment_orders add column source text not null default 'erp-1c';
