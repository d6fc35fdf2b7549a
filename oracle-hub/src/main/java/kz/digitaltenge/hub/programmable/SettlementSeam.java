package kz.digitaltenge.hub.programmable;

import kz.digitaltenge.canonical.source.KnownFact;

/**
 * The two moments of a settlement where a crash leaves work for the sweep: after a source's fact is stored but before
 * it is decided, and after it is decided but before the decision is carried out. No bean in a running hub; the fault
 * tests put one in a hub process of their own that dies there (as {@code BeforeOffsetCommit} does for Kafka).
 */
public interface SettlementSeam {
    SettlementSeam NONE = new SettlementSeam() {
    };

    default void beforeDecision(KnownFact fact) {
    }

    default void beforeCarryingOut(KnownFact fact) {
    }
}
