package kz.digitaltenge.ledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.SecureRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeysTest {

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void signsAndVerifiesAndRejectsTampering(SignatureAlgorithm algorithm) {
        KeyPair kp = Keys.generate(algorithm);
        byte[] txId = new byte[32];
        new SecureRandom().nextBytes(txId);
        byte[] sig = Keys.sign(algorithm, kp.getPrivate(), txId);

        var publicKey = Keys.decodePublic(algorithm, kp.getPublic().getEncoded());
        var privateKey = Keys.decodePrivate(algorithm, kp.getPrivate().getEncoded());
        assertThat(Keys.verify(algorithm, publicKey, txId, sig)).isTrue();
        assertThat(Keys.verify(algorithm, publicKey, txId, Keys.sign(algorithm, privateKey, txId))).isTrue();

        byte[] otherTx = txId.clone();
        otherTx[0] ^= 1;
        assertThat(Keys.verify(algorithm, publicKey, otherTx, sig)).isFalse();
        byte[] badSig = sig.clone();
        badSig[badSig.length / 2] ^= 0x10;
        assertThat(Keys.verify(algorithm, publicKey, txId, badSig)).isFalse();
        assertThat(Keys.verify(algorithm, publicKey, txId, new byte[3])).isFalse();
        KeyPair stranger = Keys.generate(algorithm);
        assertThat(Keys.verify(algorithm, stranger.getPublic(), txId, sig)).isFalse();

        // the prepared verifier the registry uses agrees with the JCA path on every case
        SignatureVerifier verifier = SignatureVerifier.of(algorithm, kp.getPublic().getEncoded());
        assertThat(verifier.verify(txId, sig)).isTrue();
        assertThat(verifier.verify(otherTx, sig)).isFalse();
        assertThat(verifier.verify(txId, badSig)).isFalse();
        assertThat(verifier.verify(txId, new byte[3])).isFalse();
        assertThat(SignatureVerifier.of(algorithm, stranger.getPublic().getEncoded()).verify(txId, sig)).isFalse();
    }
}
