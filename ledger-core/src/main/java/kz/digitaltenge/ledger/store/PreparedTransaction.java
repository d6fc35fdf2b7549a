package kz.digitaltenge.ledger.store;

import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.programmable.LimitUse;
import java.util.List;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.TxId;

/**
 * A transaction that passed validation and holds notary reservations on all its inputs: what the group
 * committer writes. {@code inputs} are the stored outputs it spends, in input order.
 */
public record PreparedTransaction(TxId id, SignedTransaction signed, List<StoredOutput> inputs, long issued, long redeemed,
                                  List<LimitUse> limits) {
    public PreparedTransaction {
        limits = List.copyOf(limits == null ? List.of() : limits);
    }

    /** A transaction that uses no tracked limit (standard money). */
    public PreparedTransaction(TxId id, SignedTransaction signed, List<StoredOutput> inputs, long issued, long redeemed) {
        this(id, signed, inputs, issued, redeemed, List.of());
    }
}
