package kz.digitaltenge.ledger.testing;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.Bic;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.ledger.registry.Account;
import kz.digitaltenge.ledger.registry.AccountKind;
import kz.digitaltenge.ledger.registry.Participant;
import kz.digitaltenge.ledger.registry.RegisteredKey;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.registry.Role;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxSignature;
import kz.digitaltenge.ledger.tx.TxType;

/**
 * Makes valid parties for tests: generated keys (never stored), BIN/IINs with correct check digits, IIKs with
 * correct mod-97 digits, registered in the given registry.
 */
public final class TestParties {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() % 1_000_000L);

    /** A registered party with one key. */
    public record Party(PartyId id, String keyId, KeyPair keys, SignatureAlgorithm algorithm) {
        public TxSignature sign(Transaction tx) {
            return new TxSignature(keyId, Keys.sign(algorithm, keys.getPrivate(), tx.id().bytes()));
        }
    }

    private final Registry registry;
    public final Party issuer;
    public final Bic issuerBic = Bic.of("NBRKKZKX");
    public final AccountNumber issuerAccount;
    public final Party bank;
    public final Bic bankBic = Bic.of("HSBKKZKX");
    public final Party oracle;
    public final Party treasury;
    public final Bic treasuryBic = Bic.of("KKMFKZ2A");

    public TestParties(Registry registry) {
        this.registry = registry;
        this.issuer = party("National Bank", EnumSet.of(Role.ISSUER), issuerBic, SignatureAlgorithm.ED25519);
        this.bank = party("Test Bank", EnumSet.of(Role.BANK), bankBic, SignatureAlgorithm.ED25519);
        this.issuerAccount = account(issuer, AccountKind.ISSUER, issuerBic);
        this.oracle = party("Oracle Hub", EnumSet.of(Role.ORACLE), null, SignatureAlgorithm.ED25519);
        this.treasury = party("Treasury", EnumSet.of(Role.TREASURY), treasuryBic, SignatureAlgorithm.ED25519);
    }

    /** A government body's account serviced by the Treasury, which may sign for it. */
    public AccountNumber governmentAccount(Party body) {
        AccountNumber n = account(body, AccountKind.GOVERNMENT_BODY, treasuryBic);
        registry.delegate(n, treasury.id());
        return n;
    }

    /** Any transaction signed by the given parties. */
    public static SignedTransaction signed(Transaction tx, Party... signers) {
        List<TxSignature> sigs = new ArrayList<>();
        for (Party p : signers) {
            sigs.add(p.sign(tx));
        }
        return new SignedTransaction(tx, sigs);
    }

    /** A fact signed by the test oracle. */
    public SignedFact oracleFact(Fact fact) {
        return new SignedFact(fact, oracle.keyId(),
                Keys.sign(oracle.algorithm(), oracle.keys().getPrivate(), Keys.FACT_DOMAIN, fact.id().bytes()));
    }

    /** A fact signed by any party's key (for refusal tests). */
    public static SignedFact signedBy(Party party, Fact fact) {
        return new SignedFact(fact, party.keyId(),
                Keys.sign(party.algorithm(), party.keys().getPrivate(), Keys.FACT_DOMAIN, fact.id().bytes()));
    }

    public static PartyId newPartyId() {
        while (true) {
            String first11 = String.format("%011d", Math.floorMod(SERIAL.incrementAndGet() * 7919L, 100_000_000_000L));
            int check = PartyId.checkDigit(first11);
            if (check >= 0) {
                return new PartyId(first11 + check);
            }
        }
    }

    public static AccountNumber newAccountNumber() {
        return AccountNumber.of("601", String.format("%013d", SERIAL.incrementAndGet()));
    }

    public Party party(String name, Set<Role> roles, Bic bic, SignatureAlgorithm algorithm) {
        PartyId id = newPartyId();
        registry.register(new Participant(id, name, roles, bic));
        KeyPair kp = Keys.generate(algorithm);
        String keyId = name.replace(' ', '-').toLowerCase() + "-" + id.value();
        registry.registerKey(new RegisteredKey(keyId, id, algorithm, kp.getPublic().getEncoded()));
        return new Party(id, keyId, kp, algorithm);
    }

    /** A company client of the test bank, with its own key, an account, and a delegation to the bank. */
    public Party client(String name) {
        return party(name, Set.of(), null, SignatureAlgorithm.ED25519);
    }

    /** A tax office: the tax authority's role, which a TAX_OFFICE account needs (AccountKind#admits). */
    public Party taxAuthority(String name) {
        return party(name, EnumSet.of(Role.TAX_AUTHORITY), null, SignatureAlgorithm.ED25519);
    }

    public AccountNumber account(Party owner, AccountKind kind, Bic servicer) {
        AccountNumber n = newAccountNumber();
        registry.openAccount(new Account(n, owner.id(), kind, servicer));
        return n;
    }

    public AccountNumber clientAccount(Party owner) {
        AccountNumber n = account(owner, AccountKind.COMPANY, bankBic);
        registry.delegate(n, bank.id());
        return n;
    }

    public SignedTransaction issue(AccountNumber to, long tiyn, String reference) {
        Transaction tx = new Transaction(TxType.ISSUE, reference, List.of(), List.of(Output.standard(to, tiyn)));
        return new SignedTransaction(tx, List.of(issuer.sign(tx)));
    }

    public static SignedTransaction transfer(Party signer, List<OutputRef> inputs, List<Output> outputs, String reference) {
        Transaction tx = new Transaction(TxType.TRANSFER, reference, inputs, outputs);
        return new SignedTransaction(tx, List.of(signer.sign(tx)));
    }

    public SignedTransaction redeem(Party owner, List<OutputRef> inputs, List<Output> change, String reference) {
        Transaction tx = new Transaction(TxType.REDEEM, reference, inputs, change);
        List<TxSignature> sigs = new ArrayList<>();
        sigs.add(owner.sign(tx));
        sigs.add(issuer.sign(tx));
        return new SignedTransaction(tx, sigs);
    }
}
