package kz.digitaltenge.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.notary.DurableSpends;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.tx.TxId;

/**
 * The outputs and who spent them: the inputs a transaction loads, an account's unspent outputs, money held for
 * events. {@link #spentBy} is what the notary settles stale reservations against.
 */
public final class OutputRecords implements DurableSpends {
    private final Jdbc jdbc;

    OutputRecords(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Unspent outputs held for one event, oldest transactions first, at most {@code limit}. */
    public List<StoredOutput> heldOutputs(String eventId, int limit) {
        return jdbc.query("select o.tx_id, o.idx, o.owner, o.amount, o.marking, o.hold, null from outputs o"
                + " join transactions t on t.tx_id = o.tx_id where o.hold = ?"
                + " and not exists (select 1 from spent_outputs s where s.tx_id = o.tx_id and s.idx = o.idx)"
                + " order by t.seq, o.idx limit ?", OutputRecords::readOutput, "EVENT:" + eventId, limit);
    }

    /** Unspent held outputs (any event), oldest transactions first, at most {@code limit}. */
    public List<StoredOutput> heldOutputs(int limit) {
        return jdbc.query("select o.tx_id, o.idx, o.owner, o.amount, o.marking, o.hold, null from outputs o"
                + " join transactions t on t.tx_id = o.tx_id where o.hold is not null"
                + " and not exists (select 1 from spent_outputs s where s.tx_id = o.tx_id and s.idx = o.idx)"
                + " order by t.seq, o.idx limit ?", OutputRecords::readOutput, limit);
    }

    /** Whether the account holds unspent outputs with this marking other than {@code except}. */
    public boolean holdsOtherMarked(AccountNumber account, String marking, Collection<OutputRef> except) {
        List<Integer> found = jdbc.query("select 1 from outputs o where o.owner = ? and o.marking = ? and not o.spent"
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
        try (Connection c = jdbc.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bindRefs(c, ps, 1, refs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredOutput so = readOutput(rs);
                    found.put(so.ref(), so);
                }
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
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
        try (Connection c = jdbc.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bindRefs(c, ps, 1, refs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    spent.put(new OutputRef(TxId.of(rs.getBytes(1)), rs.getInt(2)), TxId.of(rs.getBytes(3)));
                }
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
        return spent;
    }


    public List<StoredOutput> unspentOutputs(AccountNumber account, int limit) {
        return jdbc.query("select o.tx_id, o.idx, o.owner, o.amount, o.marking, o.hold, null from outputs o"
                        // the unspent ones through their partial index (not o.spent), the markers still deciding
                        + " where o.owner = ? and not o.spent"
                        + " and not exists (select 1 from spent_outputs s where s.tx_id = o.tx_id and s.idx = o.idx)"
                        + " order by o.tx_id, o.idx limit ?",
                OutputRecords::readOutput, account.value(), limit);
    }

    static StoredOutput readOutput(ResultSet rs) throws SQLException {
        OutputRef ref = new OutputRef(TxId.of(rs.getBytes(1)), rs.getInt(2));
        Output out = new Output(new AccountNumber(rs.getString(3)), rs.getLong(4), rs.getString(5), rs.getString(6));
        byte[] spender = rs.getBytes(7);
        return new StoredOutput(ref, out, spender == null ? null : TxId.of(spender));
    }
}
