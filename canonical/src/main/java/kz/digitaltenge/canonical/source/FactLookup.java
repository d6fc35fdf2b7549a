package kz.digitaltenge.canonical.source;

import java.util.List;
import java.util.Optional;

/** Read-only view of the facts the oracle registered, for a source's checks and reactions. */
public interface FactLookup {
    /** The latest fact of a type about a subject. */
    Optional<KnownFact> latest(String type, String subject);

    /**
     * The subject of the facts of a type whose term {@code term} had {@code value}, for the terms a source declares in
     * {@link SourceSystem#lookupTerms()} (a procurement contract found by its portal id); empty when none.
     */
    default Optional<String> subjectBy(String type, String term, String value) {
        List<String> all = subjectsBy(type, term, value);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every subject of the facts of a type whose indexed term had {@code value}, in the order they were first seen. */
    default List<String> subjectsBy(String type, String term, String value) {
        return List.of();
    }
}
