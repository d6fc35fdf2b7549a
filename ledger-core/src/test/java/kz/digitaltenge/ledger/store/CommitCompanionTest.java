package kz.digitaltenge.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.TxId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a {@link CommitCompanion} writes is committed with the batch's transactions or not at all (the hub's payment
 * orders become EXECUTED this way), and a companion that fails refuses the transaction it failed on instead of
 * letting it commit without its records.
 */
class CommitCompanionTest {
    static HikariDataSource db;
    static LedgerStore store;
    static TestParties parties;
    static AccountNumber account;

    @BeforeAll
    static void start() throws SQLException {
        db = TestDatabase.shared().fresh();
        store = new LedgerStore(db);
        parties = new TestParties(new Registry(store.registry()));
        account = parties.clientAccount(parties.client("Companion client"));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table companion_notes(tx_id bytea primary key, reference text not null)");
        }
        store.commits().addCompanion((c, committed) -> {
            for (CommittedTransaction t : committed) {
                try (PreparedStatement ps = c.prepareStatement("insert into companion_notes(tx_id, reference) values (?, ?)")) {
                    ps.setBytes(1, t.id().bytes());
                    ps.setString(2, t.signed().tx().reference());
                    ps.executeUpdate();
                }
                if (t.signed().tx().reference().startsWith("companion-fails")) {
                    throw new IllegalStateException("the companion cannot record " + t.id());
                }
            }
        });
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    static PreparedTransaction issue(String reference, long tiyn) {
        SignedTransaction s = parties.issue(account, tiyn, reference);
        return new PreparedTransaction(s.id(), s, List.of(), tiyn, 0);
    }

    static boolean noted(TxId id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select 1 from companion_notes where tx_id = ?")) {
            ps.setBytes(1, id.bytes());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Test
    void theCompanionsRecordsAreCommittedWithTheBatch() throws SQLException {
        PreparedTransaction a = issue("companion-a-" + System.nanoTime(), 100);
        PreparedTransaction b = issue("companion-b-" + System.nanoTime(), 200);
        CommitWriter.BatchOutcome outcome = store.commits().commitBatch(List.of(a, b));
        assertThat(outcome.conflict()).isFalse();
        assertThat(outcome.committed()).extracting(CommittedTransaction::id).containsExactly(a.id(), b.id());
        assertThat(noted(a.id())).isTrue();
        assertThat(noted(b.id())).isTrue();
    }

    @Test
    void aFailingCompanionRefusesItsTransactionAndLeavesTheOthersCommittedWithTheirRecords() throws SQLException {
        PreparedTransaction honest = issue("companion-honest-" + System.nanoTime(), 300);
        PreparedTransaction failing = issue("companion-fails-" + System.nanoTime(), 400);

        CommitWriter.BatchOutcome batch = store.commits().commitBatch(List.of(honest, failing));
        assertThat(batch.conflict()).as("the batch is rolled back, its transactions to be written one by one").isTrue();
        assertThat(store.findTransaction(honest.id())).isEmpty();
        assertThat(noted(honest.id())).as("rolled back with the batch, although the companion wrote it").isFalse();

        assertThat(store.commits().commitOne(honest).id()).isEqualTo(honest.id());
        assertThat(noted(honest.id())).isTrue();
        assertThatThrownBy(() -> store.commits().commitOne(failing)).isInstanceOf(LedgerException.class);
        assertThat(store.findTransaction(failing.id())).as("never committed without its records").isEmpty();
        assertThat(noted(failing.id())).isFalse();
    }
}
