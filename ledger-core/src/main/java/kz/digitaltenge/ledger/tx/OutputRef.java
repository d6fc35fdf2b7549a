package kz.digitaltenge.ledger.tx;

import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;

/** A token's identity: the transaction that created it and its index among that transaction's outputs. */
public record OutputRef(TxId txId, int index) implements Comparable<OutputRef> {
    public OutputRef {
        if (txId == null || index < 0) {
            throw new LedgerException(ReasonCode.MALFORMED, "output reference needs a transaction id and index >= 0");
        }
    }

    /** "txid:index", the key the notary's spent-set uses. */
    public String key() {
        return txId.hex() + ":" + index;
    }

    public static OutputRef parse(String key) {
        int colon = key == null ? -1 : key.indexOf(':');
        if (colon != 64) {
            throw new LedgerException(ReasonCode.MALFORMED, "output reference must be '<64 hex>:<index>'");
        }
        try {
            return new OutputRef(TxId.parse(key.substring(0, 64)), Integer.parseInt(key.substring(65)));
        } catch (NumberFormatException e) {
            throw new LedgerException(ReasonCode.MALFORMED, "output index must be a number");
        }
    }

    @Override
    public int compareTo(OutputRef o) {
        int c = txId.compareTo(o.txId);
        return c != 0 ? c : Integer.compare(index, o.index);
    }

    @Override
    public String toString() {
        return key();
    }
}
