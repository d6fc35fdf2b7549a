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
 * Returns what is still held for expired events: reads the held outputs from the store, and for each event past
 * its {@code validUntil} submits an oracle-signed RETURN (to the sender, or held under {@code carryOverTo}).
 *
 * <p>Restart-safe: it keeps no state of its own, every run starts from what the store says is held. Safe to run
 * on every hub at once: a RETURN is built deterministically from the event and its inputs (same reference, same
 * inputs, same outputs — the same transaction id), so two nodes submitting it commit it once, and an output is
 * spent once anyway.
 */
public final class HoldExpiry {
    /** Held outputs looked at per run. */
    public static final int SCAN_LIMIT = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(HoldExpiry.class);

    private final Ledger ledger;
    private final Function<Transaction, TxSignature> oracleSignature;

    public HoldExpiry(Ledger ledger, Function<Transaction, TxSignature> oracleSignature) {
        this.ledger = ledger;
        this.oracleSignature = oracleSignature;
    }

    /** One pass; returns how many RETURN transactions committed. */
    public int runOnce() {
        Map<String, List<StoredOutput>> byEvent = new LinkedHashMap<>();
        for (StoredOutput held : ledger.queries().heldOutputs(SCAN_LIMIT)) {
            byEvent.computeIfAbsent(Holding.eventOf(held.output().hold()), e -> new ArrayList<>()).add(held);
        }
        int committed = 0;
        for (Map.Entry<String, List<StoredOutput>> e : byEvent.entrySet()) {
            Optional<SignedFact> registered = ledger.facts().latest(FactType.EVENT_REGISTERED, e.getKey());
            if (registered.isEmpty() || !ledger.clock().instant().isAfter(registered.get().fact().instant("validUntil"))) {
                continue;
            }
            Map<String, List<StoredOutput>> byClass = new LinkedHashMap<>();
            for (StoredOutput o : e.getValue()) {
                byClass.computeIfAbsent(TxContext.marking(o).classKey(), k -> new ArrayList<>()).add(o);
            }
            for (List<StoredOutput> sameClass : byClass.values()) {
                for (int i = 0; i < sameClass.size(); i += TransactionRules.MAX_INPUTS) {
                    List<StoredOutput> chunk = sameClass.subList(i, Math.min(sameClass.size(), i + TransactionRules.MAX_INPUTS));
                    if (submitReturn(registered.get(), chunk)) {
                        committed++;
                    }
                }
            }
        }
        return committed;
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
