package kz.digitaltenge.ledger.fact;

import java.util.Arrays;
import java.util.HexFormat;
import kz.digitaltenge.ledger.LedgerException;
import kz.digitaltenge.ledger.ReasonCode;

/** A fact id: the SHA-256 of the fact's canonical encoding, shown as 64 lower-case hex digits. */
public final class FactId implements Comparable<FactId> {
    private static final HexFormat HEX = HexFormat.of();
    private final byte[] bytes;
    private final String hex;

    private FactId(byte[] bytes) {
        this.bytes = bytes;
        this.hex = HEX.formatHex(bytes);
    }

    public static FactId of(byte[] bytes) {
        if (bytes == null || bytes.length != 32) {
            throw new LedgerException(ReasonCode.MALFORMED, "fact id must be 32 bytes");
        }
        return new FactId(bytes.clone());
    }

    public static FactId parse(String hex) {
        if (hex == null || hex.length() != 64) {
            throw new LedgerException(ReasonCode.MALFORMED, "fact id must be 64 hex digits");
        }
        try {
            return new FactId(HEX.parseHex(hex.toLowerCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new LedgerException(ReasonCode.MALFORMED, "fact id must be 64 hex digits");
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
        return o instanceof FactId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(FactId o) {
        return hex.compareTo(o.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
