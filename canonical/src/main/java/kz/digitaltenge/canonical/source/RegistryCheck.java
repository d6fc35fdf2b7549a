package kz.digitaltenge.canonical.source;

import kz.digitaltenge.canonical.CanonicalMessage;

/**
 * A source's rule against what the oracle has registered, for a message seen the first time, before it is signed:
 * e.g. a later state of an invoice keeps its parties and amounts, a correction names a registered invoice. Refuses by
 * throwing {@link kz.digitaltenge.canonical.SourceMessageRejected}; the message is quarantined with that reason.
 */
@FunctionalInterface
public interface RegistryCheck {
    void check(CanonicalMessage message, FactLookup facts);
}
