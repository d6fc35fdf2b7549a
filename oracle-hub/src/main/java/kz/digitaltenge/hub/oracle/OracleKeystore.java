package kz.digitaltenge.hub.oracle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The oracle's Ed25519 key pair in a PKCS#12 keystore (one entry, alias {@link #ALIAS}, with a self-signed
 * certificate because PKCS#12 keeps private keys with a certificate chain). Created on first use; the password
 * is the configured one or, when none is configured, a random one kept in {@code <keystore>.password} readable
 * only by the owner. The password is never logged.
 */
public final class OracleKeystore {
    public static final String ALIAS = "oracle";
    private static final Logger LOG = LoggerFactory.getLogger(OracleKeystore.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private OracleKeystore() {
    }

    /** Where the generated password of {@code keystore} is kept. */
    public static Path passwordFile(Path keystore) {
        return keystore.resolveSibling(keystore.getFileName() + ".password");
    }

    /**
     * The key pair in {@code keystore}, generated and stored there first if the file does not exist.
     *
     * @param configuredPassword the configured password, or null/empty to use (or create) the password file
     * @param subject            common name put in the self-signed certificate
     */
    public static KeyPair loadOrCreate(Path keystore, String configuredPassword, String subject) {
        Path file = keystore.toAbsolutePath().normalize();
        try {
            boolean exists = Files.exists(file);
            char[] password = password(file, configuredPassword, !exists);
            if (exists) {
                return load(file, password);
            }
            KeyPair pair = Keys.generate(SignatureAlgorithm.ED25519);
            store(file, password, pair, subject);
            LOG.info("generated the oracle's Ed25519 key in {}", file);
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the oracle keystore " + file, e);
        }
    }

    private static char[] password(Path keystore, String configured, boolean creating) throws IOException {
        if (configured != null && !configured.isEmpty()) {
            return configured.toCharArray();
        }
        Path file = passwordFile(keystore);
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new IllegalStateException("the oracle keystore password file " + file + " is empty");
            }
            return text.toCharArray();
        }
        if (!creating) {
            throw new IllegalStateException("the oracle keystore " + keystore + " exists but no password is configured"
                    + " (hub.oracle.keystore-password) and " + file + " is missing");
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        createDirectories(file.getParent());
        writeOwnerOnly(file, generated.getBytes(StandardCharsets.UTF_8));
        LOG.info("no hub.oracle.keystore-password configured: generated one and stored it in {} (owner read/write only)", file);
        return generated.toCharArray();
    }

    private static KeyPair load(Path file, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try {
                ks.load(in, password);
            } catch (IOException e) {
                // the JDK reports a wrong password (integrity check failed) as an IOException
                throw new IllegalStateException("cannot open the oracle keystore " + file + " (wrong password?)", e);
            }
            if (!(ks.getKey(ALIAS, password) instanceof PrivateKey key) || ks.getCertificate(ALIAS) == null) {
                throw new IllegalStateException("the oracle keystore " + file + " has no key entry '" + ALIAS + "'");
            }
            PublicKey pub = Keys.decodePublic(SignatureAlgorithm.ED25519, ks.getCertificate(ALIAS).getPublicKey().getEncoded());
            PrivateKey priv = Keys.decodePrivate(SignatureAlgorithm.ED25519, key.getEncoded());
            return new KeyPair(pub, priv);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the oracle keystore " + file + " (wrong password?)", e);
        }
    }

    private static void store(Path file, char[] password, KeyPair pair, String subject) throws IOException {
        try {
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=" + subject.replaceAll("[,=+<>#;\"\\\\]", " "));
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, RANDOM), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
            X509Certificate cert = new JcaX509CertificateConverter().setProvider(Keys.provider()).getCertificate(
                    builder.build(new JcaContentSignerBuilder("Ed25519").setProvider(Keys.provider()).build(pair.getPrivate())));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, pair.getPrivate(), password, new Certificate[] {cert});
            createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            writeOwnerOnly(tmp, new byte[0]);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, password);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the oracle keystore " + file, e);
        }
    }

    private static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException raced) {
            // created meanwhile
        }
    }

    /** Creates {@code file} with mode 600 from the start (no window in which others could read it). */
    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } catch (UnsupportedOperationException notPosix) {
            LOG.warn("{} is not on a POSIX file system: restrict its access by other means", file);
            Files.createFile(file);
        }
        Files.write(file, content);
    }
}
