package kz.digitaltenge.routes.livestock.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.source.HoldBook;
import kz.digitaltenge.canonical.source.HoldDecision;
import kz.digitaltenge.canonical.source.HoldRules;
import kz.digitaltenge.canonical.source.KnownFact;

/**
 * A small in-memory {@link HoldBook} that carries out decisions as the hub would: a registered loan holds its whole
 * amount; a {@code Release} takes its amount from what is held (refusing, as the ledger would, more than is held); every
 * decided occurrence joins the history of the event its decision names (as the hub's book keeps decisions by event),
 * with its outcome; a fact decided before is carried out once. For the module's tests and the demo; not the hub's
 * book.
 */
public final class MemoryHoldBook implements HoldBook {
    private final Map<String, KnownFact> events = new LinkedHashMap<>();
    private final Map<String, Long> held = new LinkedHashMap<>();
    private final Map<String, List<PastOccurrence>> history = new LinkedHashMap<>();
    private final Map<String, KnownFact> latest = new LinkedHashMap<>();
    private final Map<String, HoldDecision> decided = new LinkedHashMap<>();
    private Instant now;
    private long sequence;

    public MemoryHoldBook(Instant now) {
        this.now = now;
    }

    public void setNow(Instant now) {
        this.now = now;
    }

    /** The fact the oracle would make of a message: its id a hash of what it says, issued now. */
    public KnownFact fact(CanonicalMessage m) {
        sequence++;
        Map<String, String> terms = new TreeMap<>(m.terms());
        return new KnownFact(sha256(m.sourceMessageId() + "|" + m.type() + "|" + m.subject() + "|" + terms),
                m.type(), m.subject(), terms, now.plusNanos(sequence));
    }

    /** Registers a loan (EVENT_REGISTERED) and holds its whole amount for it, as the lender's HOLD would. */
    public KnownFact register(CanonicalMessage loan) {
        KnownFact f = fact(loan);
        events.put(f.subject(), f);
        latest.put(f.type() + "|" + f.subject(), f);
        held.put(f.subject(), Long.parseLong(f.term("amount")));
        return f;
    }

    /** What a hub does with a file's messages: registrations registered (and held), occurrences decided and carried out. */
    public List<HoldDecision> take(HoldRules rules, List<CanonicalMessage> messages) {
        List<HoldDecision> decisions = new ArrayList<>();
        for (CanonicalMessage m : messages) {
            if ("EVENT_REGISTERED".equals(m.type())) {
                register(m);
            } else {
                decisions.add(occur(rules, m));
            }
        }
        return decisions;
    }

    /** Sets what is held for an event (a lender that has held only part of the loan so far). */
    public void hold(String eventId, long tiyn) {
        held.put(eventId, tiyn);
    }

    /** Decides an occurrence by the rules and carries the decision out. */
    public HoldDecision occur(HoldRules rules, CanonicalMessage occurrence) {
        return occur(rules, fact(occurrence));
    }

    public HoldDecision occur(HoldRules rules, KnownFact f) {
        if (decided.containsKey(f.id())) {
            return decided.get(f.id()); // the same fact again (a redelivery): decided once, carried out once
        }
        HoldDecision d = rules.decide(f, this);
        decided.put(f.id(), d);
        long released = 0;
        String outcome;
        if (d instanceof HoldDecision.Release r) {
            long h = held(r.eventId());
            if (r.amount() > h) {
                throw new IllegalStateException("the ledger refuses a release of " + r.amount() + " from " + r.eventId()
                        + ", which holds " + h);
            }
            held.put(r.eventId(), h - r.amount());
            released = r.amount();
            outcome = "RELEASED";
        } else if (d instanceof HoldDecision.ReturnAll r) {
            held.put(r.eventId(), 0L);
            outcome = "RETURNED";
        } else if (d instanceof HoldDecision.Refuse) {
            outcome = "REFUSED";
        } else {
            outcome = "UNCHANGED";
        }
        String event = d.eventId() != null ? d.eventId() : f.subject();
        history.computeIfAbsent(event, s -> new ArrayList<>()).add(new PastOccurrence(f, released, outcome));
        latest.put(f.type() + "|" + f.subject(), f);
        return d;
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
        return Optional.ofNullable(latest.get(type + "|" + subject));
    }

    /** Tiyn released from a loan so far, over every subject its occurrences came under. */
    public long released(String loanId) {
        return Long.parseLong(events.get(loanId).term("amount")) - held(loanId);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
