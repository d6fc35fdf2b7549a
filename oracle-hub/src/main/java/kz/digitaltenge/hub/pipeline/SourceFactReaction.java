package kz.digitaltenge.hub.pipeline;

import kz.digitaltenge.canonical.source.KnownFact;
import kz.digitaltenge.canonical.source.SourceSystem;

/**
 * The hub's own reaction to a source's stored fact, run with the source's reactions (after the first storing and for
 * every redelivery): e.g. settling held money by the source's hold rules. Hub beans; the pipeline names none.
 */
public interface SourceFactReaction {
    void stored(String sourceId, SourceSystem source, KnownFact fact);

    /** A stored fact as the sources' rules read it. */
    static KnownFact known(kz.digitaltenge.ledger.fact.SignedFact f) {
        return HubFactLookup.known(f);
    }
}
