package kz.digitaltenge.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import kz.digitaltenge.ledger.testing.SingleNodeLedgerTest;
import org.junit.jupiter.api.Test;

/**
 * The group commit's balance statements find a batch's accounts through the primary key, as the commit binds them.
 * Bound as {@code text[]} against the {@code char(20)} column they once cast the column and read the whole table on
 * every commit: cheap with the bench's 250 accounts, a full scan of every account in the country at national volume.
 * Sequential scans are switched off, so a plan that cannot search the key shows a scan of it all, with the accounts as
 * a filter rather than as the index's condition.
 */
class BalanceStatementsTest extends SingleNodeLedgerTest {
    private static final String[] ACCOUNTS = {"KZ000000000000000001", "KZ000000000000000002"};

    private static String plan(String sql, boolean withBalances) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local enable_seqscan = off");
            }
            try (PreparedStatement ps = c.prepareStatement("explain " + sql)) {
                ps.setArray(1, c.createArrayOf("text", ACCOUNTS));
                if (withBalances) {
                    ps.setArray(2, c.createArrayOf("int8", new Long[] {100L, 200L}));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return plan.toString();
    }

    @Test
    void lockingABatchsBalancesReadsThemThroughThePrimaryKey() throws SQLException {
        assertThat(plan(BatchBalances.LOCK_BALANCES, false)).contains("Index Cond: (account").doesNotContain("Seq Scan");
    }

    @Test
    void makingTheRowsOfNewAccountsLooksTheOthersUpThroughThePrimaryKey() throws SQLException {
        assertThat(plan(BatchBalances.ADD_BALANCES, false)).contains("Index Cond: (account").doesNotContain("Seq Scan");
    }

    @Test
    void updatingABatchsBalancesFindsThemThroughThePrimaryKey() throws SQLException {
        assertThat(plan(BatchBalances.UPDATE_BALANCES, true)).contains("Index Cond: (account").doesNotContain("Seq Scan");
    }
}
