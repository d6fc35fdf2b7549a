package kz.digitaltenge.ledger.tx;

import java.time.Instant;
import java.util.Map;
import kz.digitaltenge.canonical.id.AccountNumber;

/**
 * A durably committed transaction with the balances of the accounts it touched right after it (in commit
 * order), which is also the answer a client gets again when it resubmits the same transaction.
 */
public record CommittedTransaction(TxId id, long seq, Instant committedAt, SignedTransaction signed,
                                   Map<AccountNumber, Long> balancesAfter) {
}
