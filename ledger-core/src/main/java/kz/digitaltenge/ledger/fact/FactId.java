package kz.digitaltenge.ledger.fact;

import kz.digitaltenge.ledger.crypto.Sha256Id;

/** A fact id: the SHA-256 of the fact's canonical encoding, shown as 64 lower-case hex digits. */
public final class FactId extends Sha256Id implements Comparable<FactId> {
    private FactId(byte[] bytes) {
        super(bytes, "fact id");
    }

    public static FactId of(byte[] bytes) {
        return new FactId(bytes);
    }

    public static FactId parse(String hex) {
        return new FactId(parseHex(hex, "fact id"));
    }

    @Override
    public int compareTo(FactId o) {
        return hex().compareTo(o.hex());
    }
}
