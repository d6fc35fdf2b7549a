package kz.digitaltenge.ledger.query;

import java.time.Instant;
import java.util.List;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.tx.TxId;
import kz.digitaltenge.ledger.tx.TxType;

/**
 * What one committed transaction did to one account: {@code debit} is what it took from the account (its outputs
 * spent), {@code credit} what it gave (new outputs, change included); a statement shows the difference. The
 * counterparties are the other accounts among the transaction's payers (for money in) or payees (for money out).
 */
public record AccountMovement(TxId txId, long seq, Instant committedAt, TxType type, String reference, long debit, long credit,
                              List<AccountNumber> payers, List<AccountNumber> payees) {
    /** The movement's effect on the balance: positive for money in. */
    public long net() {
        return credit - debit;
    }
}
