package kz.digitaltenge.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.EvidenceEntry;
import kz.digitaltenge.ledger.fact.EvidenceHead;
import kz.digitaltenge.ledger.fact.EvidenceLog;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactStore;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;

/**
 * The registered facts and the hash-chained evidence log over them. A fact and its log entry are written in one
 * database transaction, so the log never misses a stored fact nor names one that is not stored.
 */
public final class FactRecords implements FactStore {
    private final Jdbc jdbc;

    FactRecords(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a fact and appends it to the evidence log in the same database transaction (a fact already stored
     * is left as it is). Appends lock the chain head, so the chain is one sequence across all hub nodes.
     */
    public void insertFact(SignedFact f) {
        insertFacts(List.of(f));
    }

    /**
     * The group append: stores the facts (those stored already are left as they are) and appends the new ones to the
     * evidence log in their order, each entry naming its predecessor's hash as before, all in one transaction that
     * locks and moves the chain's head once. Either every fact of the batch is stored with its entry, or none.
     */
    @Override
    public void insertFacts(List<SignedFact> facts) {
        insertFacts(facts, java.util.Collections.nCopies(facts.size(), null));
    }

    /**
     * The group append with each fact's companion records (null for none) written after the facts are stored and
     * before the chain's head is locked, so the head's lock is held no longer for them. A companion refused by the
     * database for its data fails the batch with that fact's reason (not UNAVAILABLE), so the appender writes the batch
     * again fact by fact and only that fact fails; an outage fails the batch as ever.
     */
    @Override
    public void insertFacts(List<SignedFact> facts, List<kz.digitaltenge.ledger.fact.FactCompanion> companions) {
        if (facts.isEmpty()) {
            return;
        }
        try (Connection c = jdbc.connection()) {
            c.setAutoCommit(false);
            try {
                // one multi-row insert; RETURNING names exactly the facts new to the store (whatever the driver's batch
                // settings), and only those get an evidence entry
                int n = facts.size();
                byte[][] ids = new byte[n][];
                String[] types = new String[n];
                String[] subjects = new String[n];
                byte[][] bodies = new byte[n][];
                String[] keys = new String[n];
                byte[][] signatures = new byte[n][];
                Timestamp[] issued = new Timestamp[n];
                for (int i = 0; i < n; i++) {
                    SignedFact f = facts.get(i);
                    ids[i] = f.id().bytes();
                    types[i] = f.fact().type().name();
                    subjects[i] = f.fact().subject();
                    bodies[i] = f.fact().canonicalBytes();
                    keys[i] = f.keyId();
                    signatures[i] = f.signature();
                    issued[i] = new Timestamp(f.fact().issuedAtMillis());
                }
                java.util.Set<String> fresh = new java.util.HashSet<>();
                try (PreparedStatement ps = c.prepareStatement("insert into facts(id, type, subject, body, key_id, signature, issued_at)"
                        + " select * from unnest(?::bytea[], ?::varchar[], ?::varchar[], ?::bytea[], ?::varchar[], ?::bytea[],"
                        + " ?::timestamptz[]) on conflict (id) do nothing returning id")) {
                    ps.setArray(1, c.createArrayOf("bytea", ids));
                    ps.setArray(2, c.createArrayOf("varchar", types));
                    ps.setArray(3, c.createArrayOf("varchar", subjects));
                    ps.setArray(4, c.createArrayOf("bytea", bodies));
                    ps.setArray(5, c.createArrayOf("varchar", keys));
                    ps.setArray(6, c.createArrayOf("bytea", signatures));
                    ps.setArray(7, c.createArrayOf("timestamptz", issued));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            fresh.add(java.util.HexFormat.of().formatHex(rs.getBytes(1)));
                        }
                    }
                }
                List<SignedFact> inserted = new java.util.ArrayList<>();
                for (SignedFact f : facts) {
                    // the same fact twice in one batch is stored and logged once
                    if (fresh.remove(f.id().hex())) {
                        inserted.add(f);
                    }
                }
                for (SignedFact f : inserted) {
                    if (f.fact().type() == kz.digitaltenge.ledger.fact.FactType.EVENT_REGISTERED) {
                        recordExpiry(c, f, new Timestamp(f.fact().issuedAtMillis()));
                    }
                }
                writeCompanions(c, facts, companions);
                if (!inserted.isEmpty()) {
                    appendToLog(c, inserted);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                Jdbc.safeRollback(c);
                throw e;
            }
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState())) {
                throw new LedgerException(ReasonCode.NOT_FOUND, "the fact's key is not registered");
            }
            throw Jdbc.unavailable(e);
        }
    }

    /**
     * Every fact's companion rows, added to statements shared by the batch and run once each: one round trip for the
     * batch's records (this runs under the appender's lock, the intake's serial step). A row refused for its data fails
     * the batch as the refusal of the first fact with a companion; the appender then writes each fact alone, where the
     * refusal names the fact whose rows it was.
     */
    private static void writeCompanions(Connection c, List<SignedFact> facts, List<kz.digitaltenge.ledger.fact.FactCompanion> companions)
            throws SQLException {
        SignedFact first = null;
        try (kz.digitaltenge.ledger.fact.CompanionStatements statements = new kz.digitaltenge.ledger.fact.CompanionStatements(c)) {
            try {
                for (int i = 0; i < facts.size(); i++) {
                    if (companions.get(i) != null) {
                        first = first == null ? facts.get(i) : first;
                        companions.get(i).write(statements, facts.get(i));
                    }
                }
                statements.execute();
            } catch (SQLException e) {
                // a refused batch reports the database's own error as its next exception
                SQLException cause = e.getNextException() != null ? e.getNextException() : e;
                if (StoreFailures.isOutage(cause)) {
                    throw cause;
                }
                throw StoreFailures.companionRefused(first, cause);
            }
        }
    }

    /** The new facts' entries after the chain's head, under its row lock; the head moves once, to the last. */
    private static void appendToLog(Connection c, List<SignedFact> inserted) throws SQLException {
        long seq;
        byte[] prev;
        try (PreparedStatement ps = c.prepareStatement("select seq, hash from evidence_head where id = 1 for update");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            seq = rs.getLong(1);
            prev = rs.getBytes(2);
        }
        int n = inserted.size();
        Long[] seqs = new Long[n];
        byte[][] factIds = new byte[n][];
        byte[][] prevs = new byte[n][];
        byte[][] hashes = new byte[n][];
        Timestamp[] logged = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            SignedFact f = inserted.get(i);
            seq++;
            long loggedAt = System.currentTimeMillis();
            byte[] hash = EvidenceLog.entryHash(seq, prev, f, loggedAt);
            seqs[i] = seq;
            factIds[i] = f.id().bytes();
            prevs[i] = prev;
            hashes[i] = hash;
            logged[i] = new Timestamp(loggedAt);
            prev = hash;
        }
        // the batch's entries and the head's move in one statement (a round trip less under the appender's lock): each
        // entry still names its predecessor's hash, so the chain is the same
        try (PreparedStatement ps = c.prepareStatement("with entries as (insert into evidence_log(seq, fact_id, prev_hash, entry_hash,"
                + " logged_at) select * from unnest(?::bigint[], ?::bytea[], ?::bytea[], ?::bytea[], ?::timestamptz[]))"
                + " update evidence_head set seq = ?, hash = ? where id = 1")) {
            ps.setArray(1, c.createArrayOf("bigint", seqs));
            ps.setArray(2, c.createArrayOf("bytea", factIds));
            ps.setArray(3, c.createArrayOf("bytea", prevs));
            ps.setArray(4, c.createArrayOf("bytea", hashes));
            ps.setArray(5, c.createArrayOf("timestamptz", logged));
            ps.setLong(6, seq);
            ps.setBytes(7, prev);
            ps.executeUpdate();
        }
    }

    /** The event's end for the expiry's index: the latest registration's validUntil. */
    private static void recordExpiry(Connection c, SignedFact f, Timestamp issuedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into event_expiry(event_id, valid_until, issued_at) values (?,?,?)"
                + " on conflict (event_id) do update set valid_until = excluded.valid_until, issued_at = excluded.issued_at"
                + " where event_expiry.issued_at <= excluded.issued_at")) {
            ps.setString(1, f.fact().subject());
            ps.setTimestamp(2, Timestamp.from(f.fact().instant("validUntil")));
            ps.setTimestamp(3, issuedAt);
            ps.executeUpdate();
        }
    }

    /**
     * Events whose hold ended before {@code now} and that still hold money, in order of their end, after the cursor
     * ({@code afterUntil}, {@code afterEvent}; both null for the first page).
     */
    public List<String> expiredHolding(java.time.Instant now, java.time.Instant afterUntil, String afterEvent, int limit) {
        return jdbc.query("select e.event_id from event_expiry e where e.valid_until < ?"
                + " and (?::timestamptz is null or (e.valid_until, e.event_id) > (?::timestamptz, ?))"
                + " and exists (select 1 from outputs o where o.hold = 'EVENT:' || e.event_id"
                + " and not exists (select 1 from spent_outputs s where s.tx_id = o.tx_id and s.idx = o.idx))"
                + " order by e.valid_until, e.event_id limit ?", rs -> rs.getString(1),
                Timestamp.from(now), afterUntil == null ? null : Timestamp.from(afterUntil),
                afterUntil == null ? null : Timestamp.from(afterUntil), afterEvent, limit);
    }

    /** When an event's hold ends, as the expiry index has it. */
    public Optional<java.time.Instant> validUntil(String eventId) {
        return jdbc.query("select valid_until from event_expiry where event_id = ?", rs -> rs.getTimestamp(1).toInstant(),
                eventId).stream().findFirst();
    }

    /** Events with held money that the expiry index does not know (registered before it existed). */
    public List<String> unindexedHolding(int limit) {
        return jdbc.query("select distinct substr(o.hold, 7) from outputs o where o.hold like 'EVENT:%'"
                + " and not exists (select 1 from spent_outputs s where s.tx_id = o.tx_id and s.idx = o.idx)"
                + " and not exists (select 1 from event_expiry e where e.event_id = substr(o.hold, 7)) limit ?",
                rs -> rs.getString(1), limit);
    }

    /** Adds an event registered before the expiry index existed. */
    public void indexExpiry(SignedFact registration) {
        try (Connection c = jdbc.connection()) {
            recordExpiry(c, registration, new Timestamp(registration.fact().issuedAtMillis()));
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    public EvidenceHead evidenceHead() {
        return jdbc.query("select seq, hash from evidence_head where id = 1", rs -> new EvidenceHead(rs.getLong(1), rs.getBytes(2)))
                .get(0);
    }

    /** Streams the evidence log in chain order to {@code visitor}; stops early when it returns false. */
    public void readEvidence(java.util.function.Predicate<EvidenceEntry> visitor) {
        jdbc.snapshot(c -> {
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
            }
            return null;
        });
    }

    public Optional<SignedFact> findFact(FactId id) {
        return jdbc.query("select body, key_id, signature from facts where id = ?", this::readFact, (Object) id.bytes())
                .stream().findFirst();
    }

    /** Every fact of a type about a subject, oldest first (an invoice's states, an event's occurrences). */
    public List<SignedFact> factsAbout(FactType type, String subject) {
        return jdbc.query("select body, key_id, signature from facts where type = ? and subject = ?"
                + " order by issued_at, registered_at", this::readFact, type.name(), subject);
    }

    public Optional<SignedFact> latestFact(FactType type, String subject) {
        return jdbc.query("select body, key_id, signature from facts where type = ? and subject = ?"
                + " order by issued_at desc, registered_at desc limit 1", this::readFact, type.name(), subject).stream().findFirst();
    }

    /**
     * The latest fact and a subject's limit usage in one statement (one snapshot): the usage as {@code kind=used} pairs
     * in a scalar subquery beside the fact, so the fact's body travels once. Always one row, the fact's columns null
     * when there is none.
     */
    public kz.digitaltenge.ledger.programmable.FactWithUsage latestWithUsage(FactType type, String subject, String usageSubject) {
        return jdbc.query("select f.body, f.key_id, f.signature,"
                + " (select string_agg(u.kind || '=' || u.used, ',') from limit_usage u where u.subject = ?)"
                + " from (values (1)) as one(x) left join lateral (select body, key_id, signature from facts"
                + " where type = ? and subject = ? order by issued_at desc, registered_at desc limit 1) f on true", rs -> {
            java.util.Map<kz.digitaltenge.ledger.programmable.LimitUse.Kind, Long> used = LimitRecords.none();
            String pairs = rs.getString(4);
            if (pairs != null) {
                for (String pair : pairs.split(",")) {
                    int eq = pair.indexOf('=');
                    used.put(kz.digitaltenge.ledger.programmable.LimitUse.Kind.valueOf(pair.substring(0, eq)),
                            Long.parseLong(pair.substring(eq + 1)));
                }
            }
            Optional<SignedFact> fact = rs.getBytes(1) == null ? Optional.empty() : Optional.of(readFact(rs));
            return new kz.digitaltenge.ledger.programmable.FactWithUsage(fact, used);
        }, usageSubject, type.name(), subject).get(0);
    }

    private SignedFact readFact(ResultSet rs) throws SQLException {
        return new SignedFact(Fact.decode(rs.getBytes(1)), rs.getString(2), rs.getBytes(3));
    }
}
