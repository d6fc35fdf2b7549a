package kz.digitaltenge.hub.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OracleKeystoreTest {
    @TempDir
    Path dir;

    @Test
    void generatedPasswordIsKeptOwnerOnlyAndTheKeyIsReloaded() throws Exception {
        Path ks = dir.resolve("oracle").resolve("oracle-key.p12");
        KeyPair created = OracleKeystore.loadOrCreate(ks, "", "Oracle Hub");
        Path pw = OracleKeystore.passwordFile(ks);
        assertThat(Files.getPosixFilePermissions(pw)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(ks)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(pw).strip()).hasSizeGreaterThanOrEqualTo(40);

        KeyPair loaded = OracleKeystore.loadOrCreate(ks, null, "Oracle Hub");
        assertThat(loaded.getPublic().getEncoded()).isEqualTo(created.getPublic().getEncoded());
        byte[] id = new byte[32];
        byte[] sig = Keys.sign(SignatureAlgorithm.ED25519, loaded.getPrivate(), Keys.FACT_DOMAIN, id);
        assertThat(Keys.verify(SignatureAlgorithm.ED25519, created.getPublic(), Keys.FACT_DOMAIN, id, sig)).isTrue();
    }

    @Test
    void aConfiguredPasswordWritesNoPasswordFileAndAWrongOneIsRefused() {
        Path ks = dir.resolve("k.p12");
        KeyPair created = OracleKeystore.loadOrCreate(ks, "configured-at-test-time", "Oracle Hub");
        assertThat(OracleKeystore.passwordFile(ks)).doesNotExist();
        assertThat(OracleKeystore.loadOrCreate(ks, "configured-at-test-time", "x").getPublic().getEncoded())
                .isEqualTo(created.getPublic().getEncoded());
        assertThatThrownBy(() -> OracleKeystore.loadOrCreate(ks, "wrong", "x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> OracleKeystore.loadOrCreate(ks, "", "x")).hasMessageContaining("no password is configured");
    }
}
