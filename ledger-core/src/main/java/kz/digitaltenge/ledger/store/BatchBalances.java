package kz.digitaltenge.ledger.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.StoredOutput;

/**
 * The group commit's balance step: locks the accounts a batch touches, replays the batch over them in commit order and
 * writes where they stand after it. These rows are what two concurrent batches contend for (a popular account is in
 * most batches), so {@link CommitWriter} takes them last, just before it commits: a batch waiting here waits only for
 * the other's balance step and commit, not for all its writes.
 */
final class BatchBalances {
    /** A batch's touched balances, locked in account order (two batches never wait on each other in a cycle). */
    static final String LOCK_BALANCES = "select account, balance from account_balances"
            + " where account = any(?::bpchar[]) order by account for update";
    /**
     * Balance rows for accounts that have none yet, in account order. The accounts with a row are left out before the
     * insert: an insert that meets an existing row while another batch is updating it waits for that batch to commit
     * (PostgreSQL cannot tell yet whether the key stays taken), so inserting over every touched account made a batch
     * wait for the other's whole commit here, before it had written anything (55 µs a transfer in the bench).
     */
    static final String ADD_BALANCES = "insert into account_balances(account, balance)"
            + " select a, 0 from unnest(?::bpchar[]) as a"
            + " where not exists (select 1 from account_balances b where b.account = a) order by a on conflict do nothing";
    /** The touched balances as they stand after the batch, in one statement. */
    static final String UPDATE_BALANCES = "update account_balances b set balance = v.balance"
            + " from unnest(?::bpchar[], ?::int8[]) as v(account, balance) where b.account = v.account";

    private BatchBalances() {
    }

    /**
     * Applies the batch to its accounts' balances on the commit's connection and returns, for each transaction in
     * batch order, the balance of each account it touched right after it.
     */
    static List<Map<AccountNumber, Long>> apply(Connection c, List<PreparedTransaction> batch) throws SQLException {
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
        // the account numbers go as bpchar[], the column's own type: compared as text[], the column is cast to text, its
        // primary key cannot serve and every commit read the whole table (BalanceStatementsTest). One array for the three
        // statements: the driver encodes it once.
        Array accountArray = c.createArrayOf("text", accounts);
        // first the rows of accounts that get their first money, then every touched row locked in one ordered pass:
        // making a row after locking others would lock out of order (two batches deadlocked so in ConcurrentSpendTest)
        try (PreparedStatement ps = c.prepareStatement(ADD_BALANCES)) {
            ps.setArray(1, accountArray);
            ps.executeUpdate();
        }
        Map<String, Long> running = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(LOCK_BALANCES)) {
            ps.setArray(1, accountArray);
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
        try (PreparedStatement ps = c.prepareStatement(UPDATE_BALANCES)) {
            ps.setArray(1, accountArray);
            ps.setArray(2, c.createArrayOf("int8", Jdbc.box(balanceValues)));
            ps.executeUpdate();
        }
        return after;
    }
}
