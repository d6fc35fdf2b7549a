package kz.digitaltenge.hub.programmable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kz.digitaltenge.canonical.source.HoldBook;
import kz.digitaltenge.canonical.source.KnownFact;
import kz.digitaltenge.hub.pipeline.SourceFactReaction;
import kz.digitaltenge.ledger.HoldExpiry;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;

/**
 * What a source's hold rules read: the ledger's facts and held outputs and the hub's record of earlier decisions.
 * Read-only; one per decision (it leaves the fact being decided out of the event's history).
 */
final class LedgerHoldBook implements HoldBook {
    private final Ledger ledger;
    private final HoldDecisions decisions;
    private final String deciding;

    LedgerHoldBook(Ledger ledger, HoldDecisions decisions, String decidingFactId) {
        this.ledger = ledger;
        this.decisions = decisions;
        this.deciding = decidingFactId;
    }

    @Override
    public Optional<KnownFact> latest(String type, String subject) {
        FactType t;
        try {
            t = FactType.valueOf(type);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return ledger.facts().latest(t, subject).map(SourceFactReaction::known);
    }

    @Override
    public Optional<KnownFact> event(String eventId) {
        return latest(FactType.EVENT_REGISTERED.name(), eventId);
    }

    @Override
    public long held(String eventId) {
        return ledger.queries().heldOutputs(eventId, HoldExpiry.SCAN_LIMIT * 10).stream().mapToLong(o -> o.output().amount()).sum();
    }

    @Override
    public Instant now() {
        return ledger.clock().instant();
    }

    @Override
    public List<PastOccurrence> history(String eventId) {
        List<PastOccurrence> out = new ArrayList<>();
        for (HoldDecisions.Row row : decisions.ofEvent(eventId)) {
            if (row.factId().equals(deciding)) {
                continue;
            }
            Optional<KnownFact> fact = ledger.facts().find(FactId.parse(row.factId())).map(SourceFactReaction::known);
            if (fact.isEmpty()) {
                continue;
            }
            // a release decided but not yet carried out counts as made: it will be, exactly once
            String outcome = row.pending() ? pendingOutcome(row.decision()) : row.outcome();
            long released = row.pending() && "RELEASE".equals(row.decision()) && row.amount() != null ? row.amount() : row.released();
            out.add(new PastOccurrence(fact.get(), released, outcome));
        }
        return out;
    }

    private static String pendingOutcome(String decision) {
        return switch (decision) {
            case "RELEASE" -> "RELEASED";
            case "RETURN_ALL" -> "RETURNED";
            case "REFUSE" -> "REFUSED";
            default -> "UNCHANGED";
        };
    }
}
