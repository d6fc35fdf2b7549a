package kz.digitaltenge.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.testing.SingleNodeLedgerTest;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.StoredOutput;
import org.junit.jupiter.api.Test;

/**
 * An account's unspent outputs are found through the partial index of outputs not flagged spent (V7): the commit flags
 * an input in the same transaction as its spent marker, so the search sees exactly the unspent outputs however long the
 * account's history; the audit checks that flags and markers agree, and the markers decide.
 */
class UnspentOutputsTest extends SingleNodeLedgerTest {

    private static boolean flagged(OutputRef ref) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select spent from outputs where tx_id = ? and idx = ?")) {
            ps.setBytes(1, ref.txId().bytes());
            ps.setInt(2, ref.index());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    @Test
    void aLongHistoryLeavesExactlyTheUnspentOutputsToFindAndTheAuditChecksTheFlags() throws SQLException {
        TestParties.Party owner = parties.client("History owner");
        AccountNumber account = parties.clientAccount(owner);
        AccountNumber other = parties.clientAccount(parties.client("History payee"));
        OutputRef coin = new OutputRef(ok(parties.issue(account, 100_000, "history-" + System.nanoTime())).id(), 0);
        List<OutputRef> spent = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // each payment spends the last change and makes a new one
            CommittedTransaction t = ok(TestParties.transfer(parties.bank, List.of(coin),
                    List.of(Output.standard(other, 100), Output.standard(account, 100_000 - 100L * (i + 1))), "history-pay-" + i));
            spent.add(coin);
            coin = new OutputRef(t.id(), 1);
        }

        List<StoredOutput> unspent = node.store.unspentOutputs(account, 1_000);
        assertThat(unspent).extracting(StoredOutput::ref).containsExactly(coin);
        assertThat(unspent.get(0).output().amount()).isEqualTo(96_000);
        assertThat(node.store.unspentOutputs(other, 1_000)).hasSize(40);
        assertThat(flagged(spent.get(0))).isTrue();
        assertThat(flagged(spent.get(39))).isTrue();
        assertThat(flagged(coin)).isFalse();
        assertThat(node.store.audit().consistent()).isTrue();

        // a flag that disagrees with the markers is found by the audit (and never hides a spent output: the markers decide)
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("update outputs set spent = false where tx_id = ? and idx = ?")) {
            ps.setBytes(1, spent.get(7).txId().bytes());
            ps.setInt(2, spent.get(7).index());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThat(node.store.audit().spentFlagMismatches()).isEqualTo(1);
        assertThat(node.store.audit().consistent()).isFalse();
        assertThat(node.store.unspentOutputs(account, 1_000)).extracting(StoredOutput::ref).containsExactly(coin);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("update outputs set spent = true where tx_id = ? and idx = ?")) {
            ps.setBytes(1, spent.get(7).txId().bytes());
            ps.setInt(2, spent.get(7).index());
            ps.executeUpdate();
        }
        assertThat(node.store.audit().consistent()).isTrue();
    }
    /**
     * Coin selection's plan must not depend on the statistics of the moment (a run once found it walking the primary
     * key of all outputs, 1.8 ms a payment): even the generic plan a prepared statement ends up with reads the owner's
     * unspent outputs through their index, in the order asked, with no sort (V8).
     */
    @Test
    void coinSelectionReadsTheOwnersUnspentOutputsInOrderThroughTheirIndexWhateverThePlan() throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection c = db.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("set plan_cache_mode = force_generic_plan");
            s.execute("prepare coins(varchar, int) as select o.tx_id, o.idx from outputs o where o.owner = $1 and not o.spent"
                    + " and not exists (select 1 from spent_outputs x where x.tx_id = o.tx_id and x.idx = o.idx)"
                    + " order by o.tx_id, o.idx limit $2");
            try (ResultSet rs = s.executeQuery("explain execute coins('KZ000000000000000001', 32)")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            } finally {
                s.execute("deallocate coins");
                s.execute("reset plan_cache_mode");
            }
        }
        assertThat(plan.toString()).contains("outputs_unspent_by_owner").doesNotContain("Sort");
    }
}
