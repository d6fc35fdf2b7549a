package kz.digitaltenge.ledger.crypto;

import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Verifies the Ed25519 signatures of one registered key under one domain, prepared once (the registry keeps one per
 * key id): the public point is decompressed and validated when the verifier is built, not per signature.
 *
 * <p><b>One accepted set, whichever engine.</b> A node with libsodium and a node without must accept exactly the same
 * signatures, or they would disagree on which transactions are valid. The set is BouncyCastle's — RFC 8032's
 * cofactored equation {@code [8][S]B = [8]R + [8][k]A} — narrowed by {@link Ed25519SignatureRules} (canonical,
 * not small-order R; S below L) and by the key's full validation here (canonical, not small-order, of prime order).
 * libsodium 1.0.18 checks the cofactorless equation {@code [S]B = R + [k]A}, which implies the cofactored one: every
 * signature it accepts is in the set, but it refuses the ones whose R carries a small-order component. So the native
 * engine takes libsodium's yes as final and hands its no to BouncyCastle: a valid signature costs one native check, an
 * invalid one a native and a Java check. The argument in full, with each edge case: docs/signatures.md.
 */
public final class Ed25519Verifier implements SignatureVerifier {
    private static final int ID_SIZE = 32;

    private final byte[] publicKey;
    private final Ed25519.PublicPoint point;
    private final byte[] prefix;
    private final Ed25519Engine engine;

    private Ed25519Verifier(byte[] publicKey, Ed25519.PublicPoint point, byte[] prefix, Ed25519Engine engine) {
        this.publicKey = publicKey;
        this.point = point;
        this.prefix = prefix;
        this.engine = engine;
    }

    /** A verifier of signatures over {@code domain} followed by a 32-byte id, on the node's chosen engine. */
    public static Ed25519Verifier of(byte[] x509, byte[] domain) {
        return of(x509, domain, Ed25519Engine.chosen());
    }

    /** The same on a named engine (tests and the bench run both in one JVM). */
    public static Ed25519Verifier of(byte[] x509, byte[] domain, Ed25519Engine engine) {
        if (!engine.available()) {
            throw new IllegalStateException("Ed25519 engine " + engine + " is not available: " + LibSodium.failure());
        }
        byte[] raw;
        try {
            raw = SubjectPublicKeyInfo.getInstance(x509).getPublicKeyData().getBytes();
        } catch (RuntimeException e) {
            throw new LedgerException(ReasonCode.MALFORMED, "public key is not a valid ED25519 X.509 key");
        }
        // full validation: y canonical, not one of the small-order points, [L]A = identity. libsodium's own key checks
        // (canonical, not small order) are then always passed, and the raw bytes it hashes are the bytes BouncyCastle
        // re-encodes from the point, so both hash the same R || A || message.
        Ed25519.PublicPoint point = raw.length == Ed25519.PUBLIC_KEY_SIZE ? Ed25519.validatePublicKeyFullExport(raw, 0) : null;
        if (point == null) {
            throw new LedgerException(ReasonCode.MALFORMED, "public key is not a valid ED25519 point");
        }
        return new Ed25519Verifier(raw.clone(), point, domain.clone(), engine);
    }

    public Ed25519Engine engine() {
        return engine;
    }

    /** The raw 32-byte key (tests build the same key on the other engine). */
    byte[] publicKeyBytes() {
        return publicKey.clone();
    }

    @Override
    public boolean verify(byte[] txId, byte[] signature) {
        if (signature == null || signature.length != Ed25519.SIGNATURE_SIZE || txId.length != ID_SIZE) {
            return false;
        }
        byte[] message = new byte[prefix.length + ID_SIZE];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(txId, 0, message, prefix.length, ID_SIZE);
        return verifyMessage(message, signature);
    }

    /** The check of a signature over any message (the domain not added): RFC 8032's test vectors use it. */
    boolean verifyMessage(byte[] message, byte[] signature) {
        if (!Ed25519SignatureRules.isStrictlyEncoded(signature)) {
            return false;
        }
        if (engine == Ed25519Engine.NATIVE && LibSodium.verify(signature, message, publicKey)) {
            return true;
        }
        return Ed25519.verify(signature, 0, point, message, 0, message.length);
    }
}
