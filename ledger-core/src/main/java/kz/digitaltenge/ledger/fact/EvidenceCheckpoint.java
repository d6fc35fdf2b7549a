package kz.digitaltenge.ledger.fact;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.HexFormat;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.ledger.crypto.SignatureVerifier;
import kz.digitaltenge.ledger.registry.RegisteredKey;

/**
 * An oracle's signed statement "entry {@code seq} of the evidence log has hash {@code entryHash}", made at
 * {@code signedAtMillis}. The chain alone cannot show that its tail was cut off or that it was rebuilt from scratch
 * with consistent links; a checkpoint kept outside the chain (by the hub, and by every auditor who received it) can:
 * a chain that ends before {@code seq}, or whose entry {@code seq} hashes differently, changed after it was signed.
 *
 * <p>Canonical encoding, fixed at 52 bytes: magic {@code DEC1}, seq (8 bytes, big-endian), entry hash (32 bytes),
 * signed-at epoch milliseconds (8 bytes, big-endian). The oracle signs {@link Keys#EVIDENCE_CHECKPOINT_DOMAIN} followed
 * by the SHA-256 of that encoding ({@link #digest()}), the same shape as a fact signature in a domain of its own.
 */
public record EvidenceCheckpoint(long seq, byte[] entryHash, long signedAtMillis, String keyId, byte[] signature) {
    private static final byte[] MAGIC = {'D', 'E', 'C', 1};
    public static final int ENCODED_LENGTH = MAGIC.length + 8 + 32 + 8;
    private static final HexFormat HEX = HexFormat.of();

    public EvidenceCheckpoint {
        if (seq < 1) {
            throw new LedgerException(ReasonCode.MALFORMED, "a checkpoint names an entry of the log (seq >= 1), not " + seq);
        }
        if (entryHash == null || entryHash.length != 32) {
            throw new LedgerException(ReasonCode.MALFORMED, "a checkpoint's entry hash has 32 bytes");
        }
        if (keyId == null || keyId.isBlank() || signature == null) {
            throw new LedgerException(ReasonCode.MALFORMED, "a checkpoint names its key and carries a signature");
        }
        entryHash = entryHash.clone();
        signature = signature.clone();
    }

    /** Signs a checkpoint of entry {@code seq} with hash {@code entryHash} at {@code signedAtMillis}. */
    public static EvidenceCheckpoint sign(long seq, byte[] entryHash, long signedAtMillis, String keyId,
                                          SignatureAlgorithm algorithm, PrivateKey key) {
        byte[] digest = digest(seq, entryHash, signedAtMillis);
        return new EvidenceCheckpoint(seq, entryHash, signedAtMillis, keyId,
                Keys.sign(algorithm, key, Keys.EVIDENCE_CHECKPOINT_DOMAIN, digest));
    }

    public static byte[] canonicalBytes(long seq, byte[] entryHash, long signedAtMillis) {
        if (entryHash == null || entryHash.length != 32) {
            throw new LedgerException(ReasonCode.MALFORMED, "a checkpoint's entry hash has 32 bytes");
        }
        return ByteBuffer.allocate(ENCODED_LENGTH).put(MAGIC).putLong(seq).put(entryHash).putLong(signedAtMillis).array();
    }

    public byte[] canonicalBytes() {
        return canonicalBytes(seq, entryHash, signedAtMillis);
    }

    /** SHA-256 of the canonical encoding: what the signature covers, after the domain. */
    public byte[] digest() {
        return digest(seq, entryHash, signedAtMillis);
    }

    private static byte[] digest(long seq, byte[] entryHash, long signedAtMillis) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonicalBytes(seq, entryHash, signedAtMillis));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the signature verifies with {@code key} (which must be the key the checkpoint names). */
    public boolean verifiesWith(RegisteredKey key) {
        if (key == null || !key.keyId().equals(keyId)) {
            return false;
        }
        try {
            return SignatureVerifier.of(key.algorithm(), key.publicKey(), Keys.EVIDENCE_CHECKPOINT_DOMAIN).verify(digest(), signature);
        } catch (LedgerException unreadableKey) {
            return false;
        }
    }

    public String entryHashHex() {
        return HEX.formatHex(entryHash);
    }

    @Override
    public String toString() {
        return "checkpoint " + seq + " (" + entryHashHex() + ", " + java.time.Instant.ofEpochMilli(signedAtMillis) + ", key " + keyId + ")";
    }
}
