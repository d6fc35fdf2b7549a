package kz.digitaltenge.ledger.fact;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureVerifier;
import kz.digitaltenge.ledger.registry.RegisteredKey;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.registry.Role;

/**
 * The registered oracle facts. A fact is accepted only when it is signed by a key whose holder has the
 * {@link Role#ORACLE} role and its terms are complete ({@link FactTerms}); accepted facts are immutable, so the
 * recent ones are kept by id once registered or read, in bounded memory ({@link RecentFacts}).
 */
public final class FactBook {
    private final FactStore store;
    private final Registry registry;
    private final RecentFacts recent;
    private final Map<String, SignatureVerifier> verifiers = new ConcurrentHashMap<>();

    private final FactAppender appender;

    public FactBook(FactStore store, Registry registry) {
        this(store, registry, RecentFacts.DEFAULT_GENERATION);
    }

    /** With {@code recentFacts} facts to a generation of the recent ones kept in memory (two generations at most). */
    FactBook(FactStore store, Registry registry, int recentFacts) {
        this.store = store;
        this.recent = new RecentFacts(recentFacts);
        this.registry = registry;
        this.appender = new FactAppender(store);
    }

    /** Verifies and stores a fact; registering the same fact again is a no-op. */
    public FactId register(SignedFact signed) {
        return register(signed, null);
    }

    /**
     * As {@link #register(SignedFact)}, with records that belong with the fact written in the same database transaction
     * ({@link FactCompanion}; null for none): the fact, its evidence entry and the records are committed together or not at all.
     */
    public FactId register(SignedFact signed, FactCompanion companion) {
        verify(signed);
        FactId id = signed.id();
        appender.append(signed, companion); // with the facts of concurrent callers: one transaction, one update of the chain's head
        recent.put(signed);
        return id;
    }

    /** Facts kept in memory now (for tests: bounded whatever the number registered). */
    int recentFacts() {
        return recent.size();
    }

    /** Group appends written and facts stored through them since start. */
    public long[] appendCounts() {
        return new long[] {appender.batches(), appender.facts()};
    }

    public void verify(SignedFact signed) {
        RegisteredKey key = registry.key(signed.keyId()).orElseThrow(() ->
                new LedgerException(ReasonCode.INVALID_FACT, "fact signed by unknown key '" + signed.keyId() + "'"));
        if (!registry.participant(key.holder()).has(Role.ORACLE)) {
            throw new LedgerException(ReasonCode.INVALID_FACT, "fact signed by " + key.holder() + ", which is not the oracle");
        }
        SignatureVerifier verifier = verifiers.computeIfAbsent(key.keyId(),
                k -> SignatureVerifier.of(key.algorithm(), key.publicKey(), Keys.FACT_DOMAIN));
        if (!verifier.verify(signed.id().bytes(), signed.signature())) {
            throw new LedgerException(ReasonCode.INVALID_FACT, "the oracle's signature on fact " + signed.id() + " does not verify");
        }
        FactTerms.validate(signed.fact());
    }

    public Optional<SignedFact> find(FactId id) {
        SignedFact f = recent.get(id);
        if (f == null) {
            f = store.findFact(id).orElse(null);
            if (f != null) {
                recent.put(f);
            }
        }
        return Optional.ofNullable(f);
    }

    /** A registered fact, or a refusal naming it. */
    public Fact require(FactId id) {
        return find(id).map(SignedFact::fact).orElseThrow(() ->
                new LedgerException(ReasonCode.INVALID_FACT, "fact " + id + " is not registered"));
    }

    /** The newest fact of a type about a subject (an invoice's current state, a contract's terms). */
    public Optional<SignedFact> latest(FactType type, String subject) {
        return store.latestFact(type, subject);
    }
}
