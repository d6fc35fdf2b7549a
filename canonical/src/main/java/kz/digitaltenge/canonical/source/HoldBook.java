package kz.digitaltenge.canonical.source;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Read-only: what the oracle registered about an event and what is held for it, for a source's {@link HoldRules}. */
public interface HoldBook extends FactLookup {
    /** The event's registration ({@code EVENT_REGISTERED}, its current terms). */
    Optional<KnownFact> event(String eventId);

    /** Tiyn held for the event now. */
    long held(String eventId);

    /** Now, by the ledger's clock (validity is judged against it). */
    Instant now();

    /** The event's earlier occurrences (before the one being decided), oldest first, with what each did. */
    List<PastOccurrence> history(String eventId);

    /**
     * An occurrence already decided.
     *
     * @param released tiyn it released (0 when it released nothing)
     * @param outcome  RELEASED, RETURNED, REFUSED or UNCHANGED
     */
    record PastOccurrence(KnownFact fact, long released, String outcome) {
    }
}
