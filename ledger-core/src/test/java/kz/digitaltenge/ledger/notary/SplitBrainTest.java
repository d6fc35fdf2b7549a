package kz.digitaltenge.ledger.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.test.HazelcastTestSupport;
import com.hazelcast.test.SplitBrainTestSupport;
import com.hazelcast.test.TestHazelcastInstanceFactory;
import com.zaxxer.hikari.HikariDataSource;
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
import kz.digitaltenge.ledger.testing.LedgerChecks;
import kz.digitaltenge.ledger.testing.LedgerNode;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import org.junit.jupiter.api.Test;

/**
 * A live 3-member cluster is cut in two with Hazelcast's own split-brain test support (a firewalling network
 * that drops every packet between the sides), both sides spend the same outputs at once, then the network heals
 * and the sides merge. Split-brain protection is deliberately off here (minimum size 1) so that both sides keep
 * granting: the store alone must keep every output single-spent.
 */
class SplitBrainTest {

    private static Config memberConfig(String cluster) {
        Config config = new Config().setClusterName(cluster);
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "2");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "2");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getJetConfig().setEnabled(false);
        return HazelcastSpentSet.configure(config, 1);
    }

    @Test
    void bothSidesSpendDuringAPartitionAndTheStoreKeepsEachOutputSingleSpent() throws Exception {
        TestHazelcastInstanceFactory factory = new TestHazelcastInstanceFactory(3);
        List<LedgerNode> nodes = new ArrayList<>();
        try (HikariDataSource db = TestDatabase.shared().fresh()) {
            Config config = memberConfig("split-" + java.util.UUID.randomUUID());
            HazelcastInstance h1 = factory.newHazelcastInstance(config);
            HazelcastInstance h2 = factory.newHazelcastInstance(config);
            HazelcastInstance h3 = factory.newHazelcastInstance(config);
            await().atMost(Duration.ofSeconds(30)).until(() -> h3.getCluster().getMembers().size() == 3);
            for (HazelcastInstance hz : List.of(h1, h2, h3)) {
                nodes.add(new LedgerNode(hz, db, Duration.ofSeconds(5), Duration.ofMillis(500)));
            }
            LedgerNode big = nodes.get(0);
            LedgerNode small = nodes.get(2);
            TestParties parties = new TestParties(big.registry);
            Party owner = parties.client("Owner");
            AccountNumber from = parties.clientAccount(owner);
            AccountNumber a = parties.clientAccount(parties.client("A"));
            AccountNumber b = parties.clientAccount(parties.client("B"));
            nodes.forEach(n -> n.registry.reload());
            List<OutputRef> coins = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                coins.add(new OutputRef(big.ledger.submitAndWait(parties.issue(from, 500, "sb" + i), 10_000).id(), 0));
            }
            // some spends before the split, so both sides start with SPENT marks in their buckets
            List<OutputRef> spentBefore = coins.subList(0, 5);
            for (OutputRef coin : spentBefore) {
                big.ledger.submitAndWait(TestParties.transfer(owner, List.of(coin), List.of(Output.standard(a, 500)), "pre" + coin.index() + coin.txId().hex().substring(0, 8)), 10_000);
            }

            // cut {h1, h2} | {h3}
            SplitBrainTestSupport.blockCommunicationBetween(h1, h3);
            SplitBrainTestSupport.blockCommunicationBetween(h2, h3);
            HazelcastTestSupport.closeConnectionBetween(h1, h3);
            HazelcastTestSupport.closeConnectionBetween(h2, h3);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    h3.getCluster().getMembers().size() == 1 && h1.getCluster().getMembers().size() == 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> h3.getPartitionService().isClusterSafe());

            // the hazard is real: both sides grant the same output
            OutputRef contested = coins.get(5);
            SignedTransaction toA = TestParties.transfer(owner, List.of(contested), List.of(Output.standard(a, 500)), "toA");
            SignedTransaction toB = TestParties.transfer(owner, List.of(contested), List.of(Output.standard(b, 500)), "toB");
            assertThat(big.spentSet.reserve(toA.id(), List.of(contested)).get(10, TimeUnit.SECONDS).kind())
                    .isEqualTo(ReserveOutcome.Kind.RESERVED);
            assertThat(small.spentSet.reserve(toB.id(), List.of(contested)).get(10, TimeUnit.SECONDS).kind())
                    .isEqualTo(ReserveOutcome.Kind.RESERVED);
            big.spentSet.release(toA.id(), List.of(contested));
            small.spentSet.release(toB.id(), List.of(contested));

            // every unspent coin spent on both sides at once, through the full ledger
            Map<OutputRef, AtomicInteger> commits = new ConcurrentHashMap<>();
            List<CompletableFuture<CommittedTransaction>> all = new ArrayList<>();
            for (int i = 5; i < coins.size(); i++) {
                OutputRef coin = coins.get(i);
                List<CompletableFuture<CommittedTransaction>> pair = List.of(
                        nodes.get(i % 2).ledger.submit(TestParties.transfer(owner, List.of(coin), List.of(Output.standard(a, 500)), "L" + i)),
                        small.ledger.submit(TestParties.transfer(owner, List.of(coin), List.of(Output.standard(b, 500)), "R" + i)));
                for (CompletableFuture<CommittedTransaction> f : pair) {
                    all.add(f.whenComplete((c, e) -> {
                        if (e == null) {
                            commits.computeIfAbsent(coin, x -> new AtomicInteger()).incrementAndGet();
                        }
                    }));
                }
            }
            // and the spends made before the split are refused on the side that never saw them
            for (OutputRef coin : spentBefore) {
                all.add(small.ledger.submit(TestParties.transfer(owner, List.of(coin), List.of(Output.standard(b, 500)), "late" + coin.txId().hex().substring(0, 8))));
            }
            for (CompletableFuture<CommittedTransaction> f : all) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    assertThat(((LedgerException) e.getCause()).reason()).isIn(ReasonCode.ALREADY_SPENT, ReasonCode.INPUT_RESERVED);
                }
            }
            assertThat(commits).hasSize(coins.size() - 5);
            assertThat(commits.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
            assertThat(LedgerChecks.doubleSpends(db)).isZero();

            // heal: the sides merge; the merged spent-set knows every spend and nothing stays reserved
            SplitBrainTestSupport.unblockCommunicationBetween(h1, h3);
            SplitBrainTestSupport.unblockCommunicationBetween(h2, h3);
            await().atMost(Duration.ofSeconds(60)).until(() -> h1.getCluster().getMembers().size() == 3
                    && h3.getCluster().getMembers().size() == 3 && h1.getPartitionService().isClusterSafe());
            await().atMost(Duration.ofSeconds(30)).until(() -> big.spentSet.reservedCount() == 0);
            // the merge policy unions the sides' buckets: every coin is known as spent, whichever side spent it
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (OutputRef coin : coins) {
                    SpentMark mark = big.spentSet.find(coin);
                    assertThat(mark).as("spent-set mark of %s after merge", coin).isNotNull();
                    assertThat(mark.getState()).isEqualTo(SpentMark.SPENT);
                }
            });
            assertThat(LedgerChecks.doubleSpends(db)).isZero();
            assertThat(big.store.audit().consistent()).isTrue();
        } finally {
            nodes.forEach(LedgerNode::close);
            factory.terminateAll();
        }
    }
}
