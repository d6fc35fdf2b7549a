package kz.digitaltenge.canonical.source;

import java.util.Objects;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * What one stored event fact of a source means for the money held for its event, as the source's {@link HoldRules}
 * decide it from what the oracle registered. The hub carries it out as the controller: it approves (signs the approval
 * fact) and commits the release or the return itself, exactly once per occurrence; nobody calls a release endpoint.
 */
public sealed interface HoldDecision {
    /** The event the decision is about. */
    String eventId();

    /**
     * Release {@code amount} tiyn (at most what is held) to the event's recipient for this occurrence. A SINGLE hold
     * returns the rest to the sender; an UNLIMITED hold keeps the rest held for the next occurrences.
     */
    record Release(String eventId, long amount, String why) implements HoldDecision {
        public Release {
            Objects.requireNonNull(eventId, "eventId");
            if (amount <= 0) {
                throw new IllegalArgumentException("a release moves a positive amount, not " + amount);
            }
        }
    }

    /** Return everything held for the event to its sender now (the application was rejected or withdrawn). */
    record ReturnAll(String eventId, String why) implements HoldDecision {
        public ReturnAll {
            Objects.requireNonNull(eventId, "eventId");
        }
    }

    /**
     * The event cannot move money (an unknown animal, a wrong owner, more than is held, the hold expired, an animal
     * under quarantine, a correction after payment): the hub quarantines the message with this reason, for the back
     * office; the money stays held.
     */
    record Refuse(String eventId, ReasonCode reason, String message) implements HoldDecision {
        public Refuse {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The event changes nothing (a repeated or backward status, a closing one); it stays in the event's history. */
    record NoChange(String eventId, String why) implements HoldDecision {
    }
}
