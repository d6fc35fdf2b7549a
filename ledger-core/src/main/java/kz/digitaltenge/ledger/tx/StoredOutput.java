package kz.digitaltenge.ledger.tx;


/** An output as the store knows it; {@code spentBy} is null while it is unspent. */
public record StoredOutput(OutputRef ref, Output output, TxId spentBy) {
    public boolean unspent() {
        return spentBy == null;
    }
}
