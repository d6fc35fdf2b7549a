package kz.digitaltenge.ledger.programmable;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.TxId;

/**
 * What the rules of programmable money and its trace read from the store, and the address lists they keep. Owned
 * here and implemented by the store, so programmable money never depends on the database code.
 */
public interface ProgrammableRecords {
    /** Stores an address list under its content id (the same list again is no change). */
    void insertAddressList(AddressList list);

    Optional<AddressList> findAddressList(String id);

    /** How much of each limit of a subject ({@code CONTRACT:<n>}, {@code INVOICE:<r>}) has been used. */
    Map<LimitUse.Kind, Long> usage(String subject);

    /**
     * The latest fact of {@code type} about {@code subject} and the usage of {@code usageSubject}'s limits, from one
     * snapshot in one read (see {@link FactWithUsage}).
     */
    FactWithUsage latestWithUsage(kz.digitaltenge.ledger.fact.FactType type, String subject, String usageSubject);

    /** Whether the account holds unspent outputs with this marking other than {@code except}. */
    boolean holdsOtherMarked(AccountNumber account, String marking, Collection<OutputRef> except);

    /** Ids of committed MARK transactions with an output whose marking starts with {@code markingPrefix}, in commit order. */
    List<TxId> markTransactions(String markingPrefix);

    /** Ids of all committed MARK transactions, in commit order. */
    List<TxId> markTransactions();

    Optional<CommittedTransaction> findTransaction(TxId id);

    /** Who spent each of {@code refs}; unspent ones are absent. */
    Map<OutputRef, TxId> spentBy(Collection<OutputRef> refs);
}
