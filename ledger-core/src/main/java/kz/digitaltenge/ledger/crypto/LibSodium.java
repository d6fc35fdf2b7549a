package kz.digitaltenge.ledger.crypto;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.util.List;

/**
 * libsodium's Ed25519 verification, called through JNA's direct mapping ({@link Native#register}: the static
 * {@code native} methods below are bound straight to the library's symbols, without the proxy and argument
 * conversion of an interface mapping, which would cost more per call than the verification saves).
 *
 * <p>Loaded once, when this class is first used; {@link #available()} says whether it worked. Nothing here decides
 * which engine the ledger uses ({@link Ed25519Engine} does), nor what a valid signature is
 * ({@link Ed25519Verifier}).
 */
final class LibSodium {
    /**
     * Tried in order: the plain name (libsodium.so where the -dev package is installed, libsodium.dylib on macOS; JNA
     * also finds a versioned libsodium.so.N on its search path), then Debian's runtime package's file, libsodium23.
     */
    private static final List<String> LIBRARY_NAMES = List.of("sodium", "libsodium.so.23");

    private static final String VERSION;
    private static final String FAILURE;

    static {
        String version = null;
        String failure = null;
        try {
            NativeLibrary library = open();
            Native.register(LibSodium.class, library);
            // sodium_init picks the fastest code for this CPU and makes the library thread-safe; 1 = already done
            if (sodium_init() < 0) {
                failure = "sodium_init() failed";
            } else {
                version = sodium_version_string();
            }
        } catch (LinkageError | RuntimeException e) {
            // no library, no JNA dispatch library for this platform, a symbol missing: the Java engine is used
            failure = summary(e);
        }
        VERSION = version;
        FAILURE = failure;
    }

    private LibSodium() {
    }

    static boolean available() {
        return VERSION != null;
    }

    /** The loaded library's version (e.g. 1.0.18), or null. */
    static String version() {
        return VERSION;
    }

    /** Why the library did not load, or null when it did. */
    static String failure() {
        return FAILURE;
    }

    /**
     * libsodium's own verdict on a 64-byte signature over {@code message} under a 32-byte public key; only call it when
     * {@link #available()}.
     */
    static boolean verify(byte[] signature, byte[] message, byte[] publicKey) {
        return crypto_sign_verify_detached(signature, message, message.length, publicKey) == 0;
    }

    private static NativeLibrary open() {
        UnsatisfiedLinkError last = null;
        for (String name : LIBRARY_NAMES) {
            try {
                return NativeLibrary.getInstance(name);
            } catch (UnsatisfiedLinkError e) {
                last = e;
            }
        }
        throw last;
    }

    /** JNA's message lists every path it tried, the whole classpath among them: the log keeps the first reasons. */
    private static String summary(Throwable e) {
        String text = String.valueOf(e.getMessage()).lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.contains("resource path")).reduce((a, b) -> a + "; " + b).orElse("");
        text = e.getClass().getSimpleName() + ": " + text;
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static native int sodium_init();

    private static native String sodium_version_string();

    /** 0 when the signature is valid, -1 otherwise; {@code mlen} is an unsigned long long. */
    private static native int crypto_sign_verify_detached(byte[] sig, byte[] m, long mlen, byte[] pk);
}
