package kz.digitaltenge.ledger.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.ledger.fact.EvidenceEntry;
import kz.digitaltenge.ledger.fact.EvidenceHead;
import kz.digitaltenge.ledger.fact.EvidenceLog;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactStore;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.Bic;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.ledger.notary.DurableSpends;
import kz.digitaltenge.ledger.programmable.AddressList;
import kz.digitaltenge.ledger.programmable.LimitUse;
import kz.digitaltenge.ledger.programmable.ProgrammableRecords;
import kz.digitaltenge.ledger.query.AccountMovement;
import kz.digitaltenge.ledger.query.Supply;
import kz.digitaltenge.ledger.query.SupplyAudit;
import kz.digitaltenge.ledger.registry.Account;
import kz.digitaltenge.ledger.registry.AccountKind;
import kz.digitaltenge.ledger.registry.Participant;
import kz.digitaltenge.ledger.registry.RegisteredKey;
import kz.digitaltenge.ledger.registry.RegistryStore;
import kz.digitaltenge.ledger.registry.Role;
import kz.digitaltenge.ledger.tx.CanonicalDecoder;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxId;
import kz.digitaltenge.ledger.tx.TxSignature;
import kz.digitaltenge.ledger.tx.TxType;
import org.flywaydb.core.Flyway;

/**
 * The PostgreSQL ledger store: the durable authority. A transaction is committed when, and only when, the
 * database transaction that wrote it committed; with {@code synchronous_commit=on} that means it is on disk.
 *
 * <p>{@link #commitBatch} writes a whole group of transactions in one database transaction (group commit).
 * Its first statement inserts every spent marker; the primary key on {@code spent_outputs} refuses a second
 * spend of an output whatever the notary's in-memory state was, and the batch then reports
 * {@link BatchOutcome#conflict()} so that the caller can retry one by one and name the loser.
 */
public final class LedgerStore implements RegistryStore, FactStore, ProgrammableRecords, DurableSpends {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often {@link #commitOne} retries a conflict that no committed spender explains. */
    public static final int MAX_COMMIT_ATTEMPTS = 5;
    private final DataSource dataSource;

    public LedgerStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Applies the schema migrations (Flyway, history table {@code ledger_schema_history}). */
    public void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/ledger")
                .table("ledger_schema_history")
                .load()
                .migrate();
    }

    // ------------------------------------------------------------------ registry

    public void insertParticipant(Participant p) {
        String roles = String.join(",", p.roles().stream().map(Enum::name).sorted().toList());
        update("insert into participants(party_id, name, roles, bic) values (?,?,?,?)",
                "participant " + p.partyId() + " (or its BIC) is already registered",
                p.partyId().value(), p.name(), roles, p.bic() == null ? null : p.bic().value());
    }

    /**
     * Registers a key. A key id already registered is refused (CONFLICT), whatever its content — the identical key
     * too, as always. So is a public key already registered to another participant: either holder could then sign as
     * the other. The second check is part of the insert itself; two registrations of one key for two holders at the
     * same instant could still both pass it (read committed), which a unique index on public_key would close — but it
     * would also stop the migration of a database that already holds such a pair, so that is left to an operator.
     */
    public void insertKey(RegisteredKey key) {
        int inserted = update("insert into participant_keys(key_id, party_id, algorithm, public_key) select ?::varchar, ?::char(12), ?::varchar, ?::bytea "
                        + "where not exists (select 1 from participant_keys where public_key = ? and party_id <> ?)",
                "key id '" + key.keyId() + "' is already registered",
                key.keyId(), key.holder().value(), key.algorithm().name(), key.publicKey(), key.publicKey(), key.holder().value());
        if (inserted == 0) {
            throw new LedgerException(ReasonCode.CONFLICT, "this public key is already registered to another participant;"
                    + " each participant signs with keys of its own");
        }
    }

    public void insertAccount(Account a) {
        update("insert into accounts(number, owner, kind, servicer) values (?,?,?,?)",
                "account " + a.number() + " is already registered",
                a.number().value(), a.owner().value(), a.kind().name(), a.servicer().value());
    }

    public void insertDelegation(AccountNumber account, PartyId delegate) {
        update("insert into delegations(account, delegate) values (?,?) on conflict do nothing", null,
                account.value(), delegate.value());
    }

    public List<Participant> participants() {
        return participants("", new Object[0]);
    }

    private List<Participant> participants(String where, Object... args) {
        return query("select party_id, name, roles, bic from participants " + where, rs -> {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String r : rs.getString(3).split(",")) {
                if (!r.isBlank()) {
                    roles.add(Role.valueOf(r));
                }
            }
            String bic = rs.getString(4);
            return new Participant(new PartyId(rs.getString(1)), rs.getString(2), roles, bic == null ? null : new Bic(bic));
        }, args);
    }

    public List<RegisteredKey> keys() {
        return query("select key_id, party_id, algorithm, public_key from participant_keys", rs ->
                new RegisteredKey(rs.getString(1), new PartyId(rs.getString(2)),
                        SignatureAlgorithm.valueOf(rs.getString(3)), rs.getBytes(4)));
    }

    public List<Account> accounts() {
        return query("select number, owner, kind, servicer from accounts", this::readAccount);
    }

    /** The accounts a party owns, oldest first (indexed by owner). */
    public List<Account> accountsOf(PartyId owner) {
        return query("select number, owner, kind, servicer from accounts where owner = ? order by created_at, number", this::readAccount,
                owner.value());
    }

    private Account readAccount(ResultSet rs) throws SQLException {
        return new Account(new AccountNumber(rs.getString(1)), new PartyId(rs.getString(2)),
                AccountKind.valueOf(rs.getString(3)), new Bic(rs.getString(4).trim()));
    }

    public List<Map.Entry<AccountNumber, PartyId>> delegations() {
        return query("select account, delegate from delegations", rs ->
                Map.entry(new AccountNumber(rs.getString(1)), new PartyId(rs.getString(2))));
    }

    public Optional<Participant> findParticipant(PartyId id) {
        return participants("where party_id = ?", id.value()).stream().findFirst();
    }

    public Optional<RegisteredKey> findKey(String keyId) {
        return query("select key_id, party_id, algorithm, public_key from participant_keys where key_id = ?", rs ->
                new RegisteredKey(rs.getString(1), new PartyId(rs.getString(2)),
                        SignatureAlgorithm.valueOf(rs.getString(3)), rs.getBytes(4)), keyId).stream().findFirst();
    }

    public Optional<Account> findAccount(AccountNumber number) {
        return query("select number, owner, kind, servicer from accounts where number = ?", this::readAccount, number.value())
                .stream().findFirst();
    }

    public boolean delegationExists(AccountNumber account, PartyId delegate) {
        return !query("select 1 from delegations where account = ? and delegate = ?", rs -> 1, account.value(), delegate.value()).isEmpty();
    }

    // ------------------------------------------------------------------ facts

    /**
     * Stores a fact and appends it to the evidence log in the same database transaction (a fact already stored
     * is left as it is). Appends lock the chain head, so the chain is one sequence across all hub nodes.
     */
    public void insertFact(SignedFact f) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean inserted;
                java.sql.Timestamp issuedAt = new Timestamp(f.fact().issuedAtMillis());
                try (PreparedStatement ps = c.prepareStatement("insert into facts(id, type, subject, body, key_id, signature, issued_at)"
                        + " values (?,?,?,?,?,?,?) on conflict (id) do nothing")) {
                    ps.setBytes(1, f.id().bytes());
                    ps.setString(2, f.fact().type().name());
                    ps.setString(3, f.fact().subject());
                    ps.setBytes(4, f.fact().canonicalBytes());
                    ps.setString(5, f.keyId());
                    ps.setBytes(6, f.signature());
                    ps.setTimestamp(7, issuedAt);
                    inserted = ps.executeUpdate() == 1;
                }
                if (inserted) {
                    long seq;
                    byte[] prev;
                    try (PreparedStatement ps = c.prepareStatement("select seq, hash from evidence_head where id = 1 for update");
                         ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        seq = rs.getLong(1) + 1;
                        prev = rs.getBytes(2);
                    }
                    long loggedAt = System.currentTimeMillis();
                    byte[] hash = EvidenceLog.entryHash(seq, prev, f, loggedAt);
                    try (PreparedStatement ps = c.prepareStatement(
                            "insert into evidence_log(seq, fact_id, prev_hash, entry_hash, logged_at) values (?,?,?,?,?)")) {
                        ps.setLong(1, seq);
                        ps.setBytes(2, f.id().bytes());
                        ps.setBytes(3, prev);
                        ps.setBytes(4, hash);
                        ps.setTimestamp(5, new Timestamp(loggedAt));
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement("update evidence_head set seq = ?, hash = ? where id = 1")) {
                        ps.setLong(1, seq);
                        ps.setBytes(2, hash);
                        ps.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                safeRollback(c);
                throw e;
            }
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState())) {
                throw new LedgerException(ReasonCode.NOT_FOUND, "the fact's key is not registered");
            }
            throw unavailable(e);
        }
    }

    public EvidenceHead evidenceHead() {
        return query("select seq, hash from evidence_head where id = 1", rs -> new EvidenceHead(rs.getLong(1), rs.getBytes(2)))
                .get(0);
    }

    /** Streams the evidence log in chain order to {@code visitor}; stops early when it returns false. */
    public void readEvidence(java.util.function.Predicate<EvidenceEntry> visitor) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (PreparedStatement ps = c.prepareStatement("select e.seq, e.prev_hash, e.entry_hash, e.logged_at, f.body, f.key_id,"
                    + " f.signature, f.id from evidence_log e left join facts f on f.id = e.fact_id order by e.seq")) {
                ps.setFetchSize(500);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        SignedFact fact = null;
                        if (rs.getBytes(5) != null) {
                            try {
                                fact = new SignedFact(Fact.decode(rs.getBytes(5)), rs.getString(6), rs.getBytes(7));
                            } catch (LedgerException malformed) {
                                fact = null;
                            }
                        }
                        if (!visitor.test(new EvidenceEntry(rs.getLong(1), rs.getBytes(2), rs.getBytes(3),
                                rs.getTimestamp(4).getTime(), fact, rs.getBytes(8)))) {
                            break;
                        }
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    public Optional<SignedFact> findFact(FactId id) {
        return query("select body, key_id, signature from facts where id = ?", this::readFact, (Object) id.bytes())
                .stream().findFirst();
    }

    /** Every fact of a type about a subject, oldest first (an invoice's states, an event's occurrences). */
    public List<SignedFact> factsAbout(FactType type, String subject) {
        return query("select body, key_id, signature from facts where type = ? and subject = ?"
                + " order by issued_at, registered_at", this::readFact, type.name(), subject);
    }

    public Optional<SignedFact> latestFact(FactType type, String subject) {
        return query("select body, key_id, signature from facts where type = ? and subject = ?"
                + " order by issued_at desc, registered_at desc limit 1", this::readFact, type.name(), subject).stream().findFirst();
    }

    private SignedFact readFact(ResultSet rs) throws SQLException {
        return new SignedFact(Fact.decode(rs.getBytes(1)), rs.getString(2), rs.getBytes(3));
    }

    // ------------------------------------------------------------------ programmable money

    public void insertAddressList(AddressList list) {
        List<List<String>> levels = new ArrayList<>();
        for (Set<AccountNumber> level : list.levels()) {
            levels.add(level.stream().map(AccountNumber::value).sorted().toList());
        }
        try {
            update("insert into address_lists(id, initiator, recipient, levels) values (?,?,?,?) on conflict (id) do nothing", null,
                    list.id(), list.initiator().value(), list.recipient().value(), JSON.writeValueAsString(levels));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<AddressList> findAddressList(String id) {
        return query("select initiator, recipient, levels from address_lists where id = ?", rs -> {
            try {
                List<List<String>> raw = JSON.readValue(rs.getString(3), new TypeReference<List<List<String>>>() { });
                List<Set<AccountNumber>> levels = new ArrayList<>();
                for (List<String> level : raw) {
                    Set<AccountNumber> accounts = new java.util.LinkedHashSet<>();
                    level.forEach(a -> accounts.add(new AccountNumber(a)));
                    levels.add(accounts);
                }
                return new AddressList(new PartyId(rs.getString(1)), new AccountNumber(rs.getString(2)), levels);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("stored address list " + id + " is not JSON", e);
            }
        }, id).stream().findFirst();
    }

    /** How much of each limit of a subject ({@code CONTRACT:<n>}, {@code INVOICE:<r>}) has been used. */
    public Map<LimitUse.Kind, Long> usage(String subject) {
        Map<LimitUse.Kind, Long> used = new java.util.EnumMap<>(LimitUse.Kind.class);
        for (LimitUse.Kind k : LimitUse.Kind.values()) {
            used.put(k, 0L);
        }
        query("select kind, used from limit_usage where subject = ?", rs -> {
            used.put(LimitUse.Kind.valueOf(rs.getString(1)), rs.getLong(2));
            return null;
        }, subject);
        return used;
    }

    /** Ids of committed MARK transactions with an output whose marking starts with {@code markingPrefix}, in commit order. */
    public List<TxId> markTransactions(String markingPrefix) {
        return query("select distinct t.tx_id, t.seq from transactions t join outputs o on o.tx_id = t.tx_id"
                + " where t.type = 'MARK' and o.marking like ? order by t.seq", rs -> TxId.of(rs.getBytes(1)),
                markingPrefix.replace("%", "\\%").replace("_", "\\_") + "%");
    }

    /** Ids of all committed MARK transactions, in commit order. */
    public List<TxId> markTransactions() {
        return query("select tx_id from transactions where type = 'MARK' order by seq", rs -> TxId.of(rs.getBytes(1)));
    }

    /** Committed transactions of a type with the given client reference, in commit order. */
    public List<CommittedTransaction> findByReference(TxType type, String reference) {
        return query("select tx_id, seq, committed_at, body, signatures, balances, type, reference from transactions"
                + " where reference = ? and type = ? order by seq", this::readTransaction, reference, type.name());
    }

    /** Unspent outputs held for one event, oldest transactions first, at most {@code limit}. */
    public List<StoredOutput> heldOutputs(String eventId, int limit) {
        return query("select o.tx_id, o.idx, o.owner, o.amount, o.marking, o.hold, null from outputs o"
                + " join transactions t on t.tx_id = o.tx_id where o.hold = ?"
                + " and not exists (select 1 from spent_outputs s where s.tx_id = o.tx_id and s.idx = o.idx)"
                + " order by t.seq, o.idx limit ?", this::readOutput, "EVENT:" + eventId, limit);
    }

    /** Unspent held outputs (any event), oldest transactions first, at most {@code limit}. */
    public List<StoredOutput> heldOutputs(int limit) {
        return query("select o.tx_id, o.idx, o.owner, o.amount, o.marking, o.hold, null from outputs o"
                + " join transactions t on t.tx_id = o.tx_id where o.hold is not null"
                + " and not exists (select 1 from spent_outputs s where s.tx_id = o.tx_id and s.idx = o.idx)"
                + " order by t.seq, o.idx limit ?", this::readOutput, limit);
    }

    /** Whether the account holds unspent outputs with this marking other than {@code except}. */
    public boolean holdsOtherMarked(AccountNumber account, String marking, Collection<OutputRef> except) {
        List<Integer> found = query("select 1 from outputs o where o.owner = ? and o.marking = ?"
                + " and not exists (select 1 from spent_outputs s where s.tx_id = o.tx_id and s.idx = o.idx)"
                + " and not exists (select 1 from unnest(?::bytea[], ?::int[]) as x(tx_id, idx) where x.tx_id = o.tx_id and x.idx = o.idx)"
                + " limit 1", rs -> 1, account.value(), marking, refsTx(except), refsIdx(except));
        return !found.isEmpty();
    }

    private static byte[][] refsTx(Collection<OutputRef> refs) {
        return refs.stream().map(r -> r.txId().bytes()).toArray(byte[][]::new);
    }

    private static int[] refsIdx(Collection<OutputRef> refs) {
        return refs.stream().mapToInt(OutputRef::index).toArray();
    }

    // ------------------------------------------------------------------ reads

    /** The stored outputs among {@code refs}, with who spent them; refs the ledger never created are absent. */
    public Map<OutputRef, StoredOutput> loadOutputs(Collection<OutputRef> refs) {
        Map<OutputRef, StoredOutput> found = new HashMap<>();
        if (refs.isEmpty()) {
            return found;
        }
        String sql = "select o.tx_id, o.idx, o.owner, o.amount, o.marking, o.hold, s.spent_by"
                + " from unnest(?::bytea[], ?::int[]) as r(tx_id, idx)"
                + " join outputs o on o.tx_id = r.tx_id and o.idx = r.idx"
                + " left join spent_outputs s on s.tx_id = o.tx_id and s.idx = o.idx";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bindRefs(c, ps, 1, refs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredOutput so = readOutput(rs);
                    found.put(so.ref(), so);
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return found;
    }

    @Override
    public Map<OutputRef, TxId> spentBy(Collection<OutputRef> refs) {
        Map<OutputRef, TxId> spent = new HashMap<>();
        if (refs.isEmpty()) {
            return spent;
        }
        String sql = "select s.tx_id, s.idx, s.spent_by from unnest(?::bytea[], ?::int[]) as r(tx_id, idx)"
                + " join spent_outputs s on s.tx_id = r.tx_id and s.idx = r.idx";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bindRefs(c, ps, 1, refs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    spent.put(new OutputRef(TxId.of(rs.getBytes(1)), rs.getInt(2)), TxId.of(rs.getBytes(3)));
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return spent;
    }

    public Optional<CommittedTransaction> findTransaction(TxId id) {
        List<CommittedTransaction> found = query(
                "select tx_id, seq, committed_at, body, signatures, balances, type, reference from transactions where tx_id = ?",
                this::readTransaction, (Object) id.bytes());
        return found.stream().findFirst();
    }

    public List<StoredOutput> unspentOutputs(AccountNumber account, int limit) {
        return query("select o.tx_id, o.idx, o.owner, o.amount, o.marking, o.hold, null from outputs o"
                        + " where o.owner = ? and not exists (select 1 from spent_outputs s where s.tx_id = o.tx_id and s.idx = o.idx)"
                        + " order by o.tx_id, o.idx limit ?",
                this::readOutput, account.value(), limit);
    }

    /**
     * The transactions that touched {@code account} and were committed in {@code [from, to)}, in commit order (a
     * statement's lines). Found from the account's outputs (indexed by owner), not by scanning transactions.
     */
    public List<AccountMovement> movements(AccountNumber account, java.time.Instant from, java.time.Instant to) {
        String a = account.value();
        return query("select t.tx_id, t.seq, t.committed_at, t.type, t.reference,"
                        + " coalesce((select sum(o.amount) from outputs o where o.tx_id = t.tx_id and o.owner = ?), 0),"
                        + " coalesce((select sum(o.amount) from spent_outputs s join outputs o on o.tx_id = s.tx_id and o.idx = s.idx"
                        + "   where s.spent_by = t.tx_id and o.owner = ?), 0),"
                        + " (select string_agg(distinct o.owner, ',') from spent_outputs s join outputs o on o.tx_id = s.tx_id and o.idx = s.idx"
                        + "   where s.spent_by = t.tx_id and o.owner <> ?),"
                        + " (select string_agg(distinct o.owner, ',') from outputs o where o.tx_id = t.tx_id and o.owner <> ?)"
                        + " from transactions t where t.tx_id in (select o.tx_id from outputs o where o.owner = ?"
                        + "   union select s.spent_by from outputs o join spent_outputs s on s.tx_id = o.tx_id and s.idx = o.idx where o.owner = ?)"
                        + " and t.committed_at >= ? and t.committed_at < ? order by t.seq",
                rs -> new AccountMovement(TxId.of(rs.getBytes(1)), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                        TxType.valueOf(rs.getString(4)), rs.getString(5), rs.getLong(7), rs.getLong(6), accounts(rs.getString(8)),
                        accounts(rs.getString(9))),
                a, a, a, a, a, a, java.sql.Timestamp.from(from), java.sql.Timestamp.from(to));
    }

    /** The balance of {@code account} just before {@code at}: its outputs committed before then and not spent before then. */
    public long balanceAt(AccountNumber account, java.time.Instant at) {
        java.sql.Timestamp t = java.sql.Timestamp.from(at);
        return query("select coalesce(sum(o.amount), 0) from outputs o join transactions t on t.tx_id = o.tx_id"
                        + " where o.owner = ? and t.committed_at < ? and not exists (select 1 from spent_outputs s"
                        + " join transactions t2 on t2.tx_id = s.spent_by where s.tx_id = o.tx_id and s.idx = o.idx and t2.committed_at < ?)",
                rs -> rs.getLong(1), account.value(), t, t).get(0);
    }

    private static List<AccountNumber> accounts(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(commaSeparated.split(",")).map(String::trim).map(AccountNumber::new).toList();
    }

    /** The maintained balance of an account (0 when it never received money). */
    public long balance(AccountNumber account) {
        List<Long> b = query("select balance from account_balances where account = ?", rs -> rs.getLong(1), account.value());
        return b.isEmpty() ? 0 : b.get(0);
    }

    public Supply supply() {
        List<Supply> s = query("select coalesce(sum(issued),0), coalesce(sum(redeemed),0) from transactions",
                rs -> new Supply(rs.getLong(1), rs.getLong(2)));
        return s.get(0);
    }

    /** Recomputes supply three independent ways; see {@link SupplyAudit#consistent()}. */
    public SupplyAudit audit() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Supply supply = one(c, "select coalesce(sum(issued),0), coalesce(sum(redeemed),0) from transactions",
                        rs -> new Supply(rs.getLong(1), rs.getLong(2)));
                long unspent = one(c, "select coalesce(sum(o.amount),0) from outputs o where not exists"
                        + " (select 1 from spent_outputs s where s.tx_id = o.tx_id and s.idx = o.idx)", rs -> rs.getLong(1));
                long balances = one(c, "select coalesce(sum(balance),0) from account_balances", rs -> rs.getLong(1));
                return new SupplyAudit(supply, unspent, balances);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    // ------------------------------------------------------------------ the commit

    /** How a group commit ended: all committed, or a conflict was found and nothing was written. */
    public record BatchOutcome(List<CommittedTransaction> committed, boolean conflict) {
    }

    /**
     * Writes all {@code batch} transactions in one database transaction, or none of them. Nothing is written
     * when any input is already spent, any transaction id already exists, a limit would be exceeded, or the
     * database refuses the content of the batch (not an outage: see {@link StoreFailures}); the outcome is then a
     * conflict and the caller commits the transactions one by one ({@link #commitOne}) to tell the winners from
     * the losers. A batch of one is refused outright instead. An outage throws {@link ReasonCode#UNAVAILABLE}.
     */
    public BatchOutcome commitBatch(List<PreparedTransaction> batch) {
        if (batch.isEmpty()) {
            return new BatchOutcome(List.of(), false);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<CommittedTransaction> done = write(c, batch);
                if (done == null) {
                    c.rollback();
                    return new BatchOutcome(List.of(), true);
                }
                c.commit();
                return new BatchOutcome(done, false);
            } catch (LimitViolation v) {
                safeRollback(c);
                if (batch.size() == 1) {
                    throw new LedgerException(ReasonCode.LIMIT_EXCEEDED, v.getMessage());
                }
                // one transaction of the batch went over a limit: nothing was written; the caller commits one
                // by one, so only that one is refused
                return new BatchOutcome(List.of(), true);
            } catch (SQLException e) {
                safeRollback(c);
                if (isConcurrencyAbort(e)) {
                    // a deadlock or serialization failure with another writer of the same rows: nothing was
                    // written; the caller retries one by one like any other conflict
                    return new BatchOutcome(List.of(), true);
                }
                if (StoreFailures.isOutage(e)) {
                    throw e;
                }
                // the database refused the batch's content (a NUL in a reference failed whole batches): nothing
                // was written; alone, the transaction is refused; in a batch, the caller splits it so that only
                // the one carrying the value is refused
                if (batch.size() == 1) {
                    throw StoreFailures.refused(batch.get(0), e);
                }
                return new BatchOutcome(List.of(), true);
            } catch (LedgerException e) {
                safeRollback(c);
                throw e;
            } catch (RuntimeException e) {
                safeRollback(c);
                // our own code failed on this batch's content (never the database being away): split it as well
                if (batch.size() == 1) {
                    throw StoreFailures.failed(batch.get(0), e);
                }
                return new BatchOutcome(List.of(), true);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** A transaction of a batch would take a contract over a limit (detected under the row lock). */
    private static final class LimitViolation extends RuntimeException {
        LimitViolation(String message) {
            super(message, null, false, false);
        }
    }

    /** Deadlock detected (40P01) or serialization failure (40001): the server aborted us to let another go. */
    private static boolean isConcurrencyAbort(SQLException e) {
        return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
    }

    /**
     * Commits a single transaction. Returns the committed record, or the already committed record of the same
     * id (idempotent resubmission), or throws {@link ReasonCode#ALREADY_SPENT} naming the input and its spender.
     * A conflict that the store cannot explain yet (a concurrent writer was aborted or is still deciding) is
     * retried a few times before it is answered {@link ReasonCode#UNAVAILABLE}.
     */
    public CommittedTransaction commitOne(PreparedTransaction tx) {
        for (int attempt = 1; ; attempt++) {
            BatchOutcome outcome = commitBatch(List.of(tx));
            if (!outcome.conflict()) {
                return outcome.committed().get(0);
            }
            Optional<CommittedTransaction> existing = findTransaction(tx.id());
            if (existing.isPresent()) {
                return existing.get();
            }
            List<OutputRef> inputs = tx.signed().tx().inputs();
            Map<OutputRef, TxId> spent = spentBy(inputs);
            for (OutputRef in : inputs) {
                TxId by = spent.get(in);
                if (by != null && !by.equals(tx.id())) {
                    throw new LedgerException(ReasonCode.ALREADY_SPENT, "input " + in + " was already spent by " + by);
                }
            }
            if (attempt >= MAX_COMMIT_ATTEMPTS) {
                throw new LedgerException(ReasonCode.UNAVAILABLE, "commit of " + tx.id() + " kept conflicting without a"
                        + " committed spender after " + attempt + " attempts; submit it again");
            }
        }
    }

    private List<CommittedTransaction> write(Connection c, List<PreparedTransaction> batch) throws SQLException {
        int inputCount = 0;
        int outputCount = 0;
        for (PreparedTransaction p : batch) {
            inputCount += p.inputs().size();
            outputCount += p.signed().tx().outputs().size();
        }

        // 1. spent markers: the single-spend authority. Inserted in output-id order, so two writers that
        //    contend for the same outputs wait on each other in one order and never deadlock.
        if (inputCount > 0) {
            List<Map.Entry<OutputRef, TxId>> spends = new ArrayList<>(inputCount);
            for (PreparedTransaction p : batch) {
                for (OutputRef in : p.signed().tx().inputs()) {
                    spends.add(Map.entry(in, p.id()));
                }
            }
            spends.sort(Map.Entry.comparingByKey());
            byte[][] inTx = new byte[inputCount][];
            int[] inIdx = new int[inputCount];
            byte[][] spender = new byte[inputCount][];
            for (int i = 0; i < inputCount; i++) {
                Map.Entry<OutputRef, TxId> e = spends.get(i);
                inTx[i] = e.getKey().txId().bytes();
                inIdx[i] = e.getKey().index();
                spender[i] = e.getValue().bytes();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into spent_outputs(tx_id, idx, spent_by)"
                    + " select * from unnest(?::bytea[], ?::int[], ?::bytea[]) as s(tx_id, idx, spent_by)"
                    + " order by tx_id, idx on conflict do nothing")) {
                ps.setArray(1, c.createArrayOf("bytea", inTx));
                ps.setArray(2, c.createArrayOf("int4", box(inIdx)));
                ps.setArray(3, c.createArrayOf("bytea", spender));
                if (ps.executeUpdate() != inputCount) {
                    return null;
                }
            }
        }

        // 1b. limits tracked from facts (contract allowances): lock the rows in a fixed order, replay the batch
        applyLimits(c, batch);

        // 2. balances: lock the touched accounts in a fixed order, then replay the batch in memory
        Set<String> touched = new TreeSet<>();
        for (PreparedTransaction p : batch) {
            for (StoredOutput in : p.inputs()) {
                touched.add(in.output().owner().value());
            }
            for (Output out : p.signed().tx().outputs()) {
                touched.add(out.owner().value());
            }
        }
        String[] accounts = touched.toArray(new String[0]);
        try (PreparedStatement ps = c.prepareStatement("insert into account_balances(account, balance)"
                + " select a, 0 from unnest(?::text[]) as a order by a on conflict do nothing")) {
            ps.setArray(1, c.createArrayOf("text", accounts));
            ps.executeUpdate();
        }
        Map<String, Long> running = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select account, balance from account_balances"
                + " where account = any(?::text[]) order by account for update")) {
            ps.setArray(1, c.createArrayOf("text", accounts));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    running.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        List<Map<AccountNumber, Long>> after = new ArrayList<>(batch.size());
        for (PreparedTransaction p : batch) {
            Set<AccountNumber> mineTouched = new TreeSet<>();
            for (StoredOutput in : p.inputs()) {
                String a = in.output().owner().value();
                long next = running.get(a) - in.output().amount();
                if (next < 0) {
                    throw new IllegalStateException("balance of " + a + " would go negative: store is inconsistent");
                }
                running.put(a, next);
                mineTouched.add(in.output().owner());
            }
            for (Output out : p.signed().tx().outputs()) {
                String a = out.owner().value();
                running.put(a, Math.addExact(running.get(a), out.amount()));
                mineTouched.add(out.owner());
            }
            // each touched account's balance right after this transaction (in commit order)
            Map<AccountNumber, Long> mine = new TreeMap<>();
            mineTouched.forEach(a -> mine.put(a, running.get(a.value())));
            after.add(mine);
        }
        long[] balanceValues = new long[accounts.length];
        for (int i = 0; i < accounts.length; i++) {
            balanceValues[i] = running.get(accounts[i]);
        }
        try (PreparedStatement ps = c.prepareStatement("update account_balances b set balance = v.balance"
                + " from unnest(?::text[], ?::int8[]) as v(account, balance) where b.account = v.account")) {
            ps.setArray(1, c.createArrayOf("text", accounts));
            ps.setArray(2, c.createArrayOf("int8", box(balanceValues)));
            ps.executeUpdate();
        }

        // 3. transactions
        int n = batch.size();
        byte[][] ids = new byte[n][];
        String[] types = new String[n];
        String[] refs = new String[n];
        byte[][] bodies = new byte[n][];
        String[] sigs = new String[n];
        long[] issued = new long[n];
        long[] redeemed = new long[n];
        String[] balancesJson = new String[n];
        for (int i = 0; i < n; i++) {
            PreparedTransaction p = batch.get(i);
            ids[i] = p.id().bytes();
            types[i] = p.signed().tx().type().name();
            refs[i] = p.signed().tx().reference();
            bodies[i] = p.signed().tx().canonicalBytes();
            sigs[i] = signaturesJson(p.signed().signatures());
            issued[i] = p.issued();
            redeemed[i] = p.redeemed();
            balancesJson[i] = balancesJson(after.get(i));
        }
        List<long[]> seqs = new ArrayList<>();
        Map<String, Object[]> inserted = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("insert into transactions(tx_id, type, reference, body, signatures,"
                + " issued, redeemed, balances) select * from unnest(?::bytea[], ?::text[], ?::text[], ?::bytea[], ?::text[],"
                + " ?::int8[], ?::int8[], ?::text[]) on conflict do nothing returning tx_id, seq, committed_at")) {
            ps.setArray(1, c.createArrayOf("bytea", ids));
            ps.setArray(2, c.createArrayOf("text", types));
            ps.setArray(3, c.createArrayOf("text", refs));
            ps.setArray(4, c.createArrayOf("bytea", bodies));
            ps.setArray(5, c.createArrayOf("text", sigs));
            ps.setArray(6, c.createArrayOf("int8", box(issued)));
            ps.setArray(7, c.createArrayOf("int8", box(redeemed)));
            ps.setArray(8, c.createArrayOf("text", balancesJson));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.put(TxId.of(rs.getBytes(1)).hex(), new Object[] {rs.getLong(2), rs.getTimestamp(3)});
                }
            }
        }
        if (inserted.size() != n) {
            return null; // a transaction with the same id is already committed
        }

        // 4. outputs
        if (outputCount > 0) {
            byte[][] oTx = new byte[outputCount][];
            int[] oIdx = new int[outputCount];
            String[] owner = new String[outputCount];
            long[] amount = new long[outputCount];
            String[] marking = new String[outputCount];
            String[] hold = new String[outputCount];
            int k = 0;
            for (PreparedTransaction p : batch) {
                byte[] id = p.id().bytes();
                List<Output> outs = p.signed().tx().outputs();
                for (int j = 0; j < outs.size(); j++) {
                    Output o = outs.get(j);
                    oTx[k] = id;
                    oIdx[k] = j;
                    owner[k] = o.owner().value();
                    amount[k] = o.amount();
                    marking[k] = o.marking();
                    hold[k] = o.hold();
                    k++;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into outputs(tx_id, idx, owner, amount, marking, hold)"
                    + " select * from unnest(?::bytea[], ?::int[], ?::text[], ?::int8[], ?::text[], ?::text[])")) {
                ps.setArray(1, c.createArrayOf("bytea", oTx));
                ps.setArray(2, c.createArrayOf("int4", box(oIdx)));
                ps.setArray(3, c.createArrayOf("text", owner));
                ps.setArray(4, c.createArrayOf("int8", box(amount)));
                ps.setArray(5, c.createArrayOf("text", marking));
                ps.setArray(6, c.createArrayOf("text", hold));
                ps.executeUpdate();
            }
        }

        List<CommittedTransaction> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PreparedTransaction p = batch.get(i);
            Object[] row = inserted.get(p.id().hex());
            result.add(new CommittedTransaction(p.id(), (Long) row[0], ((Timestamp) row[1]).toInstant(), p.signed(), after.get(i)));
        }
        return result;
    }

    private void applyLimits(Connection c, List<PreparedTransaction> batch) throws SQLException {
        java.util.TreeMap<String, LimitUse> rows = new java.util.TreeMap<>();
        for (PreparedTransaction p : batch) {
            p.limits().forEach(u -> rows.put(u.key(), u));
        }
        if (rows.isEmpty()) {
            return;
        }
        String[] subjects = rows.values().stream().map(LimitUse::subject).toArray(String[]::new);
        String[] kinds = rows.values().stream().map(u -> u.kind().name()).toArray(String[]::new);
        try (PreparedStatement ps = c.prepareStatement("insert into limit_usage(subject, kind)"
                + " select * from unnest(?::text[], ?::text[]) as k(s, k) order by s, k on conflict do nothing")) {
            ps.setArray(1, c.createArrayOf("text", subjects));
            ps.setArray(2, c.createArrayOf("text", kinds));
            ps.executeUpdate();
        }
        Map<String, long[]> used = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select u.subject, u.kind, u.used from limit_usage u"
                + " join unnest(?::text[], ?::text[]) as k(s, k) on u.subject = k.s and u.kind = k.k"
                + " order by u.subject, u.kind for update of u")) {
            ps.setArray(1, c.createArrayOf("text", subjects));
            ps.setArray(2, c.createArrayOf("text", kinds));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    used.put(rs.getString(1) + "\u0000" + rs.getString(2), new long[] {rs.getLong(3)});
                }
            }
        }
        for (PreparedTransaction p : batch) {
            for (LimitUse u : p.limits()) {
                long[] slot = used.get(u.key());
                long next = Math.addExact(slot[0], u.amount());
                if (next > u.limit()) {
                    throw new LimitViolation("transaction " + p.id() + " would take " + u.subject() + " to "
                            + kz.digitaltenge.canonical.money.Tiyn.format(next) + " of its " + u.kind() + " limit "
                            + kz.digitaltenge.canonical.money.Tiyn.format(u.limit()));
                }
                slot[0] = next;
            }
        }
        long[] values = rows.keySet().stream().mapToLong(k -> used.get(k)[0]).toArray();
        try (PreparedStatement ps = c.prepareStatement("update limit_usage u set used = v.used"
                + " from unnest(?::text[], ?::text[], ?::int8[]) as v(s, k, used) where u.subject = v.s and u.kind = v.k")) {
            ps.setArray(1, c.createArrayOf("text", subjects));
            ps.setArray(2, c.createArrayOf("text", kinds));
            ps.setArray(3, c.createArrayOf("int8", box(values)));
            ps.executeUpdate();
        }
    }

    // ------------------------------------------------------------------ helpers

    private CommittedTransaction readTransaction(ResultSet rs) throws SQLException {
        TxId id = TxId.of(rs.getBytes(1));
        long seq = rs.getLong(2);
        Instant at = rs.getTimestamp(3).toInstant();
        Transaction tx = CanonicalDecoder.decode(rs.getBytes(4));
        List<TxSignature> sigs = parseSignatures(rs.getString(5));
        Map<AccountNumber, Long> balances = new TreeMap<>();
        try {
            Map<String, Long> raw = JSON.readValue(rs.getString(6), new TypeReference<LinkedHashMap<String, Long>>() { });
            raw.forEach((k, v) -> balances.put(new AccountNumber(k), v));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored balances of " + id + " are not JSON", e);
        }
        return new CommittedTransaction(id, seq, at, new SignedTransaction(tx, sigs), balances);
    }

    private StoredOutput readOutput(ResultSet rs) throws SQLException {
        OutputRef ref = new OutputRef(TxId.of(rs.getBytes(1)), rs.getInt(2));
        Output out = new Output(new AccountNumber(rs.getString(3)), rs.getLong(4), rs.getString(5), rs.getString(6));
        byte[] spender = rs.getBytes(7);
        return new StoredOutput(ref, out, spender == null ? null : TxId.of(spender));
    }

    private static String signaturesJson(List<TxSignature> signatures) {
        List<Map<String, String>> list = new ArrayList<>();
        for (TxSignature s : signatures) {
            list.add(Map.of("keyId", s.keyId(), "value", java.util.Base64.getEncoder().encodeToString(s.value())));
        }
        try {
            return JSON.writeValueAsString(list);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<TxSignature> parseSignatures(String json) {
        try {
            List<Map<String, String>> list = JSON.readValue(json, new TypeReference<List<Map<String, String>>>() { });
            List<TxSignature> result = new ArrayList<>();
            for (Map<String, String> m : list) {
                result.add(new TxSignature(m.get("keyId"), java.util.Base64.getDecoder().decode(m.get("value"))));
            }
            return result;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored signatures are not JSON", e);
        }
    }

    private static String balancesJson(Map<AccountNumber, Long> balances) {
        Map<String, Long> m = new LinkedHashMap<>();
        balances.forEach((k, v) -> m.put(k.value(), v));
        try {
            return JSON.writeValueAsString(m);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bindRefs(Connection c, PreparedStatement ps, int first, Collection<OutputRef> refs) throws SQLException {
        byte[][] tx = new byte[refs.size()][];
        Integer[] idx = new Integer[refs.size()];
        int i = 0;
        for (OutputRef r : refs) {
            tx[i] = r.txId().bytes();
            idx[i] = r.index();
            i++;
        }
        ps.setArray(first, c.createArrayOf("bytea", tx));
        ps.setArray(first + 1, c.createArrayOf("int4", idx));
    }

    private static Integer[] box(int[] values) {
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    private static Long[] box(long[] values) {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<T> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(row.read(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static <T> T one(Connection c, String sql, Row<T> row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return row.read(rs);
        }
    }

    private int update(String sql, String conflictMessage, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState()) && conflictMessage != null) {
                throw new LedgerException(ReasonCode.CONFLICT, conflictMessage);
            }
            if ("23503".equals(e.getSQLState())) {
                throw new LedgerException(ReasonCode.NOT_FOUND, "a referenced participant or account is not registered");
            }
            throw unavailable(e);
        }
    }

    private static void safeRollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the server rolls back on its own
        }
    }

    /** Never the driver's text to a client: it is logged, the client reads a neutral message. */
    private static LedgerException unavailable(SQLException e) {
        return StoreFailures.unavailable(e);
    }
}
