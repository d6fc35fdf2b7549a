package kz.digitaltenge.ledger.notary;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.TxId;

/**
 * The notary: knows output ids and which transaction holds them, nothing else. Protocol per transaction:
 * {@link #reserve} all inputs (all or none) → durable commit in the store → {@link #finalizeSpent}; or
 * {@link #release} when the transaction is refused or the commit fails.
 */
public interface SpentSet extends AutoCloseable {
    CompletableFuture<ReserveOutcome> reserve(TxId tx, List<OutputRef> inputs);

    void finalizeSpent(TxId tx, List<OutputRef> inputs);

    void release(TxId tx, List<OutputRef> inputs);

    @Override
    void close();
}
