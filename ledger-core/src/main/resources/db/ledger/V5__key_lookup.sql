-- A public key is registered to one participant only (LedgerStore.insertKey looks for it on every registration).
create index participant_keys_public_key on participant_keys using hash (public_key);
