package kz.digitaltenge.ledger.tx;

import java.util.List;

/** A transaction with the signatures that authorize it. The id does not cover the signatures. */
public record SignedTransaction(Transaction tx, List<TxSignature> signatures) {
    public SignedTransaction {
        signatures = List.copyOf(signatures == null ? List.of() : signatures);
    }

    public TxId id() {
        return tx.id();
    }
}
