package kz.digitaltenge.ledger.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.testing.LedgerChecks;
import kz.digitaltenge.ledger.testing.LedgerNode;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.TxId;
import org.junit.jupiter.api.Test;

/**
 * Outputs spent before a split are spent on both sides of it and after its heal: every later spend is refused
 * {@code ALREADY_SPENT}, and the spent-set itself refuses them as spent by their spender wherever it holds their
 * marks — everywhere on the big side (it keeps a copy of every partition), on the small side for the partitions it
 * owned, on every member after the merge. Each coin is issued through one node and spent through the next, so every
 * node still has some spent coin in its recent-outputs cache (content only): a late spend there passes validation
 * and reaches the spent-set, and only the spent-set stands between it and a batch the store must take apart.
 */
class LateSpendAfterSplitTest {

    @Test
    void spendsOfOutputsSpentBeforeTheSplitAreRefusedOnBothSidesAndAfterTheHeal() throws Exception {
        try (HikariDataSource db = TestDatabase.shared().fresh(); SplitCluster cluster = new SplitCluster(db, Duration.ofSeconds(30))) {
            List<LedgerNode> nodes = cluster.nodes;
            LedgerNode small = cluster.small();
            TestParties parties = new TestParties(cluster.big().registry);
            Party owner = parties.client("Owner");
            AccountNumber from = parties.clientAccount(owner);
            AccountNumber to = parties.clientAccount(parties.client("Payee"));
            nodes.forEach(n -> n.registry.reload());

            // spent before the split; some whose bucket the small side owns, some whose bucket it may not even copy
            Map<OutputRef, TxId> spender = new HashMap<>();
            List<OutputRef> ownedBySmall = new ArrayList<>();
            List<OutputRef> ownedByBig = new ArrayList<>();
            for (int i = 0; (ownedBySmall.size() < 3 || ownedByBig.size() < 3) && i < 60; i++) {
                OutputRef coin = new OutputRef(nodes.get(i % 3).ledger.submitAndWait(parties.issue(from, 300, "late" + i), 10_000).id(), 0);
                spender.put(coin, nodes.get((i + 1) % 3).ledger.submitAndWait(
                        TestParties.transfer(owner, List.of(coin), List.of(Output.standard(to, 300)), "pre" + i), 10_000).id());
                (bucketOwnedBy(small.hazelcast, coin) ? ownedBySmall : ownedByBig).add(coin);
            }
            assertThat(ownedBySmall).hasSizeGreaterThanOrEqualTo(3);
            assertThat(ownedByBig).hasSizeGreaterThanOrEqualTo(3);
            List<OutputRef> spentBefore = new ArrayList<>(spender.keySet());

            cluster.split();
            long bigFallbacks = fallbacks(nodes.subList(0, 2));
            assertRefusedByTheLedger(nodes, owner, to, spentBefore, "split");
            for (LedgerNode bigSide : nodes.subList(0, 2)) {
                assertRefusedAsSpentByTheSpentSet(bigSide, spentBefore, spender);
            }
            assertRefusedAsSpentByTheSpentSet(small, ownedBySmall, spender);
            // the big side holds every mark: none of its late spends reached the store's primary key
            assertThat(fallbacks(nodes.subList(0, 2)) - bigFallbacks).isZero();

            cluster.heal();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (OutputRef coin : spentBefore) {
                    SpentMark mark = cluster.big().spentSet.find(coin);
                    assertThat(mark).as("mark of %s after the merge", coin).isNotNull();
                    assertThat(mark.getTxId()).isEqualTo(spender.get(coin).hex());
                }
            });
            long allFallbacks = fallbacks(nodes);
            assertRefusedByTheLedger(nodes, owner, to, spentBefore, "healed");
            for (LedgerNode n : nodes) {
                assertRefusedAsSpentByTheSpentSet(n, spentBefore, spender);
            }
            assertThat(fallbacks(nodes) - allFallbacks).isZero();
            assertThat(LedgerChecks.doubleSpends(db)).isZero();
            assertThat(cluster.big().spentSet.reservedCount()).isZero();
            assertThat(cluster.big().store.audit().consistent()).isTrue();
        }
    }

    /** Whether the partition of the coin's bucket is owned by this member now. */
    private static boolean bucketOwnedBy(HazelcastInstance member, OutputRef coin) {
        int bucket = new SpentSetMap(member).bucketOf(coin.key());
        return member.getPartitionService().getPartition(bucket).getOwner().getUuid()
                .equals(member.getCluster().getLocalMember().getUuid());
    }

    private static void assertRefusedByTheLedger(List<LedgerNode> nodes, Party owner, AccountNumber to, List<OutputRef> coins,
                                                 String phase) {
        for (int k = 0; k < nodes.size(); k++) {
            LedgerNode n = nodes.get(k);
            for (OutputRef coin : coins) {
                String reference = phase + k + "-" + coin.txId().hex().substring(0, 12);
                assertThatThrownBy(() -> n.ledger.submitAndWait(TestParties.transfer(owner, List.of(coin),
                        List.of(Output.standard(to, 300)), reference), 10_000))
                        .isInstanceOf(LedgerException.class)
                        .satisfies(e -> assertThat(((LedgerException) e).reason()).as("late spend %s", reference)
                                .isEqualTo(ReasonCode.ALREADY_SPENT));
            }
        }
    }

    private static void assertRefusedAsSpentByTheSpentSet(LedgerNode n, List<OutputRef> coins, Map<OutputRef, TxId> spender)
            throws Exception {
        for (OutputRef coin : coins) {
            ReserveOutcome again = n.notary.reserve(SpentSetRaceTest.randomTx(), List.of(coin)).get(10, TimeUnit.SECONDS);
            assertThat(again.kind()).as("the spent-set asked for %s, spent before the split", coin).isEqualTo(ReserveOutcome.Kind.CONFLICT);
            assertThat(again.spent()).isTrue();
            assertThat(again.holder()).isEqualTo(spender.get(coin).hex());
        }
    }

    private static long fallbacks(List<LedgerNode> nodes) {
        return nodes.stream().mapToLong(n -> n.ledger.oneByOneFallbacks()).sum();
    }
}
