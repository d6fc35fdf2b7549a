package kz.digitaltenge.canonical.source;

import java.util.Optional;

/** Read-only view of the facts the oracle registered, for a source's checks and reactions. */
public interface FactLookup {
    /** The latest fact of a type about a subject. */
    Optional<KnownFact> latest(String type, String subject);
}
