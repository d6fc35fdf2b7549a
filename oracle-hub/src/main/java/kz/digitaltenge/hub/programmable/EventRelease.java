package kz.digitaltenge.hub.programmable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.digitaltenge.hub.oracle.OracleSigner;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.HoldExpiry;
import kz.digitaltenge.ledger.programmable.Holding;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.programmable.LimitUse;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.rules.TransactionRules;
import kz.digitaltenge.ledger.tx.TxType;

/**
 * The hub as the oracle (the controller) releases held money on an approved occurrence: it builds the RELEASE
 * from the event's terms, the approval and the held outputs, signs it with its oracle key and submits it. The
 * ledger checks every rule ({@code Holding.checkRelease}); this class only builds the transaction.
 *
 * <p>Idempotent: the reference is {@code release:<16 hex of the occurrence fact>:<16 hex of the approval>}, and
 * a release already committed under that reference for these facts is answered again instead of building a new
 * one (the held outputs it spent are gone, so a rebuilt transaction would differ).
 */
public final class EventRelease {
    private final Ledger ledger;
    private final OracleSigner oracle;
    private final long timeoutMillis;

    public EventRelease(Ledger ledger, OracleSigner oracle, long timeoutMillis) {
        this.ledger = ledger;
        this.oracle = oracle;
        this.timeoutMillis = timeoutMillis;
    }

    /** The deterministic reference of the release of {@code occurrence} under {@code approval}. */
    public static String reference(FactId occurrence, FactId approval) {
        return "release:" + occurrence.hex().substring(0, 16) + ":" + approval.hex().substring(0, 16);
    }

    /** The current registration of an event, or 404. */
    public SignedFact event(String eventId) {
        return ledger.facts().latest(FactType.EVENT_REGISTERED, eventId).orElseThrow(() ->
                new LedgerException(ReasonCode.NOT_FOUND, "event " + eventId + " is not registered"));
    }

    /** Unspent outputs held for the event (at most {@link HoldExpiry#SCAN_LIMIT}), oldest first. */
    public List<StoredOutput> held(String eventId) {
        return ledger.queries().heldOutputs(eventId, HoldExpiry.SCAN_LIMIT);
    }

    /**
     * The oracle's approval of a hold for an event, by its own checks: the event is registered and not expired, and the
     * amount is positive and within what the event may still hold. The ledger checks the HOLD against it again.
     */
    public SignedFact approveHold(String eventId, long amount) {
        Fact event = event(eventId).fact();
        if (!ledger.clock().instant().isBefore(event.instant("validUntil"))) {
            throw new LedgerException(ReasonCode.EXPIRED, "event " + eventId + " expired at " + event.instant("validUntil"));
        }
        long heldSoFar = ledger.queries().usage(LimitUse.event(eventId)).get(LimitUse.Kind.EVENT_HELD);
        long left = event.tiyn("amount") - heldSoFar;
        if (amount <= 0 || amount > left) {
            throw new LedgerException(ReasonCode.LIMIT_EXCEEDED, "event " + eventId + " may hold "
                    + kz.digitaltenge.canonical.money.Tiyn.format(Math.max(0, left)) + " more, not "
                    + kz.digitaltenge.canonical.money.Tiyn.format(amount));
        }
        Fact approval = Fact.of(FactType.HOLD_APPROVED, eventId, Map.of("amount", Long.toString(amount)),
                ledger.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        SignedFact signed = oracle.sign(approval);
        ledger.facts().register(signed);
        return signed;
    }

    /**
     * The oracle's approval of the release of one occurrence: the occurrence is registered about this event, and the
     * approval is made of it alone (same occurrence, same approval, same id), so approving again changes nothing. The
     * ledger caps the release at what is held and lets each occurrence release once.
     */
    public SignedFact approveRelease(String eventId, FactId occurrenceId) {
        event(eventId);
        SignedFact occurrence = ledger.facts().find(occurrenceId).orElseThrow(() ->
                new LedgerException(ReasonCode.INVALID_FACT, "fact " + occurrenceId + " is not registered"));
        fact(occurrenceId, FactType.EVENT_OCCURRED, eventId);
        Fact approval = Fact.of(FactType.RELEASE_APPROVED, eventId, Map.of("occurrence", occurrenceId.hex(),
                "amount", Long.toString(occurrence.fact().tiyn("amount"))), java.time.Instant.ofEpochMilli(occurrence.fact().issuedAtMillis()));
        SignedFact signed = oracle.sign(approval);
        ledger.facts().register(signed);
        return signed;
    }

    /**
     * The oracle's approval of releasing {@code amount} for an occurrence, as a source's hold rules decided it; made of
     * the occurrence and the amount alone (issued when the occurrence was), so approving again gives the same fact.
     */
    public SignedFact approveRelease(String eventId, FactId occurrenceId, long amount) {
        SignedFact occurrence = ledger.facts().find(occurrenceId).orElseThrow(() ->
                new LedgerException(ReasonCode.INVALID_FACT, "fact " + occurrenceId + " is not registered"));
        fact(occurrenceId, FactType.EVENT_OCCURRED, eventId);
        Fact approval = Fact.of(FactType.RELEASE_APPROVED, eventId, Map.of("occurrence", occurrenceId.hex(),
                "amount", Long.toString(amount)), java.time.Instant.ofEpochMilli(occurrence.fact().issuedAtMillis()));
        SignedFact signed = oracle.sign(approval);
        ledger.facts().register(signed);
        return signed;
    }

    /** Releases {@code amount} for an occurrence under the oracle's approval of that amount (idempotent). */
    public CommittedTransaction release(String eventId, FactId occurrenceId, long amount) {
        return release(eventId, occurrenceId, approveRelease(eventId, occurrenceId, amount).id(), null);
    }

    /**
     * Returns everything held for the event to its sender now, because of one occurrence (an application rejected or
     * withdrawn), under the oracle's {@code VOID_APPROVED} for it: one RETURN per 32 held outputs of one class, each
     * built from its inputs alone (the same transaction however often it is asked), until nothing is held. The tiyn
     * returned by this call (0 when another call or node returned them first).
     */
    public long voidHold(String eventId, FactId occurrenceId) {
        SignedFact registered = event(eventId);
        SignedFact occurrence = ledger.facts().find(occurrenceId).orElseThrow(() ->
                new LedgerException(ReasonCode.INVALID_FACT, "fact " + occurrenceId + " is not registered"));
        fact(occurrenceId, FactType.EVENT_OCCURRED, eventId);
        SignedFact approval = oracle.sign(Fact.of(FactType.VOID_APPROVED, eventId, Map.of("occurrence", occurrenceId.hex()),
                java.time.Instant.ofEpochMilli(occurrence.fact().issuedAtMillis())));
        ledger.facts().register(approval);
        AccountNumber sender = registered.fact().account("sender");
        long returned = 0;
        while (true) {
            List<StoredOutput> held = held(eventId);
            if (held.isEmpty()) {
                return returned;
            }
            Map<String, List<StoredOutput>> byClass = new LinkedHashMap<>();
            for (StoredOutput o : held) {
                byClass.computeIfAbsent(String.valueOf(o.output().marking()), k -> new ArrayList<>()).add(o);
            }
            long round = 0;
            for (List<StoredOutput> sameClass : byClass.values()) {
                for (int i = 0; i < sameClass.size(); i += TransactionRules.MAX_INPUTS) {
                    List<StoredOutput> chunk = sameClass.subList(i, Math.min(sameClass.size(), i + TransactionRules.MAX_INPUTS));
                    long total = chunk.stream().mapToLong(o -> o.output().amount()).sum();
                    OutputRef first = chunk.get(0).ref();
                    Transaction tx = new Transaction(TxType.RETURN, "void:" + occurrenceId.hex().substring(0, 16) + ":"
                            + first.txId().hex().substring(0, 16) + ":" + first.index(), chunk.stream().map(StoredOutput::ref).toList(),
                            List.of(new Output(sender, total, chunk.get(0).output().marking(), null)),
                            List.of(registered.id(), occurrenceId, approval.id()));
                    try {
                        ledger.submitAndWait(new SignedTransaction(tx, List.of(oracle.sign(tx))), timeoutMillis);
                        round += total;
                    } catch (LedgerException e) {
                        if (e.reason() != ReasonCode.ALREADY_SPENT && e.reason() != ReasonCode.INPUT_RESERVED) {
                            throw e;
                        }
                        // another call or node returned these first
                    }
                }
            }
            returned += round;
            if (round == 0) {
                return returned;
            }
        }
    }

    /** Releases held money for an occurrence, under the oracle's own approval of it (idempotent). */
    public CommittedTransaction release(String eventId, FactId occurrenceId, List<OutputRef> requested) {
        return release(eventId, occurrenceId, approveRelease(eventId, occurrenceId).id(), requested);
    }

    private CommittedTransaction release(String eventId, FactId occurrenceId, FactId approvalId, List<OutputRef> requested) {
        SignedFact registered = event(eventId);
        Fact event = registered.fact();
        Fact approval = fact(approvalId, FactType.RELEASE_APPROVED, eventId);
        fact(occurrenceId, FactType.EVENT_OCCURRED, eventId);
        if (!approval.text("occurrence").equals(occurrenceId.hex())) {
            throw new LedgerException(ReasonCode.INVALID_FACT, "release approval " + approvalId + " is for occurrence "
                    + approval.text("occurrence") + ", not " + occurrenceId);
        }
        AccountNumber recipient = event.account("recipient");
        String reference = reference(occurrenceId, approvalId);
        Optional<CommittedTransaction> done = committed(recipient, reference, occurrenceId, approvalId);
        if (done.isPresent()) {
            return done.get();
        }
        if (ledger.queries().usage(LimitUse.fact(occurrenceId)).get(LimitUse.Kind.OCCURRENCE_RELEASED) > 0) {
            throw new LedgerException(ReasonCode.LIMIT_EXCEEDED, "occurrence " + occurrenceId + " of event " + eventId
                    + " was already released");
        }
        List<StoredOutput> inputs = inputs(eventId, requested);
        long total = 0;
        for (StoredOutput in : inputs) {
            total = Math.addExact(total, in.output().amount());
        }
        long toRecipient = Math.min(approval.tiyn("amount"), total);
        long rest = total - toRecipient;
        String marking = inputs.get(0).output().marking(); // marks survive a release
        boolean unlimited = "UNLIMITED".equals(event.text("holdType"));
        List<Output> outputs = new ArrayList<>();
        outputs.add(new Output(recipient, toRecipient, marking, null));
        if (rest > 0) {
            outputs.add(new Output(event.account("sender"), rest, marking, unlimited ? Holding.encode(eventId) : null));
        }
        Transaction tx = new Transaction(TxType.RELEASE, reference, inputs.stream().map(StoredOutput::ref).toList(),
                outputs, List.of(registered.id(), occurrenceId, approvalId));
        try {
            return ledger.submitAndWait(new SignedTransaction(tx, List.of(oracle.sign(tx))), timeoutMillis);
        } catch (LedgerException e) {
            if (e.reason() == ReasonCode.ALREADY_SPENT || e.reason() == ReasonCode.LIMIT_EXCEEDED) {
                // a concurrent identical call may have committed it first
                Optional<CommittedTransaction> raced = committed(recipient, reference, occurrenceId, approvalId);
                if (raced.isPresent()) {
                    return raced.get();
                }
            }
            throw e;
        }
    }

    private Fact fact(FactId id, FactType type, String eventId) {
        Fact f = ledger.facts().find(id).map(SignedFact::fact).orElseThrow(() ->
                new LedgerException(ReasonCode.INVALID_FACT, "fact " + id + " is not registered"));
        if (f.type() != type || !f.subject().equals(eventId)) {
            throw new LedgerException(ReasonCode.INVALID_FACT, "fact " + id + " is " + f.type() + " about '" + f.subject()
                    + "', not " + type + " about event " + eventId);
        }
        return f;
    }

    private List<StoredOutput> inputs(String eventId, List<OutputRef> requested) {
        String hold = Holding.encode(eventId);
        if (requested != null && !requested.isEmpty()) {
            if (requested.size() > TransactionRules.MAX_INPUTS) {
                throw new LedgerException(ReasonCode.OVER_LIMIT, "more than " + TransactionRules.MAX_INPUTS + " inputs");
            }
            Map<OutputRef, StoredOutput> found = ledger.queries().loadOutputs(requested);
            List<StoredOutput> inputs = new ArrayList<>();
            for (OutputRef ref : requested) {
                StoredOutput o = found.get(ref);
                if (o == null) {
                    throw new LedgerException(ReasonCode.UNKNOWN_INPUT, "output " + ref + " does not exist");
                }
                if (!hold.equals(o.output().hold())) {
                    throw new LedgerException(ReasonCode.INVALID_STRUCTURE, "output " + ref + " is not held for event " + eventId);
                }
                inputs.add(o);
            }
            return inputs;
        }
        // all held outputs of the event, of the marking class of the oldest one (one release moves one class)
        Map<String, List<StoredOutput>> byMarking = new LinkedHashMap<>();
        for (StoredOutput o : held(eventId)) {
            byMarking.computeIfAbsent(String.valueOf(o.output().marking()), k -> new ArrayList<>()).add(o);
        }
        if (byMarking.isEmpty()) {
            throw new LedgerException(ReasonCode.INVALID_STRUCTURE, "nothing is held for event " + eventId);
        }
        List<StoredOutput> first = byMarking.values().iterator().next();
        return first.subList(0, Math.min(first.size(), TransactionRules.MAX_INPUTS));
    }

    /** A release committed under {@code reference} that names both facts. */
    private Optional<CommittedTransaction> committed(AccountNumber recipient, String reference, FactId occurrence, FactId approval) {
        return ledger.queries().findByReference(TxType.RELEASE, reference).stream()
                .filter(c -> c.signed().tx().facts().containsAll(List.of(occurrence, approval)))
                .findFirst();
    }
}
