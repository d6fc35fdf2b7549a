package kz.digitaltenge.ledger.tx;

import java.util.Arrays;
import java.util.HexFormat;
import kz.digitaltenge.ledger.LedgerException;
import kz.digitaltenge.ledger.ReasonCode;

/** A transaction id: the SHA-256 of the transaction's canonical encoding, shown as 64 lower-case hex digits. */
public final class TxId implements Comparable<TxId> {
    private static final HexFormat HEX = HexFormat.of();
    private final byte[] bytes;
    private final String hex;

    private TxId(byte[] bytes) {
        this.bytes = bytes;
        this.hex = HEX.formatHex(bytes);
    }

    public static TxId of(byte[] bytes) {
        if (bytes == null || bytes.length != 32) {
            throw new LedgerException(ReasonCode.MALFORMED, "transaction id must be 32 bytes");
        }
        return new TxId(bytes.clone());
    }

    public static TxId parse(String hex) {
        if (hex == null || hex.length() != 64) {
            throw new LedgerException(ReasonCode.MALFORMED, "transaction id must be 64 hex digits");
        }
        try {
            return new TxId(HEX.parseHex(hex.toLowerCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new LedgerException(ReasonCode.MALFORMED, "transaction id must be 64 hex digits");
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return hex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TxId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(TxId o) {
        return hex.compareTo(o.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
