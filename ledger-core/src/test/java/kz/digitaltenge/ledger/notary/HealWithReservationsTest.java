package kz.digitaltenge.ledger.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.store.PreparedTransaction;
import kz.digitaltenge.ledger.testing.LedgerChecks;
import kz.digitaltenge.ledger.testing.LedgerNode;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.TxId;
import org.junit.jupiter.api.Test;

/**
 * The split heals while both sides still hold reservations — some of the same outputs, some of their own; some
 * of them committed in the store but not yet finalized (the window between a commit and its finalization), some
 * never to be committed. After the merge ({@link SpentBucketMergePolicy}) and the recovery
 * ({@link ReservationRecovery}, against the store) the spent-set must say exactly what the store says: an output
 * spent there is marked spent by the store's spender and refused as spent by the spent-set itself; any other is
 * free; no reservation is left. And the merged cluster keeps refusing live conflicts on every member.
 */
class HealWithReservationsTest {
    /** Longer than reserving, healing and merging take, so the reservations live into the merge. */
    static final Duration LEASE = Duration.ofSeconds(5);

    @Test
    void everyMarkAgreesWithTheStoreAfterAHealWithReservationsOnBothSides() throws Exception {
        try (HikariDataSource db = TestDatabase.shared().fresh(); SplitCluster cluster = new SplitCluster(db, LEASE)) {
            LedgerNode big = cluster.big();
            LedgerNode small = cluster.small();
            TestParties parties = new TestParties(big.registry);
            Party owner = parties.client("Owner");
            AccountNumber from = parties.clientAccount(owner);
            AccountNumber a = parties.clientAccount(parties.client("A"));
            AccountNumber b = parties.clientAccount(parties.client("B"));
            cluster.nodes.forEach(n -> n.registry.reload());
            List<OutputRef> coins = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                coins.add(new OutputRef(big.ledger.submitAndWait(parties.issue(from, 700, "heal" + i), 10_000).id(), 0));
            }
            List<OutputRef> bothSmallCommits = coins.subList(0, 4);
            List<OutputRef> bothBigCommits = coins.subList(4, 8);
            List<OutputRef> bothNeitherCommits = coins.subList(8, 12);
            List<OutputRef> smallOnlyCommits = coins.subList(12, 15);
            List<OutputRef> bigOnlyInFlight = coins.subList(15, 18);
            List<OutputRef> spentOnEachSide = coins.subList(18, 24);

            cluster.split();
            Map<OutputRef, TxId> expectedSpender = new HashMap<>();
            // spends through the whole ledger on both sides: finalized, each side's marks in its own copy of the buckets
            for (int i = 0; i < spentOnEachSide.size(); i++) {
                OutputRef coin = spentOnEachSide.get(i);
                LedgerNode side = i % 2 == 0 ? big : small;
                expectedSpender.put(coin, side.ledger.submitAndWait(
                        TestParties.transfer(owner, List.of(coin), List.of(Output.standard(a, 700)), "side" + i), 10_000).id());
            }
            // reservations held on both sides at once (the AP hazard), committed by one side, by the other, by neither
            Map<OutputRef, TxId> heldBig = new HashMap<>();
            Map<OutputRef, TxId> heldSmall = new HashMap<>();
            for (OutputRef coin : concat(bothSmallCommits, bothBigCommits, bothNeitherCommits, bigOnlyInFlight)) {
                heldBig.put(coin, reserve(big, transferOf(owner, coin, a, "big")).id());
            }
            for (OutputRef coin : concat(bothSmallCommits, bothBigCommits, bothNeitherCommits, smallOnlyCommits)) {
                heldSmall.put(coin, reserve(small, transferOf(owner, coin, b, "small")).id());
            }
            for (OutputRef coin : concat(bothSmallCommits, smallOnlyCommits)) {
                expectedSpender.put(coin, commitWithoutFinalizing(small, transferOf(owner, coin, b, "small"), coin));
            }
            for (OutputRef coin : bothBigCommits) {
                expectedSpender.put(coin, commitWithoutFinalizing(big, transferOf(owner, coin, a, "big"), coin));
            }
            // each side holds what it reserved and refuses it to anyone else, as in flight
            assertHeldAndRefusedToOthers(big, heldBig);
            assertHeldAndRefusedToOthers(small, heldSmall);

            cluster.heal();
            await().atMost(Duration.ofSeconds(30)).until(() -> big.spentSet.reservedCount() == 0);
            Map<OutputRef, TxId> storeSpender = big.store.spentBy(coins);
            assertThat(storeSpender).isEqualTo(expectedSpender);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (OutputRef coin : coins) {
                    SpentMark mark = big.spentSet.find(coin);
                    if (storeSpender.containsKey(coin)) {
                        assertThat(mark).as("mark of %s, spent in the store by %s", coin, storeSpender.get(coin)).isNotNull();
                        assertThat(mark.getState()).isEqualTo(SpentMark.SPENT);
                        assertThat(mark.getTxId()).isEqualTo(storeSpender.get(coin).hex());
                    } else {
                        assertThat(mark).as("mark of %s, unspent in the store", coin).isNull();
                    }
                }
            });
            // the spent-set refuses every spent output as spent by the store's spender, on every member...
            long fallbacksBefore = fallbacks(cluster);
            for (int i = 0; i < coins.size(); i++) {
                OutputRef coin = coins.get(i);
                LedgerNode via = cluster.nodes.get(i % 3);
                if (storeSpender.containsKey(coin)) {
                    ReserveOutcome again = via.notary.reserve(SpentSetRaceTest.randomTx(), List.of(coin)).get(10, TimeUnit.SECONDS);
                    assertThat(again.kind()).as("a second spend of %s", coin).isEqualTo(ReserveOutcome.Kind.CONFLICT);
                    assertThat(again.spent()).isTrue();
                    assertThat(again.holder()).isEqualTo(storeSpender.get(coin).hex());
                } else {
                    // ...and every other output is free: it commits, granted by the spent-set without the store's help
                    via.ledger.submitAndWait(transferOf(owner, coin, a, "after"), 10_000);
                }
            }
            assertThat(fallbacks(cluster) - fallbacksBefore).isZero();

            // the merged cluster still refuses live conflicts on every member, and its sweeps leave live reservations alone
            Map<LedgerNode, OutputRef> live = new HashMap<>();
            Map<OutputRef, TxId> liveHolder = new HashMap<>();
            for (LedgerNode n : cluster.nodes) {
                OutputRef ref = new OutputRef(SpentSetRaceTest.randomTx(), 0);
                TxId tx = SpentSetRaceTest.randomTx();
                assertThat(n.notary.reserve(tx, List.of(ref)).get(10, TimeUnit.SECONDS).kind()).isEqualTo(ReserveOutcome.Kind.RESERVED);
                live.put(n, ref);
                liveHolder.put(ref, tx);
            }
            cluster.nodes.forEach(n -> n.spentSet.sweep());
            for (int i = 0; i < 3; i++) {
                OutputRef ref = live.get(cluster.nodes.get(i));
                ReserveOutcome other = cluster.nodes.get((i + 1) % 3).notary.reserve(SpentSetRaceTest.randomTx(), List.of(ref))
                        .get(10, TimeUnit.SECONDS);
                assertThat(other.kind()).as("a live reservation made through member %d after the heal", i)
                        .isEqualTo(ReserveOutcome.Kind.CONFLICT);
                assertThat(other.holder()).isEqualTo(liveHolder.get(ref).hex());
            }
            assertThat(LedgerChecks.doubleSpends(db)).isZero();
            assertThat(big.store.audit().consistent()).isTrue();
        }
    }

    private static SignedTransaction transferOf(Party owner, OutputRef coin, AccountNumber to, String side) {
        return TestParties.transfer(owner, List.of(coin), List.of(Output.standard(to, 700)), side + "-" + coin.txId().hex().substring(0, 12));
    }

    private static SignedTransaction reserve(LedgerNode side, SignedTransaction tx) throws Exception {
        assertThat(side.notary.reserve(tx.id(), tx.tx().inputs()).get(10, TimeUnit.SECONDS).kind()).isEqualTo(ReserveOutcome.Kind.RESERVED);
        return tx;
    }

    /** What a ledger does between its reservation and its finalization: the durable commit, and no more. */
    private static TxId commitWithoutFinalizing(LedgerNode side, SignedTransaction tx, OutputRef coin) {
        side.store.commits().commitOne(new PreparedTransaction(tx.id(), tx,
                List.of(side.store.loadOutputs(List.of(coin)).get(coin)), 0, 0));
        return tx.id();
    }

    private static void assertHeldAndRefusedToOthers(LedgerNode side, Map<OutputRef, TxId> held) throws Exception {
        for (Map.Entry<OutputRef, TxId> e : held.entrySet()) {
            SpentMark mark = side.spentSet.find(e.getKey());
            assertThat(mark).isNotNull();
            assertThat(mark.isReserved()).isTrue();
            assertThat(mark.getTxId()).isEqualTo(e.getValue().hex());
            ReserveOutcome other = side.notary.reserve(SpentSetRaceTest.randomTx(), List.of(e.getKey())).get(10, TimeUnit.SECONDS);
            assertThat(other.kind()).as("another reservation of %s on the side holding it", e.getKey()).isEqualTo(ReserveOutcome.Kind.CONFLICT);
            assertThat(other.spent()).isFalse();
            assertThat(other.holder()).isEqualTo(e.getValue().hex());
        }
    }

    private static long fallbacks(SplitCluster cluster) {
        return cluster.nodes.stream().mapToLong(n -> n.ledger.oneByOneFallbacks()).sum();
    }

    @SafeVarargs
    private static List<OutputRef> concat(List<OutputRef>... parts) {
        List<OutputRef> all = new ArrayList<>();
        for (List<OutputRef> p : parts) {
            all.addAll(p);
        }
        return all;
    }
}
