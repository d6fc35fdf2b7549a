package kz.digitaltenge.ledger.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only arithmetic on edwards25519 with BigInteger, slow and plain (affine formulas of RFC 8032 §5.1), to make the
 * signatures no honest signer makes: R with a small-order component, small-order R, S + L. Never used to accept
 * anything: the tests only feed its bytes to the real verifiers.
 */
final class Edwards25519 {
    static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger SQRT_M1 = BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);

    /** A point in affine coordinates. */
    record Point(BigInteger x, BigInteger y) {
        static final Point IDENTITY = new Point(BigInteger.ZERO, BigInteger.ONE);

        Point plus(Point q) {
            BigInteger t = D.multiply(x).multiply(q.x).multiply(y).multiply(q.y).mod(P);
            BigInteger x3 = x.multiply(q.y).add(y.multiply(q.x)).multiply(BigInteger.ONE.add(t).modInverse(P)).mod(P);
            BigInteger y3 = y.multiply(q.y).add(x.multiply(q.x)).multiply(BigInteger.ONE.subtract(t).mod(P).modInverse(P)).mod(P);
            return new Point(x3, y3);
        }

        Point times(BigInteger k) {
            Point r = IDENTITY;
            Point a = this;
            for (int i = 0; i < k.bitLength(); i++) {
                if (k.testBit(i)) {
                    r = r.plus(a);
                }
                a = a.plus(a);
            }
            return r;
        }

        /** RFC 8032 §5.1.2: y little-endian, the low bit of x in bit 255. */
        byte[] encode() {
            byte[] out = littleEndian(y);
            if (x.testBit(0)) {
                out[31] |= (byte) 0x80;
            }
            return out;
        }
    }

    static final Point BASE = decode(littleEndian(BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P)));

    private Edwards25519() {
    }

    /** RFC 8032 §5.1.3, for canonical encodings of points on the curve. */
    static Point decode(byte[] encoded) {
        byte[] b = encoded.clone();
        boolean xOdd = (b[31] & 0x80) != 0;
        b[31] &= 0x7f;
        BigInteger y = fromLittleEndian(b);
        BigInteger u = y.multiply(y).subtract(BigInteger.ONE).mod(P);
        BigInteger v = D.multiply(y).multiply(y).add(BigInteger.ONE).mod(P);
        BigInteger x2 = u.multiply(v.modInverse(P)).mod(P);
        BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (!x.multiply(x).subtract(x2).mod(P).equals(BigInteger.ZERO)) {
            x = x.multiply(SQRT_M1).mod(P);
        }
        if (!x.multiply(x).subtract(x2).mod(P).equals(BigInteger.ZERO)) {
            throw new IllegalArgumentException("not on the curve");
        }
        if (x.testBit(0) != xOdd) {
            x = P.subtract(x).mod(P);
        }
        return new Point(x, y);
    }

    /** The eight points of small order (the torsion subgroup), the identity first; each canonically encoded. */
    static List<Point> smallOrderPoints() {
        // a point of order 8 (one of the two y values libsodium lists); its multiples are the whole subgroup
        Point t = decode(java.util.HexFormat.of().parseHex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"));
        List<Point> all = new ArrayList<>();
        Point p = Point.IDENTITY;
        for (int i = 0; i < 8; i++) {
            all.add(p);
            p = p.plus(t);
        }
        if (!p.equals(Point.IDENTITY)) {
            throw new IllegalStateException("not of order 8");
        }
        return all;
    }

    /**
     * An Ed25519 signature by the secret scalar {@code a} (public key [a]B) over {@code message} whose R is
     * {@code [r]B + torsion}: S = r + k·a with k = SHA-512(R || A || message) mod L, as RFC 8032 computes S.
     */
    static byte[] sign(BigInteger a, BigInteger r, Point torsion, byte[] message) {
        byte[] encodedR = BASE.times(r).plus(torsion).encode();
        byte[] encodedA = BASE.times(a).encode();
        BigInteger k = challenge(encodedR, encodedA, message);
        return signature(encodedR, r.add(k.multiply(a)).mod(L));
    }

    static BigInteger challenge(byte[] encodedR, byte[] encodedA, byte[] message) {
        try {
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            sha512.update(encodedR);
            sha512.update(encodedA);
            sha512.update(message);
            return fromLittleEndian(sha512.digest()).mod(L);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] signature(byte[] encodedR, BigInteger s) {
        byte[] sig = new byte[64];
        System.arraycopy(encodedR, 0, sig, 0, 32);
        System.arraycopy(littleEndian(s), 0, sig, 32, 32);
        return sig;
    }

    static byte[] littleEndian(BigInteger n) {
        byte[] big = n.toByteArray();
        if (n.signum() < 0 || n.bitLength() > 256) {
            throw new IllegalArgumentException("does not fit 32 bytes");
        }
        byte[] out = new byte[32];
        for (int i = 0; i < big.length && i < 32; i++) {
            out[i] = big[big.length - 1 - i];
        }
        return out;
    }

    static BigInteger fromLittleEndian(byte[] b) {
        byte[] big = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            big[i] = b[b.length - 1 - i];
        }
        return new BigInteger(1, big);
    }
}
