package kz.digitaltenge.ledger.store;

import java.util.List;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.query.AccountMovement;
import kz.digitaltenge.ledger.query.Supply;
import kz.digitaltenge.ledger.query.SupplyAudit;
import kz.digitaltenge.ledger.tx.TxId;
import kz.digitaltenge.ledger.tx.TxType;

/** Balances, an account's movements in a period and its balance at an instant (for statements), and the supply. */
public final class BalanceRecords {
    private final Jdbc jdbc;

    BalanceRecords(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The transactions that touched {@code account} and were committed in {@code [from, to)}, in commit order (a
     * statement's lines). Found from the account's outputs (indexed by owner), not by scanning transactions.
     */
    public List<AccountMovement> movements(AccountNumber account, java.time.Instant from, java.time.Instant to) {
        String a = account.value();
        return jdbc.query("select t.tx_id, t.seq, t.committed_at, t.type, t.reference,"
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
        return jdbc.query("select coalesce(sum(o.amount), 0) from outputs o join transactions t on t.tx_id = o.tx_id"
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
        List<Long> b = jdbc.query("select balance from account_balances where account = ?", rs -> rs.getLong(1), account.value());
        return b.isEmpty() ? 0 : b.get(0);
    }

    public Supply supply() {
        List<Supply> s = jdbc.query("select coalesce(sum(issued),0), coalesce(sum(redeemed),0) from transactions",
                rs -> new Supply(rs.getLong(1), rs.getLong(2)));
        return s.get(0);
    }

    /** Recomputes supply three independent ways; see {@link SupplyAudit#consistent()}. */
    public SupplyAudit audit() {
        return jdbc.snapshot(c -> {
            Supply supply = Jdbc.one(c, "select coalesce(sum(issued),0), coalesce(sum(redeemed),0) from transactions",
                    rs -> new Supply(rs.getLong(1), rs.getLong(2)));
            long[] unspent = Jdbc.one(c, "select coalesce(sum(o.amount) filter (where s.tx_id is null), 0),"
                    + " count(*) filter (where o.spent <> (s.tx_id is not null))"
                    + " from outputs o left join spent_outputs s on s.tx_id = o.tx_id and s.idx = o.idx",
                    rs -> new long[] {rs.getLong(1), rs.getLong(2)});
            long balances = Jdbc.one(c, "select coalesce(sum(balance),0) from account_balances", rs -> rs.getLong(1));
            return new SupplyAudit(supply, unspent[0], balances, unspent[1]);
        });
    }
}
