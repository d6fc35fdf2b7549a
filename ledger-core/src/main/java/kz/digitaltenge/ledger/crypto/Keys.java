package kz.digitaltenge.ledger.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Key generation, encoding, signing and verification through BouncyCastle. Public keys travel as base64 of
 * their X.509 SubjectPublicKeyInfo, private keys as base64 of PKCS#8.
 *
 * <p>What is signed is never the raw transaction: it is {@link #DOMAIN} followed by the 32-byte transaction
 * id, so a signature made for one purpose cannot be replayed as another.
 */
public final class Keys {
    public static final byte[] DOMAIN = "digital-tenge/tx/v1:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** What an oracle signs for a fact: this prefix and the 32-byte fact id. */
    public static final byte[] FACT_DOMAIN = "digital-tenge/fact/v1:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /**
     * What an oracle signs for a checkpoint of the evidence log: this prefix and the 32-byte digest of the checkpoint
     * ({@code fact.EvidenceCheckpoint}). A domain of its own, so a checkpoint signature can never pass for a fact's.
     */
    public static final byte[] EVIDENCE_CHECKPOINT_DOMAIN = "digital-tenge/evidence-checkpoint/v1:"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final Provider BC;
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        BC = existing != null ? existing : new BouncyCastleProvider();
        if (existing == null) {
            Security.addProvider(BC);
        }
    }

    private Keys() {
    }

    public static Provider provider() {
        return BC;
    }

    public static KeyPair generate(SignatureAlgorithm algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyAlgorithm(), BC);
            if (algorithm.keyGenSpec() != null) {
                generator.initialize(algorithm.keyGenSpec(), RANDOM);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + algorithm + " key", e);
        }
    }

    public static PublicKey decodePublic(SignatureAlgorithm algorithm, byte[] x509) {
        try {
            return KeyFactory.getInstance(algorithm.keyAlgorithm(), BC).generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new LedgerException(ReasonCode.MALFORMED, "public key is not a valid " + algorithm + " X.509 key");
        }
    }

    public static PrivateKey decodePrivate(SignatureAlgorithm algorithm, byte[] pkcs8) {
        try {
            return KeyFactory.getInstance(algorithm.keyAlgorithm(), BC).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new LedgerException(ReasonCode.MALFORMED, "private key is not a valid " + algorithm + " PKCS#8 key");
        }
    }

    public static byte[] sign(SignatureAlgorithm algorithm, PrivateKey key, byte[] txId) {
        return sign(algorithm, key, DOMAIN, txId);
    }

    /** Signs {@code domain} followed by {@code id}. */
    public static byte[] sign(SignatureAlgorithm algorithm, PrivateKey key, byte[] domain, byte[] id) {
        try {
            Signature signature = Signature.getInstance(algorithm.jcaSignature(), BC);
            signature.initSign(key, RANDOM);
            signature.update(domain);
            signature.update(id);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + algorithm, e);
        }
    }

    public static boolean verify(SignatureAlgorithm algorithm, PublicKey key, byte[] txId, byte[] value) {
        return verify(algorithm, key, DOMAIN, txId, value);
    }

    /** Verifies a signature over {@code domain} followed by {@code id}. */
    public static boolean verify(SignatureAlgorithm algorithm, PublicKey key, byte[] domain, byte[] id, byte[] value) {
        try {
            Signature signature = Signature.getInstance(algorithm.jcaSignature(), BC);
            signature.initVerify(key);
            signature.update(domain);
            signature.update(id);
            return signature.verify(value);
        } catch (GeneralSecurityException | RuntimeException e) {
            // a malformed signature (bad DER, wrong length) is just a signature that does not verify
            return false;
        }
    }

    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static byte[] fromBase64(String text, String what) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new LedgerException(ReasonCode.MALFORMED, what + " is not valid base64");
        }
    }
}
