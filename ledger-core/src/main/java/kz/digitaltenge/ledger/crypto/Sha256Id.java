package kz.digitaltenge.ledger.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * A 32-byte SHA-256 identifier shown as 64 lower-case hex digits. Subclasses name what it identifies
 * (a transaction, a fact), so the two can never be mixed up; equality is by class and bytes.
 */
public abstract class Sha256Id {
    private static final HexFormat HEX = HexFormat.of();
    private final byte[] bytes;
    private final String hex;

    protected Sha256Id(byte[] bytes, String what) {
        if (bytes == null || bytes.length != 32) {
            throw new LedgerException(ReasonCode.MALFORMED, what + " must be 32 bytes");
        }
        this.bytes = bytes.clone();
        this.hex = HEX.formatHex(bytes);
    }

    /** The 32 bytes of a 64-hex-digit string, or a refusal naming {@code what}. */
    protected static byte[] parseHex(String hex, String what) {
        if (hex == null || hex.length() != 64) {
            throw new LedgerException(ReasonCode.MALFORMED, what + " must be 64 hex digits");
        }
        try {
            return HEX.parseHex(hex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LedgerException(ReasonCode.MALFORMED, what + " must be 64 hex digits");
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
        return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((Sha256Id) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex;
    }
}
