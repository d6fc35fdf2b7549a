package kz.digitaltenge.ledger.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import kz.digitaltenge.ledger.testing.LedgerChecks;
import kz.digitaltenge.ledger.testing.LedgerNode;
import kz.digitaltenge.ledger.testing.LyingNotary;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.testing.TestParties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checks of the spent-set's job catch a notary that answers RESERVED to everyone ({@link LyingNotary}), which the
 * store alone would hide: behind it every output is still spent once. Keeps the proof alive — a check weakened until
 * the lying notary passes it fails here. (The split, heal and kill tests fail against it too; they are rerun against
 * it by hand with {@code -Dledger.test.lying-notary=true}, see docs/notary.md.)
 */
class LyingNotaryTest {
    static HikariDataSource db;
    static List<LedgerNode> nodes;

    @BeforeAll
    static void start() {
        db = TestDatabase.shared().fresh();
        nodes = LedgerNode.cluster(1, db, 1, LyingNotary::new);
    }

    @AfterAll
    static void stop() {
        nodes.forEach(LedgerNode::close);
        db.close();
    }

    @Test
    void theRaceOnReserveCatchesIt() {
        assertThatThrownBy(() -> SpentSetRaceTest.race(nodes)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("contenders granted coin");
    }

    @Test
    void theConcurrentWorkloadCatchesIt() throws Exception {
        ConcurrentSpendTest.Spends spends = ConcurrentSpendTest.spendEachCoinManyTimes(nodes, new TestParties(nodes.get(0).registry), 20, 4);
        // what the store alone shows: every coin spent once, the others refused — the lying notary hides behind it
        assertThat(spends.commits()).hasSize(20).allSatisfy((coin, n) -> assertThat(n.get()).isEqualTo(1));
        assertThat(LedgerChecks.doubleSpends(db)).isZero();
        // what the spent-set's own job shows: no refusal of a holder in flight, and the store had to sort batches out
        assertThatThrownBy(() -> ConcurrentSpendTest.assertTheSpentSetRefusedTheLiveConflicts(spends))
                .isInstanceOf(AssertionError.class).hasMessageContaining("refusals by the spent-set of a holder in flight");
        assertThat(spends.refused(kz.digitaltenge.canonical.ReasonCode.INPUT_RESERVED)).isZero();
    }
}
