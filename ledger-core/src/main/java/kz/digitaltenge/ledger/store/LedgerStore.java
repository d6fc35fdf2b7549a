package kz.digitaltenge.ledger.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.ledger.fact.EvidenceEntry;
import kz.digitaltenge.ledger.fact.EvidenceHead;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.ledger.notary.DurableSpends;
import kz.digitaltenge.ledger.programmable.AddressList;
import kz.digitaltenge.ledger.programmable.LimitUse;
import kz.digitaltenge.ledger.programmable.ProgrammableRecords;
import kz.digitaltenge.ledger.query.AccountMovement;
import kz.digitaltenge.ledger.query.LedgerQueries;
import kz.digitaltenge.ledger.query.Supply;
import kz.digitaltenge.ledger.query.SupplyAudit;
import kz.digitaltenge.ledger.registry.Account;
import kz.digitaltenge.ledger.registry.RegisteredKey;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.tx.TxId;
import kz.digitaltenge.ledger.tx.TxType;
import org.flywaydb.core.Flyway;

/**
 * The PostgreSQL ledger store: the durable authority, one database. Each kind of record has a store of its own
 * over one {@link Jdbc} helper — {@link RegistryRecords}, {@link FactRecords}, {@link AddressListRecords},
 * {@link LimitRecords}, {@link OutputRecords}, {@link TransactionRecords}, {@link BalanceRecords} — and
 * {@link CommitWriter} writes the commits. This class builds them, migrates the schema, and answers the ledger's
 * read side ({@link LedgerQueries}), what programmable money reads ({@link ProgrammableRecords}) and what the notary
 * settles against ({@link DurableSpends}) by handing each question to the store that keeps the records.
 */
public final class LedgerStore implements LedgerQueries, ProgrammableRecords, DurableSpends {
    private final Jdbc jdbc;
    private final RegistryRecords registry;
    private final FactRecords facts;
    private final AddressListRecords addressLists;
    private final LimitRecords limits;
    private final OutputRecords outputs;
    private final TransactionRecords transactions;
    private final BalanceRecords balances;
    private final CommitWriter commits;

    public LedgerStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
        this.registry = new RegistryRecords(jdbc);
        this.facts = new FactRecords(jdbc);
        this.addressLists = new AddressListRecords(jdbc);
        this.limits = new LimitRecords(jdbc);
        this.outputs = new OutputRecords(jdbc);
        this.transactions = new TransactionRecords(jdbc);
        this.balances = new BalanceRecords(jdbc);
        this.commits = new CommitWriter(jdbc, limits, transactions, outputs);
    }

    public DataSource dataSource() {
        return jdbc.dataSource();
    }

    /** Applies the schema migrations (Flyway, history table {@code ledger_schema_history}). */
    public void migrate() {
        Flyway.configure()
                .dataSource(jdbc.dataSource())
                .locations("classpath:db/ledger")
                .table("ledger_schema_history")
                .load()
                .migrate();
    }

    /** What the registry keeps. */
    public RegistryRecords registry() {
        return registry;
    }

    /** What the fact book and the evidence log keep. */
    public FactRecords facts() {
        return facts;
    }

    /** The group commit's writer. */
    public CommitWriter commits() {
        return commits;
    }

    // ------------------------------------------------------------------ balances and statements

    @Override
    public long balance(AccountNumber account) {
        return balances.balance(account);
    }

    @Override
    public long balanceAt(AccountNumber account, Instant at) {
        return balances.balanceAt(account, at);
    }

    @Override
    public List<AccountMovement> movements(AccountNumber account, Instant from, Instant to) {
        return balances.movements(account, from, to);
    }

    @Override
    public List<Account> accountsOf(PartyId owner) {
        return registry.accountsOf(owner);
    }

    @Override
    public List<RegisteredKey> keys() {
        return registry.keys();
    }

    @Override
    public Supply supply() {
        return balances.supply();
    }

    @Override
    public SupplyAudit audit() {
        return balances.audit();
    }

    // ------------------------------------------------------------------ outputs

    @Override
    public List<StoredOutput> unspentOutputs(AccountNumber account, int limit) {
        return outputs.unspentOutputs(account, limit);
    }

    @Override
    public List<StoredOutput> heldOutputs(String eventId, int limit) {
        return outputs.heldOutputs(eventId, limit);
    }

    @Override
    public List<String> expiredHolding(java.time.Instant now, java.time.Instant afterUntil, String afterEvent, int limit) {
        return facts.expiredHolding(now, afterUntil, afterEvent, limit);
    }

    @Override
    public Optional<java.time.Instant> holdEnds(String eventId) {
        return facts.validUntil(eventId);
    }

    @Override
    public List<String> unindexedHolding(int limit) {
        return facts.unindexedHolding(limit);
    }

    @Override
    public List<StoredOutput> heldOutputs(int limit) {
        return outputs.heldOutputs(limit);
    }

    @Override
    public Map<OutputRef, StoredOutput> loadOutputs(Collection<OutputRef> refs) {
        return outputs.loadOutputs(refs);
    }

    @Override
    public Map<OutputRef, TxId> spentBy(Collection<OutputRef> refs) {
        return outputs.spentBy(refs);
    }

    @Override
    public boolean holdsOtherMarked(AccountNumber account, String marking, Collection<OutputRef> except) {
        return outputs.holdsOtherMarked(account, marking, except);
    }

    // ------------------------------------------------------------------ programmable money

    @Override
    public void insertAddressList(AddressList list) {
        addressLists.insertAddressList(list);
    }

    @Override
    public Optional<AddressList> findAddressList(String id) {
        return addressLists.findAddressList(id);
    }

    @Override
    public Map<LimitUse.Kind, Long> usage(String subject) {
        return limits.usage(subject);
    }

    @Override
    public kz.digitaltenge.ledger.programmable.FactWithUsage latestWithUsage(FactType type, String subject, String usageSubject) {
        return facts.latestWithUsage(type, subject, usageSubject);
    }

    // ------------------------------------------------------------------ transactions

    @Override
    public Optional<CommittedTransaction> findTransaction(TxId id) {
        return transactions.findTransaction(id);
    }

    @Override
    public List<CommittedTransaction> findByReference(TxType type, String reference) {
        return transactions.findByReference(type, reference);
    }

    @Override
    public List<TxId> markTransactions(String markingPrefix) {
        return transactions.markTransactions(markingPrefix);
    }

    @Override
    public List<TxId> markTransactions() {
        return transactions.markTransactions();
    }

    // ------------------------------------------------------------------ facts and evidence

    @Override
    public List<SignedFact> factsAbout(FactType type, String subject) {
        return facts.factsAbout(type, subject);
    }

    @Override
    public Optional<SignedFact> findFact(FactId id) {
        return facts.findFact(id);
    }

    @Override
    public EvidenceHead evidenceHead() {
        return facts.evidenceHead();
    }

    @Override
    public void readEvidence(Predicate<EvidenceEntry> visitor) {
        facts.readEvidence(visitor);
    }
}
