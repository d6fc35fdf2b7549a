package kz.digitaltenge.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.ledger.crypto.SignatureVerifier;
import kz.digitaltenge.ledger.fact.EvidenceLog;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.tx.CanonicalDecoder;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxId;
import kz.digitaltenge.ledger.tx.TxType;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

/**
 * Known-answer vectors: the exact bytes of the canonical encodings, ids, the evidence entry hash and
 * domain-separated Ed25519 signatures, frozen.
 *
 * <p><b>How they were produced.</b> Every hex literal below was computed once, by running this very test against the
 * code of commit 97c97ad (the encodings as they stood before the ledger's code was moved and split) and copying the
 * printed values in; nothing was computed by hand. The public key and the transaction signature were cross-checked with
 * OpenSSL 3 ({@code openssl pkey -pubout} on the PKCS#8 key, {@code openssl pkeyutl -sign -rawin} over domain + id),
 * which gave the same bytes. From then on they are frozen: they are what stored transactions,
 * facts, evidence entries and signatures are made of.
 *
 * <p><b>If one of these tests fails, do not update the literal.</b> A changed byte of a canonical encoding changes the
 * id, and every stored signature is over {@code domain + id}: every transaction, fact and evidence entry already stored
 * (and every signature a client or the oracle ever made) would stop verifying, and stored bodies would no longer
 * decode to what they were. A new encoding needs a new magic/version byte and a migration, with these vectors kept for
 * the old one.
 *
 * <p>The Ed25519 key is a <b>test-only key</b>: its seed was drawn from {@code /dev/urandom} for this test and written
 * here; it is registered nowhere and protects nothing. Ed25519 is deterministic (RFC 8032), so the same seed and message
 * always give the same signature bytes.
 */
class CanonicalVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    // ---------------------------------------------------------------------------------------------- the inputs

    /** TEST-ONLY Ed25519 private key seed (random, generated for this test; never a real key, registered nowhere). */
    static final String TEST_SEED_HEX = "b8b7142ff5c59e0f88715d574430ea86a0286e7b298780914bc2b25b7f9de1de";
    /** RFC 8410 PKCS#8 prefix of an Ed25519 private key (the 32-byte seed follows). */
    static final String PKCS8_ED25519_PREFIX = "302e020100300506032b657004220420";
    /** RFC 8410 X.509 SubjectPublicKeyInfo prefix of an Ed25519 public key (the 32-byte key follows). */
    static final String X509_ED25519_PREFIX = "302a300506032b6570032100";

    static final AccountNumber MINISTRY = AccountNumber.of("601", "0000000000001");
    static final AccountNumber BUILDER = AccountNumber.of("601", "0000000000002");
    static final AccountNumber SELLER = AccountNumber.of("722", "A00000000000C");
    static final AccountNumber FARMER = AccountNumber.of("910", "0000000000004");
    static final String LIST_ID = "5a1d0c3e9b7f2a64e8d1c0b9a7f6e5d4c3b2a1908f7e6d5c4b3a291807f6e5d4";

    /** An invoice fact: several terms (sorted by key in the encoding), Cyrillic text, a fixed issued-at. */
    static Fact invoiceFact() {
        Map<String, String> terms = new LinkedHashMap<>(); // insertion order deliberately not the key order
        terms.put("status", "CREATED");
        terms.put("sellerTin", "070340000341");
        terms.put("buyerTin", "991240000113");
        terms.put("net", "1000000");
        terms.put("vat", "120000");
        terms.put("gross", "1120000");
        terms.put("currency", "KZT");
        terms.put("note", "Поставка цемента, договор №17");
        terms.put("empty", "");
        return Fact.of(FactType.INVOICE_REGISTERED, "ESF-070340000341-2025-000042", terms, Instant.parse("2025-03-14T09:26:53.589Z"));
    }

    /**
     * A version-2 transaction with every kind of output: standard, address-list marking, contract marking, VAT, a
     * hold, and a marked output that is also held; two inputs; two facts; a Cyrillic reference.
     */
    static Transaction markedAndHeldTransaction() {
        TxId a = TxId.parse("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        TxId b = TxId.parse("fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210");
        return new Transaction(TxType.TRANSFER, "ПП-2025/0042 тест", List.of(new OutputRef(a, 0), new OutputRef(b, 31)), List.of(
                Output.standard(MINISTRY, 1L),
                new Output(BUILDER, 250_000L, "ADDR:" + LIST_ID + ":1", null),
                new Output(BUILDER, 1_000_000_000_000L, "CONTRACT:DOG-2025/17", null),
                new Output(SELLER, 120_000L, "VAT", null),
                new Output(FARMER, 5_000L, null, "EVENT:EV-harvest-2025"),
                new Output(FARMER, 7L, "CONTRACT:DOG-2025/17", "EVENT:EV-harvest-2025")),
                List.of(invoiceFact().id(), FactId.parse("0f0e0d0c0b0a09080706050403020100f0e0d0c0b0a090807060504030201000")));
    }

    /** A version-1 (standard money, no facts) transaction: its ids did not change when facts came. */
    static Transaction standardIssue() {
        return new Transaction(TxType.ISSUE, "issue-2025-0001", List.of(), List.of(Output.standard(MINISTRY, 100_000_000L)));
    }

    // ---------------------------------------------------------------------------------------------- the frozen answers

    static final String TX_V2_BYTES =
            "44545802" // magic DTX, version 2 (it names facts)
            + "01" // type TRANSFER (ordinal 1)
            + "0017d09fd09f2d323032352f3030343220d182d0b5d181d182" // reference: length, UTF-8 "ПП-2025/0042 тест"
            + "0002" // 2 inputs
            + "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00000000" // input: tx id, index 0
            + "fedcba9876543210fedcba9876543210fedcba9876543210fedcba98765432100000001f" // input: tx id, index 31
            + "0006" // 6 outputs
            + "00144b5a343536303130303030303030303030303031" // owner IIK (standard)
            + "0000000000000001" // amount in tiyn
            + "00" // no marking
            + "00" // no hold
            + "00144b5a313836303130303030303030303030303032" // owner IIK (ADDR:<list>:1)
            + "000000000003d090" // amount in tiyn
            + "010047414444523a356131643063336539623766326136346538643163306239613766366535643463336232613139303866376536643563346233613239313830376636653564343a31" // marking
            + "00" // no hold
            + "00144b5a313836303130303030303030303030303032" // owner IIK (CONTRACT:DOG-2025/17)
            + "000000e8d4a51000" // amount in tiyn
            + "010014434f4e54524143543a444f472d323032352f3137" // marking
            + "00" // no hold
            + "00144b5a333637323241303030303030303030303043" // owner IIK (VAT)
            + "000000000001d4c0" // amount in tiyn
            + "010003564154" // marking
            + "00" // no hold
            + "00144b5a343639313030303030303030303030303034" // owner IIK (held EVENT:EV-harvest-2025)
            + "0000000000001388" // amount in tiyn
            + "00" // no marking
            + "0100154556454e543a45562d686172766573742d32303235" // hold
            + "00144b5a343639313030303030303030303030303034" // owner IIK (CONTRACT and held)
            + "0000000000000007" // amount in tiyn
            + "010014434f4e54524143543a444f472d323032352f3137" // marking
            + "0100154556454e543a45562d686172766573742d32303235" // hold
            + "0002" // 2 facts
            + "a27e5e28fdda7129edaa1af2a5cfe00adbee69bea60726e1464a1059975bed5a" // fact id (the invoice fact below)
            + "0f0e0d0c0b0a09080706050403020100f0e0d0c0b0a090807060504030201000"; // fact id
    static final String TX_V2_ID = "cfe6ec764863155f390839dd88405b11d1cab822086660a02db77eb65ad29df6";
    static final String TX_V1_BYTES =
            "4454580100000f69737375652d323032352d303030310000000100144b5a343536303130303030303030303030303031"
            + "0000000005f5e1000000";
    static final String TX_V1_ID = "02429b6cd09084ce0b9d4f0ca858d575013778a631d36cbdf044105a0a24e3aa";
    static final String FACT_BYTES =
            "4446430101001c4553462d3037303334303030303334312d323032352d3030303034320000019593fa5d950009000862"
            + "7579657254696e000c393931323430303030313133000863757272656e637900034b5a540005656d7074790000000567"
            + "726f737300073131323030303000036e657400073130303030303000046e6f74650035d09fd0bed181d182d0b0d0b2d0"
            + "bad0b020d186d0b5d0bcd0b5d0bdd182d0b02c20d0b4d0bed0b3d0bed0b2d0bed18020e284963137000973656c6c6572"
            + "54696e000c303730333430303030333431000673746174757300074352454154454400037661740006313230303030";
    static final String FACT_ID = "a27e5e28fdda7129edaa1af2a5cfe00adbee69bea60726e1464a1059975bed5a";
    static final String TEST_PUBLIC_KEY = "c7b5c0249ffdc176158779f9a67f518ad64101b7d33955594f1f3780d8c19f6a";
    static final String TX_SIGNATURE =
            "8937407dce637a5c68aa038e1aa62d88c2ca2bd005a824b094d70af66984d8289d460fecd583d6e981b1845b5924e56c"
            + "911111d8dce980f0826f8b98cb644a00";
    static final String FACT_SIGNATURE =
            "972fdd9d1a49af4a5eaccd2e6a3995ea24cf9aab50197dcc2f469350c19f822c9f5bc2a4e61923089cebe1a67951907d"
            + "9e3466d70c497791f3a60eb9426f4807";
    static final String EVIDENCE_ENTRY_1 = "ed3aa923185314a4ae85cc1934b46e8e57f6a476cbf465a64d1684f084cc9f75";
    static final String EVIDENCE_ENTRY_2 = "4ecc2e4b8ceef78c9985c41ed4717ed842d28c715af60b17b42a8444fe91a85c";

    // ---------------------------------------------------------------------------------------------- the tests

    @Test
    void aTransactionWithMarkedAndHeldOutputsAndFactsEncodesToTheFrozenBytes() {
        Transaction tx = markedAndHeldTransaction();
        assertThat(hex(tx.canonicalBytes())).isEqualTo(TX_V2_BYTES);
        assertThat(tx.id().hex()).isEqualTo(TX_V2_ID);
        assertThat(hex(sha256(HEX.parseHex(TX_V2_BYTES)))).as("the id is the SHA-256 of the bytes").isEqualTo(TX_V2_ID);
        // the frozen bytes (what the store holds) still decode to the same transaction
        assertThat(CanonicalDecoder.decode(HEX.parseHex(TX_V2_BYTES))).isEqualTo(tx);
        assertThat(CanonicalDecoder.decode(HEX.parseHex(TX_V2_BYTES)).id().hex()).isEqualTo(TX_V2_ID);
        assertThat(TX_V2_BYTES).startsWith(hex("DTX".getBytes(StandardCharsets.US_ASCII)) + "02");
    }

    @Test
    void aStandardTransactionKeepsTheVersion1Encoding() {
        Transaction tx = standardIssue();
        assertThat(hex(tx.canonicalBytes())).isEqualTo(TX_V1_BYTES);
        assertThat(tx.id().hex()).isEqualTo(TX_V1_ID);
        assertThat(CanonicalDecoder.decode(HEX.parseHex(TX_V1_BYTES))).isEqualTo(tx);
        assertThat(TX_V1_BYTES).startsWith(hex("DTX".getBytes(StandardCharsets.US_ASCII)) + "01");
    }

    @Test
    void aFactEncodesToTheFrozenBytes() {
        Fact fact = invoiceFact();
        assertThat(hex(fact.canonicalBytes())).isEqualTo(FACT_BYTES);
        assertThat(fact.id().hex()).isEqualTo(FACT_ID);
        assertThat(hex(sha256(HEX.parseHex(FACT_BYTES)))).isEqualTo(FACT_ID);
        assertThat(Fact.decode(HEX.parseHex(FACT_BYTES))).isEqualTo(fact);
        assertThat(Fact.decode(HEX.parseHex(FACT_BYTES)).id().hex()).isEqualTo(FACT_ID);
        // the transaction vector names this fact: a change of the fact encoding moves the transaction id too
        assertThat(TX_V2_BYTES).contains(FACT_ID);
    }

    @Test
    void theOrdinalsInTheEncodingsAreFrozen() {
        // the type byte is the enum's ordinal: reordering or inserting a constant re-types every stored body
        assertThat(Arrays.stream(TxType.values()).map(Enum::name))
                .containsExactly("ISSUE", "TRANSFER", "REDEEM", "MARK", "UNMARK", "HOLD", "RELEASE", "RETURN");
        assertThat(Arrays.stream(FactType.values()).map(Enum::name)).containsExactly("CONTRACT_REGISTERED",
                "INVOICE_REGISTERED", "EVENT_REGISTERED", "EVENT_OCCURRED", "HOLD_APPROVED", "RELEASE_APPROVED",
                // appended later: the ordinals before it are unchanged, so no stored body changes type
                "VOID_APPROVED", "PROJECT_DEFINED");
    }

    @Test
    void theDomainsAreFrozen() {
        assertThat(new String(Keys.DOMAIN, StandardCharsets.US_ASCII)).isEqualTo("digital-tenge/tx/v1:");
        assertThat(new String(Keys.FACT_DOMAIN, StandardCharsets.US_ASCII)).isEqualTo("digital-tenge/fact/v1:");
    }

    @Test
    void domainSeparatedEd25519SignaturesAreTheFrozenBytes() {
        PrivateKey key = testPrivateKey();
        PublicKey pub = Keys.decodePublic(SignatureAlgorithm.ED25519, HEX.parseHex(X509_ED25519_PREFIX + TEST_PUBLIC_KEY));
        byte[] txId = HEX.parseHex(TX_V2_ID);
        byte[] factId = HEX.parseHex(FACT_ID);

        // the public key derived from the seed (BouncyCastle, independently of Keys)
        assertThat(hex(new Ed25519PrivateKeyParameters(HEX.parseHex(TEST_SEED_HEX)).generatePublicKey().getEncoded()))
                .isEqualTo(TEST_PUBLIC_KEY);

        byte[] txSig = Keys.sign(SignatureAlgorithm.ED25519, key, Keys.DOMAIN, txId);
        byte[] factSig = Keys.sign(SignatureAlgorithm.ED25519, key, Keys.FACT_DOMAIN, factId);
        assertThat(hex(txSig)).isEqualTo(TX_SIGNATURE);
        assertThat(hex(factSig)).isEqualTo(FACT_SIGNATURE);
        // the two-argument sign is the transaction domain
        assertThat(hex(Keys.sign(SignatureAlgorithm.ED25519, key, txId))).isEqualTo(TX_SIGNATURE);

        // what is signed is exactly domain || id: a plain RFC 8032 verifier over that message agrees
        assertThat(rawVerify(concat(Keys.DOMAIN, txId), HEX.parseHex(TX_SIGNATURE))).isTrue();
        assertThat(rawVerify(concat(Keys.FACT_DOMAIN, factId), HEX.parseHex(FACT_SIGNATURE))).isTrue();
        assertThat(rawVerify(txId, HEX.parseHex(TX_SIGNATURE))).as("never the bare id").isFalse();

        // the frozen signatures verify under their own domain ...
        assertThat(Keys.verify(SignatureAlgorithm.ED25519, pub, Keys.DOMAIN, txId, HEX.parseHex(TX_SIGNATURE))).isTrue();
        assertThat(Keys.verify(SignatureAlgorithm.ED25519, pub, txId, HEX.parseHex(TX_SIGNATURE))).isTrue();
        assertThat(Keys.verify(SignatureAlgorithm.ED25519, pub, Keys.FACT_DOMAIN, factId, HEX.parseHex(FACT_SIGNATURE))).isTrue();
        assertThat(SignatureVerifier.of(SignatureAlgorithm.ED25519, pub.getEncoded()).verify(txId, HEX.parseHex(TX_SIGNATURE))).isTrue();
        assertThat(SignatureVerifier.of(SignatureAlgorithm.ED25519, pub.getEncoded(), Keys.FACT_DOMAIN)
                .verify(factId, HEX.parseHex(FACT_SIGNATURE))).isTrue();

        // ... and never under the other: a transaction signature is no fact signature and vice versa, even over the same id
        byte[] factSigOverTxId = Keys.sign(SignatureAlgorithm.ED25519, key, Keys.FACT_DOMAIN, txId);
        assertThat(Keys.verify(SignatureAlgorithm.ED25519, pub, Keys.FACT_DOMAIN, txId, HEX.parseHex(TX_SIGNATURE))).isFalse();
        assertThat(Keys.verify(SignatureAlgorithm.ED25519, pub, Keys.DOMAIN, txId, factSigOverTxId)).isFalse();
        assertThat(Keys.verify(SignatureAlgorithm.ED25519, pub, Keys.DOMAIN, factId, HEX.parseHex(FACT_SIGNATURE))).isFalse();
        assertThat(SignatureVerifier.of(SignatureAlgorithm.ED25519, pub.getEncoded(), Keys.FACT_DOMAIN)
                .verify(txId, HEX.parseHex(TX_SIGNATURE))).isFalse();
        assertThat(SignatureVerifier.of(SignatureAlgorithm.ED25519, pub.getEncoded())
                .verify(factId, HEX.parseHex(FACT_SIGNATURE))).isFalse();
    }

    @Test
    void theEvidenceEntryHashIsTheFrozenBytes() {
        SignedFact signed = new SignedFact(invoiceFact(), "oracle-test-1", HEX.parseHex(FACT_SIGNATURE));
        long loggedAt = Instant.parse("2025-03-14T09:26:54.001Z").toEpochMilli();
        byte[] first = EvidenceLog.entryHash(1, new byte[32], signed, loggedAt);
        assertThat(hex(first)).isEqualTo(EVIDENCE_ENTRY_1);
        // the documented layout, recomputed here: domain, seq, previous hash, fact id, key id, signature, time logged
        assertThat(hex(sha256(concat("digital-tenge/evidence/v1:".getBytes(StandardCharsets.US_ASCII), longBytes(1), new byte[32],
                HEX.parseHex(FACT_ID), "oracle-test-1".getBytes(StandardCharsets.UTF_8), HEX.parseHex(FACT_SIGNATURE),
                longBytes(loggedAt))))).isEqualTo(EVIDENCE_ENTRY_1);
        // the next link covers the first
        byte[] second = EvidenceLog.entryHash(2, HEX.parseHex(EVIDENCE_ENTRY_1), signed, loggedAt + 1);
        assertThat(hex(second)).isEqualTo(EVIDENCE_ENTRY_2);
    }

    @Test
    void everySingleByteOfTheFrozenEncodingsIsCoveredByTheId() {
        // the vectors compare whole byte strings; this shows the ids do not ignore any position either
        for (String vector : List.of(TX_V2_BYTES, TX_V1_BYTES, FACT_BYTES)) {
            byte[] bytes = HEX.parseHex(vector);
            String id = hex(sha256(bytes));
            for (int i = 0; i < bytes.length; i++) {
                byte[] changed = bytes.clone();
                changed[i] ^= 0x01;
                assertThat(hex(sha256(changed))).isNotEqualTo(id);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static PrivateKey testPrivateKey() {
        return Keys.decodePrivate(SignatureAlgorithm.ED25519, HEX.parseHex(PKCS8_ED25519_PREFIX + TEST_SEED_HEX));
    }

    static boolean rawVerify(byte[] message, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(HEX.parseHex(TEST_PUBLIC_KEY)));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
