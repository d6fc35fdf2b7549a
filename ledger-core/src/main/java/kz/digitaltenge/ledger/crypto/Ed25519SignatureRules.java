package kz.digitaltenge.ledger.crypto;

/**
 * What an Ed25519 signature's bytes must look like before any curve arithmetic, the same on every node whichever
 * engine checks the equation: S below the group order L, R's y coordinate canonical (below p = 2^255 - 19) and R not
 * one of the points of small order. BouncyCastle and libsodium 1.0.18 each apply some of these and not others
 * (BouncyCastle takes a small-order R when the cofactored equation holds; libsodium refuses it), so they are applied
 * here once, by byte comparisons only. Why each rule, and what is left to the engines: docs/signatures.md.
 */
final class Ed25519SignatureRules {
    static final int SIGNATURE_SIZE = 64;

    /** L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
    private static final byte[] ORDER = hex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");

    /**
     * The y coordinates of the eight points of small order (the sign bit of x cleared): y = 1 (the identity), y = -1
     * (order 2), y = 0 (the two points of order 4) and the two y values of the four points of order 8 — the list
     * libsodium refuses, taken with the sign bit ignored as libsodium does. The non-canonical spellings y + p of 0 and 1
     * are refused by the canonical-y rule before this list is consulted.
     */
    private static final byte[][] SMALL_ORDER_Y = {
        hex("0100000000000000000000000000000000000000000000000000000000000000"),
        hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        hex("0000000000000000000000000000000000000000000000000000000000000000"),
        hex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
        hex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
    };

    private Ed25519SignatureRules() {
    }

    /** True when {@code signature} is 64 bytes with a canonical, not small-order R and an S below L. */
    static boolean isStrictlyEncoded(byte[] signature) {
        return signature != null && signature.length == SIGNATURE_SIZE && scalarBelowOrder(signature, 32)
                && canonicalY(signature, 0) && !smallOrder(signature, 0);
    }

    /** The 32 little-endian bytes at {@code off} are a number below L. */
    static boolean scalarBelowOrder(byte[] b, int off) {
        for (int i = 31; i >= 0; i--) {
            int x = b[off + i] & 0xff;
            int l = ORDER[i] & 0xff;
            if (x != l) {
                return x < l;
            }
        }
        return false; // equal to L
    }

    /** The point encoding at {@code off} has y below p (the sign bit of x, bit 255, does not count). */
    static boolean canonicalY(byte[] b, int off) {
        // y >= p = 2^255 - 19 only when bits 8..254 are all ones and the low byte is at least 0xed
        if ((b[off + 31] & 0x7f) != 0x7f) {
            return true;
        }
        for (int i = 30; i >= 1; i--) {
            if ((b[off + i] & 0xff) != 0xff) {
                return true;
            }
        }
        return (b[off] & 0xff) < 0xed;
    }

    /** The point encoding at {@code off} names a point of small order (either sign of x). */
    static boolean smallOrder(byte[] b, int off) {
        for (byte[] y : SMALL_ORDER_Y) {
            boolean same = (b[off + 31] & 0x7f) == y[31];
            for (int i = 0; same && i < 31; i++) {
                same = b[off + i] == y[i];
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
