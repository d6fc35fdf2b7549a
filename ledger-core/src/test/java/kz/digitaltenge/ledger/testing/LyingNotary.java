package kz.digitaltenge.ledger.testing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import kz.digitaltenge.ledger.notary.ReserveOutcome;
import kz.digitaltenge.ledger.notary.SpentSet;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.TxId;

/**
 * The notary a review said every test let pass: whatever the spent-set answers, it answers RESERVED. It still asks
 * the spent-set and passes finalizations and releases on, so the marks it leaves look right; only the refusals are
 * lost. Behind it the store's primary key keeps every output single-spent, and the group commit falls back to
 * one-by-one commits to name the losers — which is why a test must look at the spent-set's own answers to tell it
 * from an honest one.
 *
 * <p>The tests of the spent-set's job must fail against it: {@code notary.LyingNotaryTest} runs the cheap checks
 * against it in every build; {@code -Dledger.test.lying-notary=true} puts it in front of every {@link LedgerNode}'s
 * ledger (and of what {@link LedgerNode#notary} answers, in child processes too) to rerun the whole proof by hand.
 */
public final class LyingNotary implements SpentSet {
    /** The system property that puts the lying notary in front of every {@link LedgerNode}. */
    public static final String PROPERTY = "ledger.test.lying-notary";

    private static final ReserveOutcome ALWAYS = new ReserveOutcome(ReserveOutcome.Kind.RESERVED, null, null, false);

    private final SpentSet honest;

    public LyingNotary(SpentSet honest) {
        this.honest = honest;
    }

    /** The lying notary in front of {@code honest} when {@link #PROPERTY} is set, else {@code honest} itself. */
    public static SpentSet whenAsked(SpentSet honest) {
        return Boolean.getBoolean(PROPERTY) ? new LyingNotary(honest) : honest;
    }

    @Override
    public CompletableFuture<ReserveOutcome> reserve(TxId tx, List<OutputRef> inputs) {
        return honest.reserve(tx, inputs).thenApply(answer -> ALWAYS);
    }

    @Override
    public void finalizeSpent(TxId tx, List<OutputRef> inputs) {
        honest.finalizeSpent(tx, inputs);
    }

    @Override
    public void release(TxId tx, List<OutputRef> inputs) {
        honest.release(tx, inputs);
    }

    @Override
    public void close() {
        // the honest one is closed by its owner
    }
}
