package kz.digitaltenge.ledger.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A member is terminated hard (no graceful shutdown, no partition hand-over) while transactions are in flight
 * and while it holds reservations at every step of the protocol. Afterwards: no double spend, and no output
 * stays reserved — each orphan is resolved against the store.
 */
class MemberCrashTest {
    HikariDataSource db;
    List<LedgerNode> nodes;

    @AfterEach
    void stop() {
        nodes.forEach(n -> {
            try {
                n.close();
            } catch (RuntimeException ignored) {
                // the crashed one
            }
        });
        db.close();
    }

    @Test
    void crashAtEveryStepLeavesNoDoubleSpendAndNoStuckReservation() throws Exception {
        db = TestDatabase.shared().fresh();
        nodes = LedgerNode.cluster(3, db, 1);
        TestParties parties = new TestParties(nodes.get(0).registry);
        Party owner = parties.client("Owner");
        AccountNumber from = parties.clientAccount(owner);
        AccountNumber to = parties.clientAccount(parties.client("Payee"));
        nodes.forEach(n -> n.registry.reload());
        List<OutputRef> coins = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            coins.add(new OutputRef(nodes.get(0).ledger.submitAndWait(parties.issue(from, 1000, "c" + i), 10_000).id(), 0));
        }
        LedgerNode victim = nodes.get(2);

        // step 1: reserved, never committed (crash between reserve and commit)
        List<OutputRef> reservedOnly = coins.subList(0, 10);
        SignedTransaction orphan = TestParties.transfer(owner, reservedOnly, List.of(Output.standard(to, 10_000)), "orphan");
        assertThat(victim.spentSet.reserve(orphan.id(), reservedOnly).get(10, TimeUnit.SECONDS).kind())
                .isEqualTo(ReserveOutcome.Kind.RESERVED);

        // step 2: reserved and durably committed, never finalized (crash between commit and finalize)
        List<OutputRef> committedOnly = coins.subList(10, 20);
        SignedTransaction done = TestParties.transfer(owner, committedOnly, List.of(Output.standard(to, 10_000)), "done");
        assertThat(victim.spentSet.reserve(done.id(), committedOnly).get(10, TimeUnit.SECONDS).kind())
                .isEqualTo(ReserveOutcome.Kind.RESERVED);
        List<StoredOutput> inputs = new ArrayList<>(victim.store.loadOutputs(committedOnly).values());
        inputs.sort(java.util.Comparator.comparingInt(so -> committedOnly.indexOf(so.ref())));
        CommittedTransaction committed = victim.store.commits().commitOne(new PreparedTransaction(done.id(), done, inputs, 0, 0));

        // step 3: transactions in flight through all members, the victim among them, while it dies
        List<CompletableFuture<CommittedTransaction>> inFlight = new ArrayList<>();
        for (int i = 20; i < 90; i++) {
            SignedTransaction tx = TestParties.transfer(owner, List.of(coins.get(i)), List.of(Output.standard(to, 1000)), "f" + i);
            inFlight.add(nodes.get(i % 3).ledger.submit(tx));
            // and a conflicting twin through another member
            SignedTransaction twin = TestParties.transfer(owner, List.of(coins.get(i)), List.of(Output.standard(from, 1000)), "t" + i);
            inFlight.add(nodes.get((i + 1) % 3).ledger.submit(twin));
        }
        victim.hazelcast.getLifecycleService().terminate();

        int ok = 0;
        for (CompletableFuture<CommittedTransaction> f : inFlight) {
            try {
                f.get(60, TimeUnit.SECONDS);
                ok++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(LedgerException.class);
            }
        }
        assertThat(ok).isLessThanOrEqualTo(70);

        List<LedgerNode> survivors = nodes.subList(0, 2);
        // the orphans are resolved by the survivors' recovery sweep: nothing stays reserved
        await().atMost(Duration.ofSeconds(30)).until(() -> survivors.get(0).spentSet.reservedCount() == 0);
        HazelcastSpentSet notary = survivors.get(0).spentSet;
        for (OutputRef ref : committedOnly) {
            SpentMark mark = notary.find(ref);
            assertThat(mark).isNotNull();
            assertThat(mark.getState()).isEqualTo(SpentMark.SPENT);
            assertThat(mark.getTxId()).isEqualTo(committed.id().hex());
        }
        for (OutputRef ref : reservedOnly) {
            assertThat(notary.find(ref)).isNull();
        }

        // released outputs are spendable again; recovered-spent ones are refused by the notary itself
        LedgerNode survivor = survivors.get(0);
        CommittedTransaction respend = survivor.ledger.submitAndWait(
                TestParties.transfer(owner, reservedOnly, List.of(Output.standard(to, 10_000)), "respend"), 10_000);
        assertThat(respend.balancesAfter()).containsKey(to);
        SignedTransaction again = TestParties.transfer(owner, committedOnly, List.of(Output.standard(from, 10_000)), "again");
        assertThat(survivor.spentSet.reserve(again.id(), committedOnly).get(10, TimeUnit.SECONDS))
                .satisfies(o -> {
                    assertThat(o.kind()).isEqualTo(ReserveOutcome.Kind.CONFLICT);
                    assertThat(o.spent()).isTrue();
                });
        // and every in-flight coin that did not commit can still be spent, exactly once
        for (int i = 20; i < 90; i++) {
            try {
                survivor.ledger.submitAndWait(TestParties.transfer(owner, List.of(coins.get(i)),
                        List.of(Output.standard(to, 1000)), "after" + i), 10_000);
            } catch (LedgerException e) {
                assertThat(e.reason()).isEqualTo(ReasonCode.ALREADY_SPENT);
            }
        }
        assertThat(LedgerChecks.doubleSpends(db)).isZero();
        assertThat(LedgerChecks.inputUses(db).keySet()).containsAll(coins);
        assertThat(survivor.store.audit().consistent()).isTrue();
        assertThat(survivor.spentSet.reservedCount()).isZero();
    }
}
