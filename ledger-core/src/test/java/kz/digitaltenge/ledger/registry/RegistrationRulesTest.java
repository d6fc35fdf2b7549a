package kz.digitaltenge.ledger.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.Bic;
import kz.digitaltenge.ledger.testing.SingleNodeLedgerTest;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import org.junit.jupiter.api.Test;

/**
 * Registrations that would let one party pass for another: a public key held by two participants, an account whose
 * kind claims an owner it does not have (an ISSUER account for a company, a TAX_OFFICE account — where VAT tokens
 * become standard money — for anyone but the tax authority).
 */
class RegistrationRulesTest extends SingleNodeLedgerTest {
    private static Registry registry() {
        return node.registry;
    }

    private static void refused(Runnable registration, ReasonCode reason, String part) {
        assertThatThrownBy(registration::run).isInstanceOf(LedgerException.class).hasMessageContaining(part)
                .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(reason));
    }

    @Test
    void aPublicKeyBelongsToOneParticipantAndAKeyIdToOneKey() {
        Party alice = parties.client("Alice LLP");
        Party bob = parties.client("Bob LLP");
        byte[] alicesKey = alice.keys().getPublic().getEncoded();
        // Alice's public key for Bob, under a new key id: Bob could sign as Alice and Alice as Bob
        refused(() -> registry().registerKey(new RegisteredKey("bob-2", bob.id(), SignatureAlgorithm.ED25519, alicesKey)),
                ReasonCode.CONFLICT, "already registered to another participant");
        assertThat(registry().key("bob-2")).isEmpty();
        // Alice's key id for Bob, with Bob's own new key, or with Alice's key
        byte[] bobsNewKey = Keys.generate(SignatureAlgorithm.ED25519).getPublic().getEncoded();
        refused(() -> registry().registerKey(new RegisteredKey(alice.keyId(), bob.id(), SignatureAlgorithm.ED25519, bobsNewKey)),
                ReasonCode.CONFLICT, "is already registered");
        refused(() -> registry().registerKey(new RegisteredKey(alice.keyId(), bob.id(), SignatureAlgorithm.ED25519, alicesKey)),
                ReasonCode.CONFLICT, "already registered");
        assertThat(registry().key(alice.keyId()).orElseThrow().holder()).isEqualTo(alice.id());
        // the identical registration again is refused as it always was (409): nothing changes
        refused(() -> registry().registerKey(new RegisteredKey(alice.keyId(), alice.id(), SignatureAlgorithm.ED25519, alicesKey)),
                ReasonCode.CONFLICT, "is already registered");
        // a participant may hold its own key under a second id (a rotation that keeps the key)
        registry().registerKey(new RegisteredKey("alice-2", alice.id(), SignatureAlgorithm.ED25519, alicesKey));
        // and a fresh key of its own registers as before
        registry().registerKey(new RegisteredKey("bob-2", bob.id(), SignatureAlgorithm.ED25519, bobsNewKey));
        assertThat(registry().key("bob-2").orElseThrow().holder()).isEqualTo(bob.id());
    }

    @Test
    void anAccountsKindMustFitItsOwnersRoles() {
        Party company = parties.client("Some Company LLP");
        Party taxAuthority = parties.taxAuthority("State Revenue Committee");
        Party ministry = parties.client("Ministry of Agriculture"); // government bodies have no ledger role
        Bic bank = parties.bankBic;
        for (AccountKind kind : EnumSet.of(AccountKind.ISSUER, AccountKind.BANK, AccountKind.TAX_OFFICE)) {
            refused(() -> open(company, kind, bank), ReasonCode.WRONG_ACCOUNT_KIND, "cannot belong to Some Company LLP");
        }
        refused(() -> open(parties.bank, AccountKind.ISSUER, bank), ReasonCode.WRONG_ACCOUNT_KIND, "only the issuer");
        refused(() -> open(parties.issuer, AccountKind.COMPANY, bank), ReasonCode.WRONG_ACCOUNT_KIND, "of their own kind");
        refused(() -> open(taxAuthority, AccountKind.PERSON, bank), ReasonCode.WRONG_ACCOUNT_KIND, "of their own kind");
        refused(() -> open(parties.bank, AccountKind.GOVERNMENT_BODY, parties.treasuryBic), ReasonCode.WRONG_ACCOUNT_KIND,
                "only the Treasury or a government body");
        // a party with no role is a government body only at the Treasury
        refused(() -> open(ministry, AccountKind.GOVERNMENT_BODY, bank), ReasonCode.WRONG_ACCOUNT_KIND, "serviced by the Treasury");

        // what fits opens as before
        open(parties.issuer, AccountKind.ISSUER, parties.issuerBic);
        open(parties.bank, AccountKind.BANK, bank);
        open(parties.bank, AccountKind.COMPANY, bank);
        open(taxAuthority, AccountKind.TAX_OFFICE, parties.treasuryBic);
        open(ministry, AccountKind.GOVERNMENT_BODY, parties.treasuryBic);
        open(parties.treasury, AccountKind.GOVERNMENT_BODY, parties.treasuryBic);
        open(company, AccountKind.COMPANY, bank);
        open(company, AccountKind.PERSON, bank);
    }

    @Test
    void everyKindHasARule() {
        Set<Role> none = Set.of();
        for (AccountKind kind : AccountKind.values()) {
            boolean someone = kind.admits(none);
            for (Role role : Role.values()) {
                someone |= kind.admits(Set.of(role));
            }
            assertThat(someone).as("%s is open to someone", kind).isTrue();
        }
    }

    private static AccountNumber open(Party owner, AccountKind kind, Bic servicer) {
        AccountNumber n = TestParties.newAccountNumber();
        registry().openAccount(new Account(n, owner.id(), kind, servicer));
        assertThat(registry().account(n).kind()).isEqualTo(kind);
        return n;
    }
}
