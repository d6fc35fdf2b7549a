package kz.digitaltenge.ledger.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.query.SupplyAudit;
import kz.digitaltenge.ledger.testing.LedgerNode;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.TxId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The spent-set with bounded memory (docs/notary.md): a spent mark lives one to two retention periods and is then
 * forgotten; while it lives, the spent-set refuses a second spend before the store; once forgotten, the store's
 * authority (its primary key on spent outputs) refuses it, and nothing moves.
 */
class SpentSetRetentionTest {
    static HikariDataSource db;
    static List<LedgerNode> nodes;
    static LedgerNode node;
    static TestParties parties;

    @BeforeAll
    static void start() {
        db = TestDatabase.shared().fresh();
        nodes = LedgerNode.cluster(1, db, 1);
        node = nodes.get(0);
        parties = new TestParties(node.registry);
    }

    @AfterAll
    static void stop() {
        nodes.forEach(LedgerNode::close);
        db.close();
    }

    @Test
    void aForgottenSpentMarkIsStillRefusedByTheStore() throws Exception {
        Party owner = parties.client("Owner");
        AccountNumber from = parties.clientAccount(owner);
        AccountNumber to = parties.clientAccount(parties.client("Payee"));
        List<OutputRef> coins = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            coins.add(new OutputRef(node.ledger.submitAndWait(parties.issue(from, 1_000 + i, "rc-" + i), 10_000).id(), 0));
        }
        node.spentSet.rotateSpentMarks();
        node.spentSet.rotateSpentMarks(); // the issuances' own marks are gone: what follows counts only the spends
        for (int i = 0; i < 20; i++) {
            node.ledger.submitAndWait(TestParties.transfer(owner, List.of(coins.get(i)), List.of(Output.standard(to, 1_000 + i)),
                    "rc-spend-" + i), 10_000);
        }
        // a commit's reservations become spent marks asynchronously (the dispatcher's finalize): wait until none is left
        await().atMost(Duration.ofSeconds(30)).until(() -> node.spentSet.reservedCount() == 0);
        assertThat(node.spentSet.find(coins.get(0))).isNotNull();
        long marks = node.spentSet.spentCount();
        assertThat(marks).isGreaterThanOrEqualTo(20);

        // one rotation: the marks are the older generation now, and still refuse a live second spend before the store
        node.spentSet.rotateSpentMarks();
        assertThat(node.spentSet.find(coins.get(0))).isNotNull();
        ReserveOutcome live = node.spentSet.reserve(TxId.of(new byte[32]), List.of(coins.get(0))).get();
        assertThat(live.kind()).isEqualTo(ReserveOutcome.Kind.CONFLICT);
        assertThat(live.spent()).isTrue();

        // the second: forgotten — memory goes back to what is spent since
        long trimmedBefore = node.spentSet.trimmedCount();
        node.spentSet.rotateSpentMarks();
        assertThat(node.spentSet.find(coins.get(0))).isNull();
        assertThat(node.spentSet.spentCount()).isZero();
        assertThat(node.spentSet.trimmedCount() - trimmedBefore).isGreaterThanOrEqualTo(20);

        // a second spend of a forgotten output: refused by the store's authority, nothing moves, nothing stays reserved
        SupplyAudit before = node.store.audit();
        for (int i = 0; i < 20; i++) {
            int n = i;
            assertThatThrownBy(() -> node.ledger.submitAndWait(TestParties.transfer(owner, List.of(coins.get(n)),
                    List.of(Output.standard(from, 1_000 + n)), "rc-again-" + n), 10_000))
                    .isInstanceOf(LedgerException.class)
                    .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.ALREADY_SPENT));
        }
        assertThat(node.store.audit()).isEqualTo(before);
        // the refused spends' reservations are released asynchronously too
        await().atMost(Duration.ofSeconds(30)).until(() -> node.spentSet.reservedCount() == 0);
        assertThat(node.store.audit().consistent()).isTrue();
    }

    @Test
    void aRetentionShorterThanTheLeaseIsRefused() {
        assertThatThrownBy(() -> new HazelcastSpentSet(node.hazelcast, refs -> java.util.Map.of(), java.time.Duration.ofSeconds(30),
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shorter than the lease");
    }
}
