package kz.digitaltenge.ledger.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.testing.LedgerChecks;
import kz.digitaltenge.ledger.testing.LedgerNode;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many threads spend the same outputs through 3 Hazelcast members: exactly one commit per output, and the live
 * conflicts refused by the spent-set before they reach the store.
 */
class ConcurrentSpendTest {
    static HikariDataSource db;
    static List<LedgerNode> nodes;
    static TestParties parties;

    @BeforeAll
    static void start() {
        db = TestDatabase.shared().fresh();
        nodes = LedgerNode.cluster(3, db, 2);
        parties = new TestParties(nodes.get(0).registry);
    }

    @AfterAll
    static void stop() {
        nodes.forEach(LedgerNode::close);
        db.close();
    }

    @Test
    void exactlyOneCommitPerOutput() throws Exception {
        Spends spends = spendEachCoinManyTimes(nodes, parties, 60, 8);
        assertTheSpentSetRefusedTheLiveConflicts(spends);
        assertThat(LedgerChecks.doubleSpends(db)).isZero();
        assertThat(nodes.get(0).store.audit().consistent()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.get(0).spentSet.reservedCount() == 0);
    }

    /** What the workload saw: commits per coin, refusals by reason, and the batches the store had to commit one by one. */
    record Spends(int outputs, int attemptsPerOutput, Map<OutputRef, AtomicInteger> commits, Map<ReasonCode, AtomicInteger> refusals,
                  long oneByOneFallbacks) {
        int refused(ReasonCode reason) {
            AtomicInteger n = refusals.get(reason);
            return n == null ? 0 : n.get();
        }
    }

    /**
     * Exactly one commit per output, and the spent-set, not the store, refused the live conflicts: some attempts were
     * refused {@code INPUT_RESERVED} (only the spent-set says that: a holder still in flight) and no batch of the group
     * commit fell back to one-by-one commits (which only a conflict that reached the store causes). A notary that
     * answered RESERVED to everyone passes the first part, the primary key sorting every conflict out; it fails the
     * second (LyingNotaryTest).
     */
    static void assertTheSpentSetRefusedTheLiveConflicts(Spends spends) {
        assertThat(spends.commits()).hasSize(spends.outputs());
        assertThat(spends.commits().values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(spends.refusals().keySet()).isSubsetOf(ReasonCode.ALREADY_SPENT, ReasonCode.INPUT_RESERVED);
        assertThat(spends.refusals().values().stream().mapToInt(AtomicInteger::get).sum())
                .isEqualTo(spends.outputs() * (spends.attemptsPerOutput() - 1));
        assertThat(spends.refused(ReasonCode.INPUT_RESERVED)).as("refusals by the spent-set of a holder in flight; all: %s",
                spends.refusals()).isPositive();
        assertThat(spends.oneByOneFallbacks()).as("group commits that fell back to one by one").isZero();
    }

    /**
     * Issues {@code outputs} coins, then spends every coin {@code attemptsPerOutput} times to different payees (each
     * attempt valid alone) from 32 threads started together, through all nodes in turn.
     */
    static Spends spendEachCoinManyTimes(List<LedgerNode> nodes, TestParties parties, int outputs, int attemptsPerOutput)
            throws Exception {
        int n = nodes.size();
        Party owner = parties.client("Owner");
        AccountNumber from = parties.clientAccount(owner);
        List<AccountNumber> payees = new ArrayList<>();
        for (int i = 0; i < attemptsPerOutput; i++) {
            payees.add(parties.clientAccount(parties.client("Payee " + i)));
        }
        List<OutputRef> coins = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            CommittedTransaction c = nodes.get(i % n).ledger.submitAndWait(parties.issue(from, 10_000 + i, "coin-" + i), 10_000);
            coins.add(new OutputRef(c.id(), 0));
        }
        nodes.forEach(node -> node.registry.reload());

        // every attempt spends one coin to a different payee: all are valid alone, only one per coin may commit
        List<SignedTransaction> attempts = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            for (int k = 0; k < attemptsPerOutput; k++) {
                attempts.add(TestParties.transfer(owner, List.of(coins.get(i)),
                        List.of(Output.standard(payees.get(k), 10_000 + i)), "spend-" + i + "-" + k));
            }
        }
        java.util.Collections.shuffle(attempts, new java.util.Random(42));

        long fallbacksBefore = nodes.stream().mapToLong(node -> node.ledger.oneByOneFallbacks()).sum();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch go = new CountDownLatch(1);
        Map<OutputRef, AtomicInteger> commits = new ConcurrentHashMap<>();
        Map<ReasonCode, AtomicInteger> refusals = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            SignedTransaction tx = attempts.get(i);
            LedgerNode via = nodes.get(i % n);
            futures.add(pool.submit(() -> {
                go.await();
                try {
                    via.ledger.submitAndWait(tx, 30_000);
                    commits.computeIfAbsent(tx.tx().inputs().get(0), x -> new AtomicInteger()).incrementAndGet();
                } catch (LedgerException e) {
                    refusals.computeIfAbsent(e.reason(), x -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        long fallbacks = nodes.stream().mapToLong(node -> node.ledger.oneByOneFallbacks()).sum() - fallbacksBefore;
        return new Spends(outputs, attemptsPerOutput, commits, refusals, fallbacks);
    }
}
