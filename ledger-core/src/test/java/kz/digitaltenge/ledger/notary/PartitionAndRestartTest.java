package kz.digitaltenge.ledger.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.store.PreparedTransaction;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.testing.LedgerChecks;
import kz.digitaltenge.ledger.testing.LedgerNode;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Split brain and full restart. A network partition leaves each side of the Hazelcast cluster believing it is
 * the whole cluster, with its own copy (or no copy) of the spent-set. The test builds exactly that state: two
 * clusters that cannot see each other, in front of the one durable store, and spends the same outputs on both
 * sides at once.
 */
class PartitionAndRestartTest {

    @Test
    void bothSidesOfASplitReserveTheSameOutputButOnlyOneCommits() throws Exception {
        try (HikariDataSource db = TestDatabase.shared().fresh()) {
            List<LedgerNode> left = LedgerNode.cluster(2, db, 1);
            List<LedgerNode> right = LedgerNode.cluster(1, db, 1);
            try {
                TestParties parties = new TestParties(left.get(0).registry);
                Party owner = parties.client("Owner");
                AccountNumber from = parties.clientAccount(owner);
                AccountNumber a = parties.clientAccount(parties.client("A"));
                AccountNumber b = parties.clientAccount(parties.client("B"));
                right.get(0).registry.reload();
                List<OutputRef> coins = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    coins.add(new OutputRef(left.get(0).ledger.submitAndWait(parties.issue(from, 500, "p" + i), 10_000).id(), 0));
                }

                // the AP hazard, shown directly: both sides grant the same output
                OutputRef contested = coins.get(0);
                SignedTransaction toA = TestParties.transfer(owner, List.of(contested), List.of(Output.standard(a, 500)), "toA");
                SignedTransaction toB = TestParties.transfer(owner, List.of(contested), List.of(Output.standard(b, 500)), "toB");
                assertThat(left.get(0).spentSet.reserve(toA.id(), List.of(contested)).get(10, TimeUnit.SECONDS).kind())
                        .isEqualTo(ReserveOutcome.Kind.RESERVED);
                assertThat(right.get(0).spentSet.reserve(toB.id(), List.of(contested)).get(10, TimeUnit.SECONDS).kind())
                        .isEqualTo(ReserveOutcome.Kind.RESERVED);
                // ... and the durable authority check at commit closes the window
                StoredOutput in = left.get(0).store.loadOutputs(List.of(contested)).get(contested);
                left.get(0).store.commits().commitOne(new PreparedTransaction(toA.id(), toA, List.of(in), 0, 0));
                assertThatThrownBy(() -> right.get(0).store.commits().commitOne(new PreparedTransaction(toB.id(), toB, List.of(in), 0, 0)))
                        .isInstanceOf(LedgerException.class)
                        .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.ALREADY_SPENT));
                // what the ledger does after a commit and after a refusal
                left.get(0).spentSet.finalizeSpent(toA.id(), List.of(contested));
                right.get(0).spentSet.release(toB.id(), List.of(contested));

                // end to end: every other coin spent on both sides at once, through the full ledger
                Map<OutputRef, AtomicInteger> commits = new ConcurrentHashMap<>();
                List<CompletableFuture<CommittedTransaction>> all = new ArrayList<>();
                for (int i = 1; i < coins.size(); i++) {
                    OutputRef coin = coins.get(i);
                    CompletableFuture<CommittedTransaction> l = left.get(i % 2).ledger.submit(
                            TestParties.transfer(owner, List.of(coin), List.of(Output.standard(a, 500)), "L" + i));
                    CompletableFuture<CommittedTransaction> r = right.get(0).ledger.submit(
                            TestParties.transfer(owner, List.of(coin), List.of(Output.standard(b, 500)), "R" + i));
                    for (CompletableFuture<CommittedTransaction> f : List.of(l, r)) {
                        all.add(f.whenComplete((c, e) -> {
                            if (e == null) {
                                commits.computeIfAbsent(coin, x -> new AtomicInteger()).incrementAndGet();
                            }
                        }));
                    }
                }
                for (CompletableFuture<CommittedTransaction> f : all) {
                    try {
                        f.get(30, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(LedgerException.class);
                        assertThat(((LedgerException) e.getCause()).reason()).isIn(ReasonCode.ALREADY_SPENT, ReasonCode.INPUT_RESERVED);
                    }
                }
                assertThat(commits).hasSize(coins.size() - 1);
                assertThat(commits.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
                assertThat(LedgerChecks.doubleSpends(db)).isZero();
                assertThat(left.get(0).store.audit().consistent()).isTrue();
                // the losing side released what it had reserved
                await().atMost(Duration.ofSeconds(10)).until(() -> left.get(0).spentSet.reservedCount() == 0
                        && right.get(0).spentSet.reservedCount() == 0);
            } finally {
                left.forEach(LedgerNode::close);
                right.forEach(LedgerNode::close);
            }
        }
    }

    @Test
    void aMinoritySideRefusesToReserve() throws Exception {
        try (HikariDataSource db = TestDatabase.shared().fresh()) {
            List<LedgerNode> nodes = LedgerNode.cluster(3, db, 2);
            try {
                TestParties parties = new TestParties(nodes.get(0).registry);
                Party owner = parties.client("Owner");
                AccountNumber from = parties.clientAccount(owner);
                CommittedTransaction coin = nodes.get(0).ledger.submitAndWait(parties.issue(from, 700, "q"), 10_000);
                nodes.get(1).hazelcast.getLifecycleService().terminate();
                nodes.get(2).hazelcast.getLifecycleService().terminate();
                LedgerNode alone = nodes.get(0);
                OutputRef ref = new OutputRef(coin.id(), 0);
                SignedTransaction spend = TestParties.transfer(owner, List.of(ref), List.of(Output.standard(from, 700)), "lonely");
                // once the lone member notices it lost its peers, split-brain protection refuses every spend
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    try {
                        alone.spentSet.reserve(spend.id(), List.of(ref)).get(10, TimeUnit.SECONDS);
                        alone.spentSet.release(spend.id(), List.of(ref));
                        return false;
                    } catch (ExecutionException e) {
                        return e.getCause() instanceof LedgerException le && le.reason() == ReasonCode.UNAVAILABLE;
                    }
                });
                long before = LedgerChecks.committedCount(db);
                assertThatThrownBy(() -> alone.ledger.submitAndWait(spend, 10_000))
                        .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.UNAVAILABLE));
                assertThat(LedgerChecks.committedCount(db)).isEqualTo(before);
            } finally {
                nodes.forEach(n -> {
                    try {
                        n.close();
                    } catch (RuntimeException ignored) {
                        // terminated members
                    }
                });
            }
        }
    }

    @Test
    void afterAFullRestartEarlierSpendsStaySpent(@TempDir Path dir) throws Exception {
        SignedTransaction spend;
        OutputRef coin;
        long seq;
        Party owner;
        AccountNumber from;
        try (TestDatabase pg = TestDatabase.start(dir.resolve("pg"), true);
             HikariDataSource db = pg.create("ledger_restart")) {
            List<LedgerNode> nodes = LedgerNode.cluster(2, db, 1);
            try {
                TestParties parties = new TestParties(nodes.get(0).registry);
                owner = parties.client("Owner");
                from = parties.clientAccount(owner);
                coin = new OutputRef(nodes.get(0).ledger.submitAndWait(parties.issue(from, 900, "r"), 10_000).id(), 0);
                spend = TestParties.transfer(owner, List.of(coin), List.of(Output.standard(from, 900)), "before-restart");
                seq = nodes.get(1).ledger.submitAndWait(spend, 10_000).seq();
            } finally {
                nodes.forEach(n -> n.hazelcast.getLifecycleService().terminate());
                nodes.forEach(LedgerNode::close);
            }
        }
        // everything down: the Hazelcast spent-set is gone; PostgreSQL comes back from its data directory
        try (TestDatabase pg = TestDatabase.start(dir.resolve("pg"), true);
             HikariDataSource db = pg.pool("ledger_restart", 8)) {
            List<LedgerNode> nodes = LedgerNode.cluster(2, db, 1);
            try {
                assertThat(nodes.get(0).spentSet.spentCount() + nodes.get(0).spentSet.reservedCount()).isZero();
                // the same transaction answers with its original commit
                assertThat(nodes.get(0).ledger.submitAndWait(spend, 10_000).seq()).isEqualTo(seq);
                // a different spend of the same output is refused: the store is consulted
                SignedTransaction again = TestParties.transfer(owner, List.of(coin), List.of(Output.standard(from, 900)), "after-restart");
                assertThatThrownBy(() -> nodes.get(1).ledger.submitAndWait(again, 10_000))
                        .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.ALREADY_SPENT));
                assertThat(nodes.get(0).store.audit().consistent()).isTrue();
                assertThat(LedgerChecks.doubleSpends(db)).isZero();
            } finally {
                nodes.forEach(LedgerNode::close);
            }
        }
    }
}
