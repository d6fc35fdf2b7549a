package kz.digitaltenge.ledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class Ed25519EngineChoiceTest {

    @Test
    void autoTakesLibsodiumWhenItLoadsAndBouncyCastleOtherwise() {
        assertThat(Ed25519Engine.choose(null, true)).isEqualTo(Ed25519Engine.NATIVE);
        assertThat(Ed25519Engine.choose("auto", true)).isEqualTo(Ed25519Engine.NATIVE);
        assertThat(Ed25519Engine.choose(" AUTO ", true)).isEqualTo(Ed25519Engine.NATIVE);
        assertThat(Ed25519Engine.choose(null, false)).isEqualTo(Ed25519Engine.JAVA);
        assertThat(Ed25519Engine.choose("", false)).isEqualTo(Ed25519Engine.JAVA);
    }

    @Test
    void javaForcesTheFallbackEvenWhereLibsodiumLoads() {
        assertThat(Ed25519Engine.choose("java", true)).isEqualTo(Ed25519Engine.JAVA);
        assertThat(Ed25519Engine.choose("java", false)).isEqualTo(Ed25519Engine.JAVA);

        KeyPair kp = Keys.generate(SignatureAlgorithm.ED25519);
        byte[] id = new byte[32];
        byte[] sig = Keys.sign(SignatureAlgorithm.ED25519, kp.getPrivate(), id);
        Ed25519Verifier forced = Ed25519Verifier.of(kp.getPublic().getEncoded(), Keys.DOMAIN, Ed25519Engine.JAVA);
        assertThat(forced.engine()).isEqualTo(Ed25519Engine.JAVA);
        assertThat(forced.verify(id, sig)).isTrue();
    }

    @Test
    void nativeInsistsOnTheLibraryAndNonsenseIsRefused() {
        assertThat(Ed25519Engine.choose("native", true)).isEqualTo(Ed25519Engine.NATIVE);
        assertThatThrownBy(() -> Ed25519Engine.choose("native", false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("libsodium did not load");
        assertThatThrownBy(() -> Ed25519Engine.choose("sodium", true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be auto, java or native");
    }

    @Test
    void theNodesEngineFollowsThePropertyAndTheLibrary() {
        // the test JVM sets no digitaltenge.ed25519 (or CI's value): whatever it is, chosen() is choose() of it, once
        Ed25519Engine expected = Ed25519Engine.choose(System.getProperty(Ed25519Engine.PROPERTY), LibSodium.available());
        assertThat(Ed25519Engine.chosen()).isEqualTo(expected).isSameAs(Ed25519Engine.chosen());
        KeyPair kp = Keys.generate(SignatureAlgorithm.ED25519);
        assertThat(((Ed25519Verifier) SignatureVerifier.of(SignatureAlgorithm.ED25519, kp.getPublic().getEncoded())).engine())
                .isEqualTo(expected);
    }

    @Test
    void libsodiumIsThereWhereItIsRequired() {
        // CI installs libsodium23 and sets the property: there this fails rather than letting the native tests skip
        if (NativeEd25519.required()) {
            assertThat(LibSodium.available()).as("libsodium must load (%s): %s", NativeEd25519.REQUIRE_PROPERTY, LibSodium.failure())
                    .isTrue();
        }
        NativeEd25519.assumeAvailableUnlessRequired();
        assertThat(LibSodium.version()).startsWith("1.");
        assertThat(Ed25519Engine.NATIVE.available()).isTrue();
        assertThat(Ed25519Engine.NATIVE.describe()).contains("libsodium " + LibSodium.version());
    }

    @Test
    void aVerifierOfAnEngineThatIsNotThereCannotBeBuilt() {
        KeyPair kp = Keys.generate(SignatureAlgorithm.ED25519);
        if (LibSodium.available()) {
            assertThat(Ed25519Verifier.of(kp.getPublic().getEncoded(), Keys.DOMAIN, Ed25519Engine.NATIVE).engine())
                    .isEqualTo(Ed25519Engine.NATIVE);
        } else {
            assertThatThrownBy(() -> Ed25519Verifier.of(kp.getPublic().getEncoded(), Keys.DOMAIN, Ed25519Engine.NATIVE))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
