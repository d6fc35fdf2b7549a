package kz.digitaltenge.ledger.store;

import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.TxId;

/** An output as the store knows it; {@code spentBy} is null while it is unspent. */
public record StoredOutput(OutputRef ref, Output output, TxId spentBy) {
    public boolean unspent() {
        return spentBy == null;
    }
}
