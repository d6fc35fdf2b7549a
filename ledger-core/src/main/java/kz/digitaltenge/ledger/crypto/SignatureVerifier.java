package kz.digitaltenge.ledger.crypto;

import java.security.PublicKey;

/**
 * Verifies signatures of one registered key, prepared once: the registry keeps one per key id. Ed25519 goes to
 * {@link Ed25519Verifier} — libsodium when it is installed, else BouncyCastle's RFC 8032 code, both with the public
 * point validated once and the same accepted set (docs/signatures.md); the JCA path decoded the key and looked up the
 * provider on every call, the hottest spot of a transfer (measured with JFR in docs/benchmarks.md). The other
 * algorithms use the JCA provider.
 */
@FunctionalInterface
public interface SignatureVerifier {
    boolean verify(byte[] txId, byte[] signature);

    static SignatureVerifier of(SignatureAlgorithm algorithm, byte[] x509) {
        return of(algorithm, x509, Keys.DOMAIN);
    }

    /** A verifier of signatures over {@code domain} followed by a 32-byte id. */
    static SignatureVerifier of(SignatureAlgorithm algorithm, byte[] x509, byte[] domain) {
        if (algorithm == SignatureAlgorithm.ED25519) {
            return Ed25519Verifier.of(x509, domain);
        }
        PublicKey key = Keys.decodePublic(algorithm, x509);
        byte[] prefix = domain.clone();
        return (id, signature) -> Keys.verify(algorithm, key, prefix, id, signature);
    }
}
