package kz.digitaltenge.routes.subsidy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.digitaltenge.canonical.source.HoldBook;
import kz.digitaltenge.canonical.source.HoldDecision;
import kz.digitaltenge.canonical.source.KnownFact;

/**
 * A hold book in memory, as the hub keeps one: registered events, what is held, the clock and each event's decided
 * occurrences. {@link #apply} records a decision the way the hub carries it out for a SINGLE hold (a release pays the
 * amount and returns the rest: nothing is held after it; a return leaves nothing held).
 */
final class InMemoryHoldBook implements HoldBook {
    private final Map<String, KnownFact> events = new HashMap<>();
    private final Map<String, Long> held = new HashMap<>();
    private final Map<String, List<PastOccurrence>> history = new HashMap<>();
    private Instant now;
    private int facts;

    InMemoryHoldBook(Instant now) {
        this.now = now;
    }

    /** Registers application n: its hold of {@code amount} tiyn until {@code validUntil}, and holds {@code held} of it. */
    InMemoryHoldBook register(String applicationNumber, long amount, Instant validUntil, long heldNow) {
        String subject = SubsidyMessages.subject(applicationNumber);
        events.put(subject, new KnownFact(id(), SubsidyMessages.EVENT_REGISTERED, subject, Map.of(
                "sender", "KZ000000000000000000", "recipient", "KZ000000000000000001", "amount", Long.toString(amount),
                "validUntil", validUntil.toString(), "holdType", "SINGLE"), now));
        held.put(subject, heldNow);
        return this;
    }

    InMemoryHoldBook at(Instant when) {
        this.now = when;
        return this;
    }

    /** An occurrence fact of a status, with its amount in tiyn (0: none stated). */
    KnownFact occurrence(String applicationNumber, ApplicationStatus status, long amount) {
        String subject = SubsidyMessages.subject(applicationNumber);
        return new KnownFact(id(), SubsidyMessages.EVENT_OCCURRED, subject, Map.of("occurrence", status.code() + "@" + now,
                "status", status.code(), "statusAt", now.toString(), "amount", Long.toString(amount)), now);
    }

    /** Records what the decision did, as the hub would, and returns it. */
    HoldDecision apply(KnownFact occurrence, HoldDecision d) {
        String subject = occurrence.subject();
        long released = 0;
        String outcome;
        if (d instanceof HoldDecision.Release r) {
            released = Math.min(r.amount(), held(subject));
            held.put(subject, 0L); // SINGLE: the rest returns to the sender
            outcome = "RELEASED";
        } else if (d instanceof HoldDecision.ReturnAll) {
            held.put(subject, 0L);
            outcome = "RETURNED";
        } else if (d instanceof HoldDecision.Refuse) {
            outcome = "REFUSED";
        } else {
            outcome = "UNCHANGED";
        }
        history.computeIfAbsent(subject, k -> new ArrayList<>()).add(new PastOccurrence(occurrence, released, outcome));
        return d;
    }

    /** Decides with the rules and records the outcome. */
    HoldDecision decide(SubsidyHoldRules rules, String applicationNumber, ApplicationStatus status, long amount) {
        KnownFact o = occurrence(applicationNumber, status, amount);
        return apply(o, rules.decide(o, this));
    }

    private String id() {
        return String.format("%064x", ++facts);
    }

    @Override
    public Optional<KnownFact> event(String eventId) {
        return Optional.ofNullable(events.get(eventId));
    }

    @Override
    public long held(String eventId) {
        return held.getOrDefault(eventId, 0L);
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public List<PastOccurrence> history(String eventId) {
        return List.copyOf(history.getOrDefault(eventId, List.of()));
    }

    @Override
    public Optional<KnownFact> latest(String type, String subject) {
        return SubsidyMessages.EVENT_REGISTERED.equals(type) ? event(subject) : Optional.empty();
    }
}
