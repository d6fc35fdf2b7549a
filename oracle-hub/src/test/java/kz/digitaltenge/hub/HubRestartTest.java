package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import kz.digitaltenge.hub.oracle.OracleKeystore;
import kz.digitaltenge.hub.oracle.OracleSigner;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.Bic;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.ledger.registry.Account;
import kz.digitaltenge.ledger.registry.AccountKind;
import kz.digitaltenge.ledger.registry.Participant;
import kz.digitaltenge.ledger.registry.RegisteredKey;
import kz.digitaltenge.ledger.registry.Role;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxSignature;
import kz.digitaltenge.ledger.tx.TxType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stop the hub and start it again on the same data directory: the embedded PostgreSQL keeps the ledger, and the
 * oracle identity created on the first start (keystore, generated password file, ORACLE registration) is reused.
 */
class HubRestartTest {
    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(OracleHubApplication.class).run(
                "--server.port=0",
                "--hub.data-dir=" + dataDir,
                "--hub.hazelcast.port=" + (20000 + ThreadLocalRandom.current().nextInt(20000)),
                "--hub.hazelcast.cluster-name=restart-" + UUID.randomUUID());
    }

    private String oracleKeyId;
    private byte[] oraclePublicKey;

    @Test
    void committedMoneyAndTheOracleIdentitySurviveARestart() throws Exception {
        PartyId issuer = TestParties.newPartyId();
        AccountNumber account = TestParties.newAccountNumber();
        var keys = Keys.generate(SignatureAlgorithm.ED25519);
        try (ConfigurableApplicationContext hub = start()) {
            Ledger ledger = hub.getBean(Ledger.class);
            ledger.registry().register(new Participant(issuer, "Issuer", Set.of(Role.ISSUER), Bic.of("NBRKKZKX")));
            ledger.registry().registerKey(new RegisteredKey("k1", issuer, SignatureAlgorithm.ED25519, keys.getPublic().getEncoded()));
            ledger.registry().openAccount(new Account(account, issuer, AccountKind.ISSUER, Bic.of("NBRKKZKX")));
            Transaction tx = new Transaction(TxType.ISSUE, "restart-1", List.of(), List.of(Output.standard(account, 123_45)));
            ledger.submitAndWait(new SignedTransaction(tx, List.of(new TxSignature("k1",
                    Keys.sign(SignatureAlgorithm.ED25519, keys.getPrivate(), tx.id().bytes())))), 10_000);
            assertThat(ledger.queries().balance(account)).isEqualTo(123_45L);
            OracleSigner oracle = hub.getBean(OracleSigner.class);
            oracleKeyId = oracle.keyId();
            oraclePublicKey = oracle.publicKey();
            assertThat(ledger.registry().participant(oracle.partyId()).has(Role.ORACLE)).isTrue();
        }
        Path keystore = dataDir.resolve("oracle").resolve("oracle-key.p12");
        assertThat(keystore).isRegularFile();
        assertThat(Files.getPosixFilePermissions(OracleKeystore.passwordFile(keystore)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (ConfigurableApplicationContext hub = start()) {
            Ledger ledger = hub.getBean(Ledger.class);
            assertThat(ledger.queries().balance(account)).isEqualTo(123_45L);
            assertThat(ledger.queries().supply().circulating()).isEqualTo(123_45L);
            assertThat(ledger.registry().findAccount(account)).isPresent();
            assertThat(ledger.queries().audit().consistent()).isTrue();
            OracleSigner oracle = hub.getBean(OracleSigner.class);
            assertThat(oracle.keyId()).isEqualTo(oracleKeyId);
            assertThat(oracle.publicKey()).isEqualTo(oraclePublicKey);
            assertThat(ledger.registry().key(oracleKeyId).orElseThrow().publicKey()).isEqualTo(oraclePublicKey);
        }
    }
}
