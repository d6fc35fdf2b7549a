package kz.digitaltenge.ledger.fact;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the fact book and the evidence log keep durably. Owned here and implemented by the store, so facts never
 * depend on the database code that writes them.
 */
public interface FactStore {
    /**
     * Stores a fact and appends it to the evidence log at once (a fact already stored is left as it is); a fact
     * signed by an unregistered key is refused (NOT_FOUND).
     */
    void insertFact(SignedFact fact);

    /**
     * Stores facts and appends those not stored yet to the evidence log, in their order, in one transaction with one
     * update of the chain's head (the group append); all or none. The default writes them one by one.
     */
    default void insertFacts(java.util.List<SignedFact> facts) {
        facts.forEach(this::insertFact);
    }

    /**
     * As {@link #insertFacts(List)}, each fact with its companion (null for none) written in the same transaction
     * ({@link FactCompanion}). A store that cannot write companions refuses facts that have one.
     */
    default void insertFacts(java.util.List<SignedFact> facts, java.util.List<FactCompanion> companions) {
        if (companions.stream().anyMatch(java.util.Objects::nonNull)) {
            throw new UnsupportedOperationException("this fact store writes no companion records");
        }
        insertFacts(facts);
    }

    Optional<SignedFact> findFact(FactId id);

    /** Every fact of a type about a subject, oldest first (an invoice's states, an event's occurrences). */
    List<SignedFact> factsAbout(FactType type, String subject);

    Optional<SignedFact> latestFact(FactType type, String subject);

    EvidenceHead evidenceHead();

    /** Streams the evidence log in chain order to {@code visitor}, from one snapshot; stops early when it returns false. */
    void readEvidence(Predicate<EvidenceEntry> visitor);
}
