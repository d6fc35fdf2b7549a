package kz.digitaltenge.ledger;

import kz.digitaltenge.canonical.ReasonCode;

import kz.digitaltenge.canonical.LedgerException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kz.digitaltenge.ledger.fact.FactBook;
import kz.digitaltenge.ledger.notary.ReserveOutcome;
import kz.digitaltenge.ledger.notary.SpentSet;
import kz.digitaltenge.ledger.query.LedgerQueries;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.store.GroupCommitter;
import kz.digitaltenge.ledger.store.LedgerStore;
import kz.digitaltenge.ledger.store.PreparedTransaction;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.rules.TransactionRules;
import kz.digitaltenge.ledger.tx.TxId;

/**
 * The ledger: takes a signed transaction and answers with its durable commit or a refusal with a reason.
 *
 * <pre>
 * structure ─▶ load inputs ─▶ signatures, authority, conservation ─▶ notary reserve (all inputs)
 *            ─▶ group commit (PostgreSQL, durable) ─▶ notary finalize ─▶ answer
 *                    └─ any refusal or failure after the reserve ─▶ notary release
 * </pre>
 *
 * Idempotent: the same transaction submitted again (concurrently or later) answers with the original commit.
 */
public final class Ledger implements AutoCloseable {
    /** Outputs created recently are kept here (content only, never spent status) so validation rarely reads. */
    public static final int OUTPUT_CACHE_SIZE = 1 << 20;

    private final LedgerStore store;
    private final Registry registry;
    private final TransactionRules rules;
    private final FactBook facts;
    private final java.time.Clock clock;
    private final SpentSet notary;
    private final GroupCommitter committer;
    private final ExecutorService validators;
    private final Map<TxId, CompletableFuture<CommittedTransaction>> inFlight = new ConcurrentHashMap<>();
    private final Map<OutputRef, Output> recentOutputs = new ConcurrentHashMap<>();

    public Ledger(LedgerStore store, Registry registry, SpentSet notary, int validatorThreads, int commitThreads) {
        this(store, registry, notary, validatorThreads, commitThreads, java.time.Clock.systemUTC());
    }

    /** With the clock that validity and expiry are judged by (tests move it; production uses UTC system time). */
    public Ledger(LedgerStore store, Registry registry, SpentSet notary, int validatorThreads, int commitThreads,
                  java.time.Clock clock) {
        this.store = store;
        this.registry = registry;
        this.facts = new FactBook(store.facts(), registry);
        this.rules = new TransactionRules(registry, facts, store, clock);
        this.clock = clock;
        this.notary = notary;
        this.validators = Executors.newFixedThreadPool(validatorThreads, r -> {
            Thread t = new Thread(r, "ledger-validator");
            t.setDaemon(true);
            return t;
        });
        this.committer = new GroupCommitter(store.commits(), commitThreads, this::settled);
    }

    /** The read side: balances, outputs, limits, statements, facts, transactions, supply and evidence. */
    public LedgerQueries queries() {
        return store;
    }

    public Registry registry() {
        return registry;
    }

    public SpentSet notary() {
        return notary;
    }

    /** Batches of the group commit that fell back to one-by-one commits since start ({@link GroupCommitter#oneByOneFallbacks}). */
    public long oneByOneFallbacks() {
        return committer.oneByOneFallbacks();
    }

    /** Registers an address-list marking programme (content-addressed); returns its id. */
    public String registerAddressList(kz.digitaltenge.ledger.programmable.AddressList list) {
        return kz.digitaltenge.ledger.programmable.AddressListMarking.register(list, registry, store);
    }

    /** The hash-chained evidence log of registered facts. */
    public kz.digitaltenge.ledger.fact.EvidenceLog evidence() {
        return new kz.digitaltenge.ledger.fact.EvidenceLog(store.facts(), registry);
    }

    /** The transaction trees of marked money. */
    public kz.digitaltenge.ledger.programmable.Trace trace() {
        return new kz.digitaltenge.ledger.programmable.Trace(store, registry, facts);
    }

    /** The clock validity and expiry are judged by. */
    public java.time.Clock clock() {
        return clock;
    }

    /** The oracle facts this ledger relies on. */
    public FactBook facts() {
        return facts;
    }

    /** Adds an event registered before the expiry index existed to it (its latest registration). */
    public void indexHoldEnd(kz.digitaltenge.ledger.fact.SignedFact registration) {
        store.facts().indexExpiry(registration);
    }

    /** Submits and waits: the committed transaction, or a {@link LedgerException} with the reason. */
    public CommittedTransaction submitAndWait(SignedTransaction signed, long timeoutMillis) {
        try {
            return submit(signed).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            throw unwrap(e);
        } catch (TimeoutException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "no answer within " + timeoutMillis
                    + " ms; the transaction may still commit: submit it again to learn its outcome");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException(ReasonCode.UNAVAILABLE, "interrupted");
        }
    }

    public CompletableFuture<CommittedTransaction> submit(SignedTransaction signed) {
        TxId id = signed.id();
        CompletableFuture<CommittedTransaction> mine = new CompletableFuture<>();
        CompletableFuture<CommittedTransaction> existing = inFlight.putIfAbsent(id, mine);
        if (existing != null) {
            return existing;
        }
        mine.whenComplete((r, e) -> inFlight.remove(id, mine));
        try {
            rules.checkStructure(signed);
            CompletableFuture.supplyAsync(() -> validate(signed, id), validators)
                    .thenCompose(v -> v.committed != null ? CompletableFuture.completedFuture(v.committed) : reserveAndCommit(v.prepared))
                    .whenComplete((r, e) -> {
                        if (e != null) {
                            mine.completeExceptionally(unwrap(e));
                        } else {
                            mine.complete(r);
                        }
                    });
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
        }
        return mine;
    }

    private record Validated(PreparedTransaction prepared, CommittedTransaction committed) {
    }

    private Validated validate(SignedTransaction signed, TxId id) {
        List<OutputRef> inputs = signed.tx().inputs();
        Map<OutputRef, StoredOutput> stored = new HashMap<>();
        List<OutputRef> missing = new ArrayList<>();
        for (OutputRef ref : inputs) {
            Output cached = recentOutputs.get(ref);
            if (cached != null) {
                stored.put(ref, new StoredOutput(ref, cached, null));
            } else {
                missing.add(ref);
            }
        }
        if (!missing.isEmpty()) {
            stored.putAll(store.loadOutputs(missing));
        }
        boolean resubmitted = inputs.isEmpty()
                || stored.values().stream().anyMatch(s -> id.equals(s.spentBy()));
        if (resubmitted) {
            var done = store.findTransaction(id);
            if (done.isPresent()) {
                return new Validated(null, done.get());
            }
        }
        TransactionRules.Effect effect = rules.checkAgainstInputs(signed, id, stored);
        List<StoredOutput> ordered = new ArrayList<>(inputs.size());
        for (OutputRef ref : inputs) {
            ordered.add(stored.get(ref));
        }
        return new Validated(new PreparedTransaction(id, signed, ordered, effect.issued(), effect.redeemed(), effect.limits()), null);
    }

    private CompletableFuture<CommittedTransaction> reserveAndCommit(PreparedTransaction p) {
        List<OutputRef> inputs = p.signed().tx().inputs();
        return notary.reserve(p.id(), inputs).thenCompose(outcome -> {
            if (outcome.kind() == ReserveOutcome.Kind.CONFLICT) {
                throw outcome.spent()
                        ? new LedgerException(ReasonCode.ALREADY_SPENT, "input " + outcome.input() + " was already spent by " + outcome.holder())
                        : new LedgerException(ReasonCode.INPUT_RESERVED, "input " + outcome.input()
                        + " is reserved by transaction " + outcome.holder() + " in flight; retry when it settles");
            }
            if (outcome.kind() == ReserveOutcome.Kind.ALREADY_FINAL) {
                return CompletableFuture.supplyAsync(() -> store.findTransaction(p.id()).orElseThrow(() ->
                        new LedgerException(ReasonCode.UNAVAILABLE, "notary says " + p.id() + " is final but the store has not got it yet")), validators);
            }
            return committer.commit(p);
        });
    }

    /** Runs on the commit thread after each batch: notary bookkeeping and the output cache. */
    private void settled(List<PreparedTransaction> committed, List<PreparedTransaction> failed) {
        for (PreparedTransaction p : committed) {
            List<OutputRef> inputs = p.signed().tx().inputs();
            notary.finalizeSpent(p.id(), inputs);
            inputs.forEach(recentOutputs::remove);
            List<Output> outs = p.signed().tx().outputs();
            if (recentOutputs.size() < OUTPUT_CACHE_SIZE) {
                for (int i = 0; i < outs.size(); i++) {
                    recentOutputs.put(new OutputRef(p.id(), i), outs.get(i));
                }
            }
        }
        for (PreparedTransaction p : failed) {
            notary.release(p.id(), p.signed().tx().inputs());
        }
    }

    /** Balances of the accounts a committed transaction touched, as tenge strings, in account order. */
    public static Map<String, String> balancesAsTenge(CommittedTransaction c) {
        Map<String, String> m = new LinkedHashMap<>();
        c.balancesAfter().forEach((k, v) -> m.put(k.value(), kz.digitaltenge.canonical.money.Tiyn.format(v)));
        return m;
    }

    static LedgerException unwrap(Throwable e) {
        Throwable c = e;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        // an unexpected exception's text may be the database's or the driver's: it never reaches a client
        return c instanceof LedgerException le ? le
                : new LedgerException(ReasonCode.UNAVAILABLE, "the ledger could not process the transaction; send again", c);
    }

    @Override
    public void close() {
        committer.close();
        validators.shutdownNow();
    }
}
