package kz.digitaltenge.ledger.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kz.digitaltenge.ledger.testing.LedgerNode;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.TxId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The spent-set's own job, asked directly and nothing behind it: reservations of overlapping inputs, all started
 * at once, through one member and through three. Every contender of a coin also asks for an input of its own, so a
 * refused one shows whether it gave back what it did get (all or none). No store commits anything here, so a notary
 * that answered RESERVED to everyone (the {@code LyingNotary}) has no primary key to hide behind.
 */
class SpentSetRaceTest {
    static final int COINS = 30;
    static final int CONTENDERS = 6;

    static HikariDataSource db;

    @BeforeAll
    static void database() {
        db = TestDatabase.shared().fresh();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void oneMemberGrantsEachCoinOnceAndAllOrNone() throws Exception {
        List<LedgerNode> nodes = LedgerNode.cluster(1, db, 1);
        try {
            race(nodes);
        } finally {
            nodes.forEach(LedgerNode::close);
        }
    }

    @Test
    void threeMembersGrantEachCoinOnceAndAllOrNone() throws Exception {
        List<LedgerNode> nodes = LedgerNode.cluster(3, db, 1);
        try {
            race(nodes);
        } finally {
            nodes.forEach(LedgerNode::close);
        }
    }

    /**
     * A holder's release and another transaction's release of the same input, sent one right after the other (a
     * transaction that timed out gives back all its inputs, held or not), land in one dispatcher batch: both must reach
     * the bucket, where only the holder's counts. Found by HealWithReservationsTest's author: one release per input per
     * batch kept the last one, so the holder's was lost and the input stayed reserved until its 30 s lease ran out —
     * here everything must be free long before that.
     */
    @Test
    void aHoldersReleaseIsNotLostBesideAnotherTransactionsReleaseOfTheSameInput() throws Exception {
        List<LedgerNode> nodes = LedgerNode.cluster(1, db, 1);
        try {
            SpentSet notary = nodes.get(0).notary;
            HazelcastSpentSet marks = nodes.get(0).spentSet;
            List<OutputRef> inputs = new ArrayList<>();
            List<TxId> holders = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                OutputRef in = new OutputRef(randomTx(), 0);
                TxId holder = randomTx();
                assertThat(notary.reserve(holder, List.of(in)).get(10, TimeUnit.SECONDS).kind()).isEqualTo(ReserveOutcome.Kind.RESERVED);
                inputs.add(in);
                holders.add(holder);
            }
            for (int i = 0; i < inputs.size(); i++) {
                notary.release(holders.get(i), List.of(inputs.get(i)));
                notary.release(randomTx(), List.of(inputs.get(i))); // never held it: changes nothing
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> marks.reservedCount() == 0);
            for (OutputRef in : inputs) {
                assertThat(notary.reserve(randomTx(), List.of(in)).get(10, TimeUnit.SECONDS).kind()).isEqualTo(ReserveOutcome.Kind.RESERVED);
            }
        } finally {
            nodes.forEach(LedgerNode::close);
        }
    }

    /** One contender: a transaction asking for the contested coin and an input nobody else wants. */
    record Contender(TxId tx, OutputRef coin, OutputRef own) {
        List<OutputRef> inputs() {
            return List.of(coin, own);
        }
    }

    /**
     * The race and what it must show, through each node's {@link LedgerNode#notary} (contender k of coin i asks member
     * (i + k) mod n), inspected through the spent-set's marks. Also run against the lying notary (LyingNotaryTest).
     */
    static void race(List<LedgerNode> nodes) throws Exception {
        List<OutputRef> coins = new ArrayList<>();
        for (int i = 0; i < COINS; i++) {
            coins.add(new OutputRef(randomTx(), 0));
        }
        List<List<Contender>> byContender = new ArrayList<>();
        for (int k = 0; k < CONTENDERS; k++) {
            List<Contender> mine = new ArrayList<>();
            for (OutputRef coin : coins) {
                mine.add(new Contender(randomTx(), coin, new OutputRef(randomTx(), 1)));
            }
            byContender.add(mine);
        }
        Map<Contender, ReserveOutcome> answers = reserveAllAtOnce(nodes, byContender);
        HazelcastSpentSet marks = nodes.get(0).spentSet;

        Map<OutputRef, Contender> winners = new HashMap<>();
        List<Contender> losers = new ArrayList<>();
        for (OutputRef coin : coins) {
            List<Contender> granted = new ArrayList<>();
            for (List<Contender> mine : byContender) {
                Contender c = mine.get(coins.indexOf(coin));
                ReserveOutcome answer = answers.get(c);
                if (answer.kind() == ReserveOutcome.Kind.RESERVED) {
                    granted.add(c);
                } else {
                    // refused for the coin it shares with the others, held by another contender still in flight
                    assertThat(answer.kind()).isEqualTo(ReserveOutcome.Kind.CONFLICT);
                    assertThat(answer.input()).isEqualTo(coin);
                    assertThat(answer.spent()).isFalse();
                    assertThat(answer.holder()).isNotEqualTo(c.tx().hex());
                    losers.add(c);
                }
            }
            assertThat(granted).as("contenders granted coin %s", coin).hasSize(1);
            winners.put(coin, granted.get(0));
        }
        // the winner holds both its inputs
        for (Contender w : winners.values()) {
            for (OutputRef in : w.inputs()) {
                SpentMark mark = marks.find(in);
                assertThat(mark).as("mark of %s", in).isNotNull();
                assertThat(mark.isReserved()).isTrue();
                assertThat(mark.getTxId()).isEqualTo(w.tx().hex());
            }
        }
        // a refused contender keeps none of its inputs (its own one is given back; the answer does not wait for that)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (Contender l : losers) {
                assertThat(marks.find(l.own())).as("own input of refused %s", l.tx()).isNull();
            }
        });
        // ... and someone else can have it, on any member
        for (int i = 0; i < losers.size(); i++) {
            Contender l = losers.get(i);
            TxId other = randomTx();
            SpentSet via = nodes.get(i % nodes.size()).notary;
            assertThat(via.reserve(other, List.of(l.own())).get(10, TimeUnit.SECONDS).kind()).isEqualTo(ReserveOutcome.Kind.RESERVED);
            assertThat(marks.find(l.own()).getTxId()).isEqualTo(other.hex());
            via.release(other, List.of(l.own()));
        }

        // settle the winners half and half: a spent coin is refused as spent, a released one is granted once again
        List<OutputRef> spent = coins.subList(0, COINS / 2);
        List<OutputRef> released = coins.subList(COINS / 2, COINS);
        spent.forEach(coin -> nodes.get(0).notary.finalizeSpent(winners.get(coin).tx(), winners.get(coin).inputs()));
        released.forEach(coin -> nodes.get(0).notary.release(winners.get(coin).tx(), winners.get(coin).inputs()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (OutputRef coin : spent) {
                assertThat(marks.find(coin)).isNotNull().extracting(SpentMark::getState).isEqualTo(SpentMark.SPENT);
            }
            for (OutputRef coin : released) {
                assertThat(marks.find(coin)).isNull();
            }
        });
        List<List<Contender>> again = new ArrayList<>();
        for (int k = 0; k < CONTENDERS; k++) {
            List<Contender> mine = new ArrayList<>();
            for (OutputRef coin : coins) {
                mine.add(new Contender(randomTx(), coin, new OutputRef(randomTx(), 1)));
            }
            again.add(mine);
        }
        Map<Contender, ReserveOutcome> second = reserveAllAtOnce(nodes, again);
        List<Contender> granted = new ArrayList<>();
        java.util.Set<OutputRef> toldSpent = new java.util.HashSet<>();
        for (List<Contender> mine : again) {
            for (Contender c : mine) {
                ReserveOutcome answer = second.get(c);
                if (spent.contains(c.coin())) {
                    assertThat(answer.kind()).as("a spent coin asked for again").isEqualTo(ReserveOutcome.Kind.CONFLICT);
                    // a contender queued behind another in the same batch is refused before the map is asked (as if
                    // in flight); whoever the map answers learns the coin's spender
                    if (answer.spent()) {
                        assertThat(answer.holder()).isEqualTo(winners.get(c.coin()).tx().hex());
                        toldSpent.add(c.coin());
                    }
                } else if (answer.kind() == ReserveOutcome.Kind.RESERVED) {
                    granted.add(c);
                }
            }
        }
        assertThat(toldSpent).as("spent coins refused as spent").containsExactlyInAnyOrderElementsOf(spent);
        assertThat(granted).extracting(Contender::coin).as("released coins granted again").containsExactlyInAnyOrderElementsOf(released);
        granted.forEach(c -> nodes.get(0).notary.release(c.tx(), c.inputs()));
        await().atMost(Duration.ofSeconds(10)).until(() -> marks.reservedCount() == 0);
    }

    /** Each contender index on a thread of its own; all threads start together and send every request before waiting. */
    private static Map<Contender, ReserveOutcome> reserveAllAtOnce(List<LedgerNode> nodes, List<List<Contender>> byContender)
            throws Exception {
        CountDownLatch ready = new CountDownLatch(byContender.size());
        CountDownLatch go = new CountDownLatch(1);
        Map<Contender, CompletableFuture<ReserveOutcome>> asked = new java.util.concurrent.ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < byContender.size(); k++) {
            int contender = k;
            Thread t = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                List<Contender> mine = byContender.get(contender);
                for (int i = 0; i < mine.size(); i++) {
                    Contender c = mine.get(i);
                    asked.put(c, nodes.get((i + contender) % nodes.size()).notary.reserve(c.tx(), c.inputs()));
                }
            }, "contender-" + k);
            threads.add(t);
            t.start();
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }
        Map<Contender, ReserveOutcome> answers = new HashMap<>();
        for (List<Contender> mine : byContender) {
            for (Contender c : mine) {
                answers.put(c, asked.get(c).get(20, TimeUnit.SECONDS));
            }
        }
        return answers;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    static TxId randomTx() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return TxId.of(b);
    }
}
