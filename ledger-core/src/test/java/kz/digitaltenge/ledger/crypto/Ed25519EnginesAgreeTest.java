package kz.digitaltenge.ledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.crypto.Edwards25519.Point;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both engines accept exactly the same signatures: every case is run on each engine against one expected verdict (and
 * on the native engine also against the Java engine's verdict on the same bytes), so a difference fails here. The edge
 * cases are those where BouncyCastle and libsodium, called on their own, disagree or could (docs/signatures.md).
 */
class Ed25519EnginesAgreeTest {
    private static final HexFormat HEX = HexFormat.of();
    /** Fixed, so a failure reproduces; the keys and ids below are test-only, registered nowhere. */
    private final Random random = new Random(20261201L);

    private final BigInteger secret = new BigInteger(250, random).add(BigInteger.ONE);
    private final byte[] publicKey = Edwards25519.BASE.times(secret).encode();
    private final byte[] message = Ed25519KnownAnswerTest.concat(Keys.DOMAIN, randomBytes(32));

    @ParameterizedTest
    @EnumSource(Ed25519Engine.class)
    void randomKeysAndIdsVerifyAndEveryTamperingIsRefused(Ed25519Engine engine) {
        for (int i = 0; i < 64; i++) {
            KeyPair kp = Keys.generate(SignatureAlgorithm.ED25519);
            byte[] raw = rawKey(kp);
            Ed25519Verifier verifier = NativeEd25519.verifier(engine, raw, Keys.DOMAIN);
            byte[] id = randomBytes(32);
            byte[] sig = Keys.sign(SignatureAlgorithm.ED25519, kp.getPrivate(), id);
            expect(verifier, Keys.DOMAIN, id, sig, true);

            byte[] flippedSig = sig.clone();
            int bit = random.nextInt(512);
            flippedSig[bit / 8] ^= (byte) (1 << (bit % 8));
            expect(verifier, Keys.DOMAIN, id, flippedSig, false);

            byte[] flippedId = id.clone();
            bit = random.nextInt(256);
            flippedId[bit / 8] ^= (byte) (1 << (bit % 8));
            expect(verifier, Keys.DOMAIN, flippedId, sig, false);

            // a key with a flipped bit is either refused at registration (not a valid point) or another key
            byte[] flippedKey = raw.clone();
            bit = random.nextInt(256);
            flippedKey[bit / 8] ^= (byte) (1 << (bit % 8));
            Ed25519Verifier other;
            try {
                other = NativeEd25519.verifier(engine, flippedKey, Keys.DOMAIN);
            } catch (LedgerException refused) {
                assertThat(refused.reason()).isEqualTo(ReasonCode.MALFORMED);
                continue;
            }
            expect(other, Keys.DOMAIN, id, sig, false);
        }
    }

    @ParameterizedTest
    @EnumSource(Ed25519Engine.class)
    void anSOfLOrMoreIsRefusedEvenWhenItIsAValidSPlusL(Ed25519Engine engine) {
        Ed25519Verifier verifier = NativeEd25519.verifier(engine, publicKey, new byte[0]);
        byte[] valid = Edwards25519.sign(secret, new BigInteger(250, random), Point.IDENTITY, message);
        expectMessage(verifier, message, valid, true);
        BigInteger s = Edwards25519.fromLittleEndian(java.util.Arrays.copyOfRange(valid, 32, 64));
        byte[] r = java.util.Arrays.copyOf(valid, 32);
        // S + L satisfies the group equation as well as S does: only the range rule refuses it (malleability)
        for (BigInteger bad : List.of(s.add(Edwards25519.L), s.add(Edwards25519.L.shiftLeft(1)), Edwards25519.L,
                Edwards25519.L.add(BigInteger.ONE), BigInteger.TWO.pow(256).subtract(BigInteger.ONE))) {
            expectMessage(verifier, message, Edwards25519.signature(r, bad), false);
        }
    }

    @ParameterizedTest
    @EnumSource(Ed25519Engine.class)
    void aSmallOrderRIsRefusedThoughBouncyCastleAloneWouldTakeIt(Ed25519Engine engine) {
        Ed25519Verifier verifier = NativeEd25519.verifier(engine, publicKey, new byte[0]);
        Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(publicKey, 0);
        int bouncyCastleAloneAccepted = 0;
        for (byte[] r : smallOrderEncodings()) {
            // S = k·a makes the cofactored equation hold: [8]([S]B - R - [k]A) = [8](-R) = identity
            BigInteger k = Edwards25519.challenge(r, publicKey, message);
            byte[] forged = Edwards25519.signature(r, k.multiply(secret).mod(Edwards25519.L));
            expectMessage(verifier, message, forged, false);
            expectMessage(verifier, message, Edwards25519.signature(r, BigInteger.ZERO), false);
            if (Ed25519.verify(forged, 0, point, message, 0, message.length)) {
                bouncyCastleAloneAccepted++;
            }
        }
        // the rule is not idle: BouncyCastle by itself accepts every canonical one (all but -0 of y = 1 and y = -1,
        // and y = p, p + 1)
        assertThat(bouncyCastleAloneAccepted).isEqualTo(8);
    }

    @ParameterizedTest
    @EnumSource(Ed25519Engine.class)
    void aNonCanonicalRIsRefused(Ed25519Engine engine) {
        Ed25519Verifier verifier = NativeEd25519.verifier(engine, publicKey, new byte[0]);
        for (byte[] r : nonCanonicalEncodings()) {
            BigInteger k = Edwards25519.challenge(r, publicKey, message);
            expectMessage(verifier, message, Edwards25519.signature(r, k.multiply(secret).mod(Edwards25519.L)), false);
            expectMessage(verifier, message, Edwards25519.signature(r, new BigInteger(250, random)), false);
        }
    }

    @ParameterizedTest
    @EnumSource(Ed25519Engine.class)
    void anRWithASmallOrderComponentIsAcceptedAsTheCofactoredEquationSays(Ed25519Engine engine) {
        Ed25519Verifier verifier = NativeEd25519.verifier(engine, publicKey, new byte[0]);
        for (Point torsion : Edwards25519.smallOrderPoints()) {
            byte[] sig = Edwards25519.sign(secret, new BigInteger(250, random), torsion, message);
            // honest (identity) or not, [8][S]B = [8]R + [8][k]A holds; libsodium alone refuses all but the first
            expectMessage(verifier, message, sig, true);
            byte[] otherMessage = message.clone();
            otherMessage[0] ^= 1;
            expectMessage(verifier, otherMessage, sig, false);
        }
    }

    @ParameterizedTest
    @EnumSource(Ed25519Engine.class)
    void smallOrderMixedOrderAndNonCanonicalKeysAreRefusedAtRegistration(Ed25519Engine engine) {
        if (engine == Ed25519Engine.NATIVE) {
            NativeEd25519.assumeAvailableUnlessRequired(); // here: inside the lambda below a skip would read as a failure
        }
        List<byte[]> keys = new ArrayList<>(smallOrderEncodings());
        keys.addAll(nonCanonicalEncodings());
        for (Point torsion : Edwards25519.smallOrderPoints().subList(1, 8)) {
            keys.add(Edwards25519.BASE.times(secret).plus(torsion).encode()); // on the curve, not of prime order
        }
        for (byte[] key : keys) {
            assertThatThrownBy(() -> Ed25519Verifier.of(NativeEd25519.x509(key), Keys.DOMAIN, engine)).as(HEX.formatHex(key))
                    .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.reason()).isEqualTo(ReasonCode.MALFORMED));
        }
    }

    @ParameterizedTest
    @EnumSource(Ed25519Engine.class)
    void randomBytesNeverVerify(Ed25519Engine engine) {
        Ed25519Verifier verifier = NativeEd25519.verifier(engine, publicKey, new byte[0]);
        for (int i = 0; i < 256; i++) {
            byte[] sig = randomBytes(64);
            sig[63] &= 0x0f; // S below 2^252 < L, so the engines, not the range rule, refuse it
            expectMessage(verifier, message, sig, false);
        }
    }

    /** The reason for the rules: each library on its own, on the bytes above. */
    @Test
    void onTheirOwnTheTwoLibrariesDisagreeExactlyWhereTheRulesDecide() {
        NativeEd25519.assumeAvailableUnlessRequired();
        Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(publicKey, 0);
        byte[] honest = Edwards25519.sign(secret, new BigInteger(250, random), Point.IDENTITY, message);
        assertThat(bouncyCastle(point, honest)).isTrue();
        assertThat(LibSodium.verify(honest, message, publicKey)).isTrue();

        BigInteger s = Edwards25519.fromLittleEndian(java.util.Arrays.copyOfRange(honest, 32, 64));
        byte[] sPlusL = Edwards25519.signature(java.util.Arrays.copyOf(honest, 32), s.add(Edwards25519.L));
        assertThat(bouncyCastle(point, sPlusL)).isFalse();
        assertThat(LibSodium.verify(sPlusL, message, publicKey)).isFalse();

        byte[] identity = HEX.parseHex("0100000000000000000000000000000000000000000000000000000000000000");
        BigInteger k = Edwards25519.challenge(identity, publicKey, message);
        byte[] smallOrderR = Edwards25519.signature(identity, k.multiply(secret).mod(Edwards25519.L));
        assertThat(bouncyCastle(point, smallOrderR)).as("BouncyCastle: cofactored, no small-order rule").isTrue();
        assertThat(LibSodium.verify(smallOrderR, message, publicKey)).as("libsodium refuses a small-order R").isFalse();

        for (Point torsion : Edwards25519.smallOrderPoints().subList(1, 8)) {
            byte[] mixed = Edwards25519.sign(secret, new BigInteger(250, random), torsion, message);
            assertThat(bouncyCastle(point, mixed)).as("BouncyCastle: [8][S]B = [8]R + [8][k]A").isTrue();
            assertThat(LibSodium.verify(mixed, message, publicKey)).as("libsodium: [S]B = R + [k]A").isFalse();
        }
        // honest signatures of random keys: the same verdicts
        for (int i = 0; i < 32; i++) {
            KeyPair kp = Keys.generate(SignatureAlgorithm.ED25519);
            byte[] id = randomBytes(32);
            byte[] m = Ed25519KnownAnswerTest.concat(Keys.DOMAIN, id);
            byte[] sig = Keys.sign(SignatureAlgorithm.ED25519, kp.getPrivate(), id);
            byte[] raw = rawKey(kp);
            assertThat(LibSodium.verify(sig, m, raw)).isTrue();
            m[m.length - 1] ^= 1;
            assertThat(LibSodium.verify(sig, m, raw)).isFalse();
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private boolean bouncyCastle(Ed25519.PublicPoint point, byte[] sig) {
        return Ed25519.verify(sig, 0, point, message, 0, message.length);
    }

    /** Checks through the 32-byte-id entry point the ledger uses. */
    private static void expect(Ed25519Verifier verifier, byte[] domain, byte[] id, byte[] sig, boolean valid) {
        assertThat(verifier.verify(id, sig)).as("%s on %s", verifier.engine(), HEX.formatHex(sig)).isEqualTo(valid);
        if (verifier.engine() == Ed25519Engine.NATIVE) {
            assertThat(sameKeyOn(Ed25519Engine.JAVA, verifier, domain).verify(id, sig)).as("the Java engine on the same bytes")
                    .isEqualTo(valid);
        }
    }

    private void expectMessage(Ed25519Verifier verifier, byte[] m, byte[] sig, boolean valid) {
        assertThat(verifier.verifyMessage(m, sig)).as("%s on %s", verifier.engine(), HEX.formatHex(sig)).isEqualTo(valid);
        if (verifier.engine() == Ed25519Engine.NATIVE) {
            assertThat(Ed25519Verifier.of(NativeEd25519.x509(publicKey), new byte[0], Ed25519Engine.JAVA).verifyMessage(m, sig))
                    .as("the Java engine on the same bytes").isEqualTo(valid);
        }
    }

    private static Ed25519Verifier sameKeyOn(Ed25519Engine engine, Ed25519Verifier verifier, byte[] domain) {
        return Ed25519Verifier.of(NativeEd25519.x509(verifier.publicKeyBytes()), domain, engine);
    }

    /** The 8 small-order points, the -0 spellings of the two with x = 0, and y = p, p + 1 (= 0, 1) with either sign. */
    static List<byte[]> smallOrderEncodings() {
        List<byte[]> out = new ArrayList<>();
        for (Point p : Edwards25519.smallOrderPoints()) {
            out.add(p.encode());
            if (p.x().signum() == 0) {
                byte[] negativeZero = p.encode();
                negativeZero[31] |= (byte) 0x80;
                out.add(negativeZero);
            }
        }
        for (BigInteger y : List.of(Edwards25519.P, Edwards25519.P.add(BigInteger.ONE))) {
            for (int sign = 0; sign < 2; sign++) {
                byte[] e = Edwards25519.littleEndian(y);
                e[31] |= (byte) (sign << 7);
                out.add(e);
            }
        }
        return out;
    }

    /** Every y from p to 2^255 - 1, with either sign: the non-canonical spellings of y = 0 .. 18. */
    static List<byte[]> nonCanonicalEncodings() {
        List<byte[]> out = new ArrayList<>();
        for (int extra = 0; extra < 19; extra++) {
            for (int sign = 0; sign < 2; sign++) {
                byte[] e = Edwards25519.littleEndian(Edwards25519.P.add(BigInteger.valueOf(extra)));
                e[31] |= (byte) (sign << 7);
                out.add(e);
            }
        }
        return out;
    }

    private static byte[] rawKey(KeyPair kp) {
        byte[] x509 = kp.getPublic().getEncoded();
        return java.util.Arrays.copyOfRange(x509, x509.length - 32, x509.length);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
