package kz.digitaltenge.ledger.crypto;

import java.security.PublicKey;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Verifies signatures of one registered key, prepared once: the registry keeps one per key id. Ed25519 goes
 * straight to BouncyCastle's RFC 8032 code with the public point decompressed and validated once (the JCA
 * path decodes the key and looks up the provider on every call — the hottest spot of a transfer, measured
 * with JFR in docs/benchmarks.md); the other algorithms use the JCA provider.
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
            byte[] raw;
            try {
                raw = SubjectPublicKeyInfo.getInstance(x509).getPublicKeyData().getBytes();
            } catch (RuntimeException e) {
                throw new LedgerException(ReasonCode.MALFORMED, "public key is not a valid ED25519 X.509 key");
            }
            Ed25519.PublicPoint point = raw.length == Ed25519.PUBLIC_KEY_SIZE ? Ed25519.validatePublicKeyFullExport(raw, 0) : null;
            if (point == null) {
                throw new LedgerException(ReasonCode.MALFORMED, "public key is not a valid ED25519 point");
            }
            byte[] prefix = domain.clone();
            return (txId, signature) -> {
                if (signature == null || signature.length != Ed25519.SIGNATURE_SIZE || txId.length != 32) {
                    return false;
                }
                byte[] message = new byte[prefix.length + 32];
                System.arraycopy(prefix, 0, message, 0, prefix.length);
                System.arraycopy(txId, 0, message, prefix.length, 32);
                return Ed25519.verify(signature, 0, point, message, 0, message.length);
            };
        }
        PublicKey key = Keys.decodePublic(algorithm, x509);
        byte[] prefix = domain.clone();
        return (id, signature) -> Keys.verify(algorithm, key, prefix, id, signature);
    }
}
