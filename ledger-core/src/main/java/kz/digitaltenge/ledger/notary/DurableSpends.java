package kz.digitaltenge.ledger.notary;

import java.util.Collection;
import java.util.Map;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.TxId;

/**
 * The durable authority the notary consults when its in-memory state cannot be trusted (a reservation left
 * by a crashed member, a lease that ran out): which of these outputs are spent in the store, and by whom.
 * Only output ids cross this boundary, never transaction content.
 */
public interface DurableSpends {
    Map<OutputRef, TxId> spentBy(Collection<OutputRef> refs);
}
