package kz.digitaltenge.ledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Known answers on both engines: RFC 8032 §7.1 TEST 1–3 (plain Ed25519 over arbitrary messages) and the ledger's own
 * domain-separated signatures frozen in {@code CanonicalVectorsTest} (copied here, not referenced: that class is in
 * another package, and a vector must not move because a refactoring moved it).
 */
class Ed25519KnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();

    record Vector(String name, String secret, String publicKey, String message, String signature) {
    }

    static final List<Vector> RFC_8032 = List.of(
            new Vector("TEST 1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
                    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
            new Vector("TEST 2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                    "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
                    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
            new Vector("TEST 3", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
                    "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
                    "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"));

    // the ledger's frozen vectors (CanonicalVectorsTest: a test-only key, the v2 transaction id, the invoice fact id)
    static final String LEDGER_PUBLIC_KEY = "c7b5c0249ffdc176158779f9a67f518ad64101b7d33955594f1f3780d8c19f6a";
    static final String TX_ID = "cfe6ec764863155f390839dd88405b11d1cab822086660a02db77eb65ad29df6";
    static final String TX_SIGNATURE = "8937407dce637a5c68aa038e1aa62d88c2ca2bd005a824b094d70af66984d828"
            + "9d460fecd583d6e981b1845b5924e56c911111d8dce980f0826f8b98cb644a00";
    static final String FACT_ID = "a27e5e28fdda7129edaa1af2a5cfe00adbee69bea60726e1464a1059975bed5a";
    static final String FACT_SIGNATURE = "972fdd9d1a49af4a5eaccd2e6a3995ea24cf9aab50197dcc2f469350c19f822c"
            + "9f5bc2a4e61923089cebe1a67951907d9e3466d70c497791f3a60eb9426f4807";

    @ParameterizedTest
    @EnumSource(Ed25519Engine.class)
    void rfc8032VectorsVerifyAndTheirTamperingDoesNot(Ed25519Engine engine) {
        for (Vector v : RFC_8032) {
            byte[] message = HEX.parseHex(v.message());
            byte[] signature = HEX.parseHex(v.signature());
            // the vector is what it says: BouncyCastle derives the key and the signature from the secret
            Ed25519PrivateKeyParameters secret = new Ed25519PrivateKeyParameters(HEX.parseHex(v.secret()));
            assertThat(HEX.formatHex(secret.generatePublicKey().getEncoded())).as(v.name()).isEqualTo(v.publicKey());
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, secret);
            signer.update(message, 0, message.length);
            assertThat(HEX.formatHex(signer.generateSignature())).as(v.name()).isEqualTo(v.signature());

            Ed25519Verifier verifier = NativeEd25519.verifier(engine, HEX.parseHex(v.publicKey()), new byte[0]);
            assertThat(verifier.verifyMessage(message, signature)).as(v.name()).isTrue();
            assertThat(verifier.verifyMessage(concat(message, new byte[] {0}), signature)).as(v.name() + ", longer message").isFalse();
            for (int bit : new int[] {0, 255, 256, 511}) {
                byte[] tampered = signature.clone();
                tampered[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThat(verifier.verifyMessage(message, tampered)).as(v.name() + ", bit " + bit).isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Ed25519Engine.class)
    void theLedgersFrozenSignaturesVerifyUnderTheirOwnDomainOnly(Ed25519Engine engine) {
        byte[] key = HEX.parseHex(LEDGER_PUBLIC_KEY);
        Ed25519Verifier tx = NativeEd25519.verifier(engine, key, Keys.DOMAIN);
        Ed25519Verifier fact = NativeEd25519.verifier(engine, key, Keys.FACT_DOMAIN);
        assertThat(tx.engine()).isEqualTo(engine);

        assertThat(tx.verify(HEX.parseHex(TX_ID), HEX.parseHex(TX_SIGNATURE))).isTrue();
        assertThat(fact.verify(HEX.parseHex(FACT_ID), HEX.parseHex(FACT_SIGNATURE))).isTrue();
        assertThat(tx.verifyMessage(concat(Keys.DOMAIN, HEX.parseHex(TX_ID)), HEX.parseHex(TX_SIGNATURE))).isTrue();

        assertThat(fact.verify(HEX.parseHex(TX_ID), HEX.parseHex(TX_SIGNATURE))).isFalse();
        assertThat(tx.verify(HEX.parseHex(FACT_ID), HEX.parseHex(FACT_SIGNATURE))).isFalse();
        assertThat(tx.verifyMessage(HEX.parseHex(TX_ID), HEX.parseHex(TX_SIGNATURE))).as("never the bare id").isFalse();
        assertThat(tx.verify(HEX.parseHex(TX_ID), new byte[63])).isFalse();
        assertThat(tx.verify(HEX.parseHex(TX_ID), null)).isFalse();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
