package kz.digitaltenge.ledger.crypto;

import java.util.HexFormat;
import org.junit.jupiter.api.Assumptions;

/**
 * How the tests of the native engine treat a machine without libsodium: they are skipped there, visibly, unless
 * {@value #REQUIRE_PROPERTY} is true (CI sets it, see .ci/run), in which case they run and fail — a CI without the
 * library must not pass the native path's tests by skipping them.
 */
final class NativeEd25519 {
    static final String REQUIRE_PROPERTY = "digitaltenge.ed25519.require-native";
    /** RFC 8410 X.509 SubjectPublicKeyInfo prefix of an Ed25519 public key (the 32-byte key follows). */
    static final String X509_PREFIX = "302a300506032b6570032100";

    private NativeEd25519() {
    }

    static boolean required() {
        return Boolean.parseBoolean(System.getProperty(REQUIRE_PROPERTY));
    }

    /** Skips the calling test when libsodium is absent and not required. */
    static void assumeAvailableUnlessRequired() {
        if (!LibSodium.available() && !required()) {
            Assumptions.abort("libsodium did not load (" + LibSodium.failure() + ") and " + REQUIRE_PROPERTY + " is not set");
        }
    }

    /** A verifier of {@code engine} for a raw 32-byte key; skips the test for NATIVE as above. */
    static Ed25519Verifier verifier(Ed25519Engine engine, byte[] rawKey, byte[] domain) {
        if (engine == Ed25519Engine.NATIVE) {
            assumeAvailableUnlessRequired();
        }
        return Ed25519Verifier.of(x509(rawKey), domain, engine);
    }

    static byte[] x509(byte[] rawKey) {
        byte[] prefix = HexFormat.of().parseHex(X509_PREFIX);
        byte[] out = new byte[prefix.length + rawKey.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(rawKey, 0, out, prefix.length, rawKey.length);
        return out;
    }
}
