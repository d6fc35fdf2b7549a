package kz.digitaltenge.ledger;

import kz.digitaltenge.ledger.programmable.TxContext;
import kz.digitaltenge.ledger.programmable.Holding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.rules.TransactionRules;
import kz.digitaltenge.ledger.tx.TxSignature;
import kz.digitaltenge.ledger.tx.TxType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Returns what is still held for expired events: finds the events whose hold ended by an index on the end of each
 * event's hold ({@code event_expiry}), page by page in order of their end, however many outputs are held for events
 * still running, and for each submits oracle-signed RETURNs (to the sender, or held under {@code carryOverTo}) until
 * nothing is held for it. (It used to look at the 1,000 oldest held outputs only, expired or not: behind 1,000
 * outputs of live events a newer expired hold was never returned.)
 *
 * <p>Restart-safe: it keeps no state of its own, every run starts from what the store says is held. Safe to run
 * on every hub at once: a RETURN is built deterministically from the event and its inputs (same reference, same
 * inputs, same outputs — the same transaction id), so two nodes submitting it commit it once, and an output is
 * spent once anyway.
 */
public final class HoldExpiry {
    /** Held outputs of one event read at a time (and the most an event-by-event listing returns). */
    public static final int SCAN_LIMIT = 1000;
    /** Expired events read per page of the index. */
    static final int EVENTS_PER_PAGE = 200;
    private static final Logger LOG = LoggerFactory.getLogger(HoldExpiry.class);

    private final Ledger ledger;
    private final Function<Transaction, TxSignature> oracleSignature;

    public HoldExpiry(Ledger ledger, Function<Transaction, TxSignature> oracleSignature) {
        this.ledger = ledger;
        this.oracleSignature = oracleSignature;
    }

    /**
     * One pass; returns how many RETURN transactions it saw committed (one another node committed first, identical to
     * the one this pass built, is answered as committed and counts here too).
     */
    public int runOnce() {
        backfill();
        java.time.Instant now = ledger.clock().instant();
        int committed = 0;
        java.time.Instant afterUntil = null;
        String afterEvent = null;
        while (true) {
            List<String> page = ledger.queries().expiredHolding(now, afterUntil, afterEvent, EVENTS_PER_PAGE);
            for (String eventId : page) {
                committed += returnAll(eventId, now);
            }
            if (page.size() < EVENTS_PER_PAGE) {
                return committed;
            }
            afterEvent = page.get(page.size() - 1);
            afterUntil = ledger.queries().holdEnds(afterEvent).orElseThrow();
        }
    }

    /** Events that hold money but were registered before the index existed are added to it first. */
    private void backfill() {
        List<String> missing;
        do {
            missing = ledger.queries().unindexedHolding(EVENTS_PER_PAGE);
            int added = 0;
            for (String eventId : missing) {
                Optional<SignedFact> registered = ledger.facts().latest(FactType.EVENT_REGISTERED, eventId);
                if (registered.isPresent()) {
                    ledger.indexHoldEnd(registered.get());
                    added++;
                }
            }
            if (added == 0) {
                return; // held for an event that was never registered: nothing can return it, nothing to index
            }
        } while (missing.size() == EVENTS_PER_PAGE);
    }

    /** Returns everything still held for an expired event, page by page; how many RETURNs committed. */
    private int returnAll(String eventId, java.time.Instant now) {
        Optional<SignedFact> registered = ledger.facts().latest(FactType.EVENT_REGISTERED, eventId);
        if (registered.isEmpty() || !now.isAfter(registered.get().fact().instant("validUntil"))) {
            return 0; // renewed with a later end since the index was read
        }
        int committed = 0;
        while (true) {
            List<StoredOutput> held = ledger.queries().heldOutputs(eventId, SCAN_LIMIT);
            if (held.isEmpty()) {
                return committed;
            }
            Map<String, List<StoredOutput>> byClass = new LinkedHashMap<>();
            for (StoredOutput o : held) {
                byClass.computeIfAbsent(TxContext.marking(o).classKey(), k -> new ArrayList<>()).add(o);
            }
            int round = 0;
            for (List<StoredOutput> sameClass : byClass.values()) {
                for (int i = 0; i < sameClass.size(); i += TransactionRules.MAX_INPUTS) {
                    List<StoredOutput> chunk = sameClass.subList(i, Math.min(sameClass.size(), i + TransactionRules.MAX_INPUTS));
                    if (submitReturn(registered.get(), chunk)) {
                        round++;
                    }
                }
            }
            committed += round;
            if (round == 0) {
                return committed; // nothing could be returned now (another node is at it, a carry-over is missing)
            }
        }
    }

    private boolean submitReturn(SignedFact registered, List<StoredOutput> held) {
        Fact event = registered.fact();
        AccountNumber sender = event.account("sender");
        String carryOver = event.optional("carryOverTo");
        List<FactId> facts = new ArrayList<>(List.of(registered.id()));
        if (carryOver != null) {
            Optional<SignedFact> next = ledger.facts().latest(FactType.EVENT_REGISTERED, carryOver);
            if (next.isEmpty()) {
                LOG.warn("event {} carries over to {}, which is not registered; its held money stays held", event.subject(), carryOver);
                return false;
            }
            facts.add(next.get().id());
        }
        long total = held.stream().mapToLong(o -> o.output().amount()).sum();
        String marking = held.get(0).output().marking();
        List<OutputRef> inputs = held.stream().map(StoredOutput::ref).toList();
        Output back = new Output(sender, total, marking, carryOver == null ? null : Holding.encode(carryOver));
        String reference = "expiry:" + inputs.get(0).txId().hex().substring(0, 16) + ":" + inputs.get(0).index();
        Transaction tx = new Transaction(TxType.RETURN, reference, inputs, List.of(back), facts);
        try {
            ledger.submitAndWait(new SignedTransaction(tx, List.of(oracleSignature.apply(tx))), 30_000);
            LOG.info("returned {} tiyn held for expired event {} to {}", total, event.subject(),
                    carryOver == null ? sender : "event " + carryOver);
            return true;
        } catch (LedgerException ex) {
            if (ex.reason() == ReasonCode.ALREADY_SPENT || ex.reason() == ReasonCode.INPUT_RESERVED) {
                return false; // another node or a release got there first
            }
            LOG.warn("could not return money held for event {}: {} {}", event.subject(), ex.reason(), ex.getMessage());
            return false;
        }
    }
}
