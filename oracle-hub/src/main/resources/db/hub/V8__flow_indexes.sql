-- The flows dashboard reads the last hour and day of the intake and the payment orders by time.
create index intake_messages_received on intake_messages (received_at);
create index payment_orders_created on payment_orders (created_at);
create index payment_orders_updated on payment_orders (status, updated_at);
