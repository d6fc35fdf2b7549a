package kz.digitaltenge.ledger.crypto;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which code checks the Ed25519 group equation. Both accept exactly the same signatures ({@link Ed25519Verifier},
 * docs/signatures.md); they differ only in speed. The node's choice is made once, from the system property
 * {@value #PROPERTY}: {@code auto} (the default) takes libsodium when it loads, else BouncyCastle; {@code java} forces
 * BouncyCastle; {@code native} insists on libsodium and fails the first verifier built without it. Tests and the
 * bench name an engine explicitly to run both in one JVM.
 */
public enum Ed25519Engine {
    /** BouncyCastle's pure-Java RFC 8032 code: always there. */
    JAVA,
    /** libsodium through JNA, with BouncyCastle deciding the signatures libsodium refuses. */
    NATIVE;

    public static final String PROPERTY = "digitaltenge.ed25519";

    private static final Logger LOG = LoggerFactory.getLogger(Ed25519Engine.class);

    /**
     * The engine of this node: resolved and logged once, on the first Ed25519 verifier built. Throws
     * {@link IllegalStateException} every time when the property asks for what cannot be had.
     */
    public static Ed25519Engine chosen() {
        if (Chosen.ENGINE == null) {
            throw new IllegalStateException(Chosen.REFUSAL);
        }
        return Chosen.ENGINE;
    }

    public boolean available() {
        return this == JAVA || LibSodium.available();
    }

    /** The choice for a setting of {@value #PROPERTY} (null = auto) and whether libsodium loads. */
    static Ed25519Engine choose(String setting, boolean nativeLoads) {
        String s = setting == null || setting.isBlank() ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "auto" -> nativeLoads ? NATIVE : JAVA;
            case "java" -> JAVA;
            case "native" -> {
                if (!nativeLoads) {
                    throw new IllegalStateException(PROPERTY + "=native but libsodium did not load: " + LibSodium.failure());
                }
                yield NATIVE;
            }
            default -> throw new IllegalStateException(PROPERTY + " must be auto, java or native, not '" + setting + "'");
        };
    }

    /** Describes what an engine runs, for the log line and the bench. */
    public String describe() {
        return this == NATIVE ? "libsodium " + LibSodium.version() + " through JNA" : "BouncyCastle (pure Java)";
    }

    /** Holder: the property is read and the library loaded only when Ed25519 is first used, then never again. */
    private static final class Chosen {
        static final Ed25519Engine ENGINE;
        static final String REFUSAL;

        static {
            String setting = System.getProperty(PROPERTY);
            Ed25519Engine engine = null;
            String refusal = null;
            try {
                engine = choose(setting, LibSodium.available());
                if (engine == JAVA && LibSodium.failure() != null && !"java".equalsIgnoreCase(String.valueOf(setting).trim())) {
                    LOG.info("Ed25519 signature checks: {} (libsodium did not load: {})", engine.describe(), LibSodium.failure());
                } else {
                    LOG.info("Ed25519 signature checks: {} ({}={})", engine.describe(), PROPERTY, setting == null ? "auto" : setting);
                }
            } catch (IllegalStateException e) {
                refusal = e.getMessage();
                LOG.error("Ed25519 signature checks: none, {}", refusal);
            }
            ENGINE = engine;
            REFUSAL = refusal;
        }
    }
}
