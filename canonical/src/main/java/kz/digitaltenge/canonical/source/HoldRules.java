package kz.digitaltenge.canonical.source;


/**
 * A source's rules for its events: what a stored {@code EVENT_OCCURRED} fact of the source means for the money held
 * for its event (subsidies: an application's status; livestock: an animal re-registered to the borrower). Declared by
 * {@link SourceSystem#holdRules()}. A pure function of the fact and the book: the hub
 * may ask again for the same fact (a redelivery, a restart that finishes what a crash interrupted), and the same
 * answer must come back.
 */
@FunctionalInterface
public interface HoldRules {
    HoldDecision decide(KnownFact occurrence, HoldBook book);
}
