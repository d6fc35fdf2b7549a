package kz.digitaltenge.ledger.query;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.ledger.fact.EvidenceEntry;
import kz.digitaltenge.ledger.fact.EvidenceHead;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.ledger.programmable.AddressList;
import kz.digitaltenge.ledger.programmable.LimitUse;
import kz.digitaltenge.ledger.registry.Account;
import kz.digitaltenge.ledger.registry.RegisteredKey;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.tx.TxId;
import kz.digitaltenge.ledger.tx.TxType;

/**
 * What the ledger answers about its committed state — the read side the hub and the bench use. They read through
 * this, never the store, so the store can change how it keeps things without touching them. Reads the durable
 * store: a transaction is visible here once its commit answered.
 */
public interface LedgerQueries {
    /** The maintained balance of an account (0 when it never received money). */
    long balance(AccountNumber account);

    /** The balance of {@code account} just before {@code at}: its outputs committed before then and not spent before then. */
    long balanceAt(AccountNumber account, Instant at);

    /** The transactions that touched {@code account} and were committed in {@code [from, to)}, in commit order. */
    List<AccountMovement> movements(AccountNumber account, Instant from, Instant to);

    /** The accounts a party owns, oldest first. */
    List<Account> accountsOf(PartyId owner);

    /** Every registered key, read from the store (also those registered on another hub instance). */
    List<RegisteredKey> keys();

    /** Unspent outputs of an account, at most {@code limit}, in output-id order. */
    List<StoredOutput> unspentOutputs(AccountNumber account, int limit);

    /** Unspent outputs held for one event, oldest transactions first, at most {@code limit}. */
    List<StoredOutput> heldOutputs(String eventId, int limit);

    /** Unspent held outputs (any event), oldest transactions first, at most {@code limit}. */
    List<StoredOutput> heldOutputs(int limit);

    /**
     * Events whose hold ended before {@code now} and that still hold money, by the end of their hold (an index range),
     * after the cursor ({@code afterUntil}, {@code afterEvent}; null for the first page), at most {@code limit}.
     */
    List<String> expiredHolding(java.time.Instant now, java.time.Instant afterUntil, String afterEvent, int limit);

    /** When the event's hold ends, as the expiry index has it. */
    Optional<java.time.Instant> holdEnds(String eventId);

    /** Events that hold money but are not in the expiry index (registered before it existed), at most {@code limit}. */
    List<String> unindexedHolding(int limit);

    /** The stored outputs among {@code refs}, with who spent them; refs the ledger never created are absent. */
    Map<OutputRef, StoredOutput> loadOutputs(Collection<OutputRef> refs);

    /** How much of each limit of a subject ({@code CONTRACT:<n>}, {@code INVOICE:<r>}, …) has been used. */
    Map<LimitUse.Kind, Long> usage(String subject);

    /**
     * The latest fact of {@code type} about {@code subject} and the usage of {@code usageSubject}'s limits, from one
     * snapshot in one read: what a payment's check needs of an invoice or a contract.
     */
    kz.digitaltenge.ledger.programmable.FactWithUsage latestWithUsage(FactType type, String subject, String usageSubject);

    Optional<AddressList> findAddressList(String id);

    /** Every fact of a type about a subject, oldest first (an invoice's states, an event's occurrences). */
    List<SignedFact> factsAbout(FactType type, String subject);

    Optional<SignedFact> findFact(FactId id);

    Optional<CommittedTransaction> findTransaction(TxId id);

    /** Committed transactions of a type with the given client reference, in commit order. */
    List<CommittedTransaction> findByReference(TxType type, String reference);

    Supply supply();

    /** Recomputes supply three independent ways; see {@link SupplyAudit#consistent()}. */
    SupplyAudit audit();

    /** The head of the evidence log (what a checkpoint signs). */
    EvidenceHead evidenceHead();

    /** Streams the evidence log in chain order to {@code visitor}, from one snapshot; stops early when it returns false. */
    void readEvidence(Predicate<EvidenceEntry> visitor);
}
