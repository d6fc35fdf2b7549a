package kz.digitaltenge.ledger.tx;

import kz.digitaltenge.ledger.crypto.Sha256Id;

/** A transaction id: the SHA-256 of the transaction's canonical encoding, shown as 64 lower-case hex digits. */
public final class TxId extends Sha256Id implements Comparable<TxId> {
    private TxId(byte[] bytes) {
        super(bytes, "transaction id");
    }

    public static TxId of(byte[] bytes) {
        return new TxId(bytes);
    }

    public static TxId parse(String hex) {
        return new TxId(parseHex(hex, "transaction id"));
    }

    @Override
    public int compareTo(TxId o) {
        return hex().compareTo(o.hex());
    }
}
