package kz.digitaltenge.ledger.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.query.SupplyAudit;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class with one ledger node on a fresh database of its own, and the two assertions every rule test makes:
 * a transaction commits, or it is refused with a reason and nothing changed.
 */
public abstract class SingleNodeLedgerTest {
    protected static HikariDataSource db;
    protected static LedgerNode node;
    protected static TestParties parties;

    @BeforeAll
    static void startNode() {
        db = TestDatabase.shared().fresh();
        node = LedgerNode.cluster(1, db, 1).get(0);
        parties = new TestParties(node.registry);
    }

    @AfterAll
    static void stopNode() {
        node.close();
        db.close();
    }

    protected static CommittedTransaction ok(SignedTransaction tx) {
        return node.ledger.submitAndWait(tx, 10_000);
    }

    /** Refused with {@code reason}, a message containing {@code part}, and the books exactly as before. */
    protected static void refused(SignedTransaction tx, ReasonCode reason, String part) {
        SupplyAudit before = node.store.audit();
        assertThatThrownBy(() -> ok(tx)).isInstanceOf(LedgerException.class).hasMessageContaining(part)
                .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(reason));
        SupplyAudit after = node.store.audit();
        assertThat(after).isEqualTo(before);
        assertThat(after.consistent()).isTrue();
    }
}
