package kz.digitaltenge.ledger.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.testing.LedgerChecks;
import kz.digitaltenge.ledger.testing.LedgerNode;
import kz.digitaltenge.ledger.testing.MemberProcess;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.TxId;
import org.junit.jupiter.api.Test;

/**
 * A ledger node in its own JVM stops at a step of the protocol, says so, and only then is killed with SIGKILL:
 * (a) its inputs reserved, nothing committed; (b) reserved and durably committed in the store, never finalized in the
 * spent-set. Until the kill the spent-set refuses both to anyone else as in flight; after it, the survivors' recovery
 * settles each by the store's word: (a) released, the outputs spendable; (b) spent by the committed transaction, and a
 * second spend refused as spent by the spent-set itself.
 */
class KilledAtAProtocolStepTest {

    @Test
    void killedWhenReservedAndWhenCommittedButNotFinalized() throws Exception {
        try (HikariDataSource db = TestDatabase.shared().fresh();
             ChildAndTwoMembers cluster = new ChildAndTwoMembers("step", db, db.getJdbcUrl(), new File("target/killed-at-a-step.log"))) {
            Process child = cluster.child;
            List<HazelcastInstance> members = cluster.members;
            List<LedgerNode> nodes = cluster.nodes;
            LedgerNode survivor = nodes.get(0);
            LedgerNode other = nodes.get(1);
            TestParties parties = new TestParties(survivor.registry);
            Party owner = parties.client("Owner");
            AccountNumber from = parties.clientAccount(owner);
            AccountNumber to = parties.clientAccount(parties.client("Payee"));
            other.registry.reload();
            List<OutputRef> coins = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                coins.add(new OutputRef(survivor.ledger.submitAndWait(parties.issue(from, 100, "step" + i), 10_000).id(), 0));
            }
            List<OutputRef> reservedOnly = coins.subList(0, 5);
            List<OutputRef> committedOnly = coins.subList(5, 10);
            SignedTransaction held = TestParties.transfer(owner, reservedOnly, List.of(Output.standard(to, 500)), "held");
            SignedTransaction committed = TestParties.transfer(owner, committedOnly, List.of(Output.standard(to, 500)), "committed");
            PrintStream commands = cluster.commands;
            commands.println(MemberProcess.command("HOLD", held));
            assertThat(cluster.answer("HELD", "COMMITTED", "ERR")).isEqualTo("HELD " + held.id().hex());
            commands.println(MemberProcess.command("COMMIT", committed));
            assertThat(cluster.answer("HELD", "COMMITTED", "ERR")).isEqualTo("COMMITTED " + committed.id().hex());

            // where the protocol stands: both reserved by the child, only one of them in the store
            String childMember = members.get(0).getCluster().getMembers().stream().map(Member::getUuid)
                    .filter(u -> members.stream().noneMatch(m -> m.getCluster().getLocalMember().getUuid().equals(u)))
                    .findFirst().orElseThrow().toString();
            assertReservedBy(survivor.spentSet, reservedOnly, held.id(), childMember);
            assertReservedBy(survivor.spentSet, committedOnly, committed.id(), childMember);
            assertThat(survivor.store.spentBy(coins)).containsOnlyKeys(committedOnly)
                    .allSatisfy((coin, tx) -> assertThat(tx).isEqualTo(committed.id()));
            // and the spent-set refuses both to anyone else, as in flight
            for (List<OutputRef> inFlight : List.of(reservedOnly, committedOnly)) {
                TxId holder = inFlight == reservedOnly ? held.id() : committed.id();
                ReserveOutcome refused = other.notary.reserve(SpentSetRaceTest.randomTx(), inFlight).get(10, TimeUnit.SECONDS);
                assertThat(refused.kind()).as("another reservation of what the child holds").isEqualTo(ReserveOutcome.Kind.CONFLICT);
                assertThat(refused.spent()).isFalse();
                assertThat(refused.holder()).isEqualTo(holder.hex());
            }
            assertThatThrownBy(() -> other.ledger.submitAndWait(
                    TestParties.transfer(owner, reservedOnly, List.of(Output.standard(from, 500)), "meanwhile"), 10_000))
                    .isInstanceOf(LedgerException.class)
                    .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.INPUT_RESERVED));

            child.destroyForcibly(); // SIGKILL, after the answers
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(40)).until(() -> members.get(0).getCluster().getMembers().size() == 2
                    && survivor.spentSet.reservedCount() == 0);

            // (b) committed: spent by the committed transaction, and the spent-set itself refuses a second spend
            for (OutputRef coin : committedOnly) {
                SpentMark mark = survivor.spentSet.find(coin);
                assertThat(mark).as("mark of %s", coin).isNotNull();
                assertThat(mark.getState()).isEqualTo(SpentMark.SPENT);
                assertThat(mark.getTxId()).isEqualTo(committed.id().hex());
            }
            ReserveOutcome again = other.notary.reserve(SpentSetRaceTest.randomTx(), committedOnly).get(10, TimeUnit.SECONDS);
            assertThat(again.kind()).isEqualTo(ReserveOutcome.Kind.CONFLICT);
            assertThat(again.spent()).isTrue();
            assertThat(again.holder()).isEqualTo(committed.id().hex());
            assertThatThrownBy(() -> survivor.ledger.submitAndWait(
                    TestParties.transfer(owner, committedOnly, List.of(Output.standard(from, 500)), "second"), 10_000))
                    .isInstanceOf(LedgerException.class)
                    .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.ALREADY_SPENT));
            // (a) reserved only: released, as the store never had it; spendable, granted by the spent-set alone
            for (OutputRef coin : reservedOnly) {
                assertThat(survivor.spentSet.find(coin)).as("mark of %s", coin).isNull();
            }
            long fallbacks = survivor.ledger.oneByOneFallbacks();
            survivor.ledger.submitAndWait(TestParties.transfer(owner, reservedOnly, List.of(Output.standard(to, 500)), "after"), 10_000);
            assertThat(survivor.ledger.oneByOneFallbacks()).isEqualTo(fallbacks);

            assertThat(LedgerChecks.doubleSpends(db)).isZero();
            Map<OutputRef, Integer> uses = LedgerChecks.inputUses(db);
            assertThat(uses.keySet()).containsAll(coins);
            assertThat(survivor.store.audit().consistent()).isTrue();
        }
    }

    private static void assertReservedBy(HazelcastSpentSet spentSet, List<OutputRef> coins, TxId tx, String member) {
        for (OutputRef coin : coins) {
            SpentMark mark = spentSet.find(coin);
            assertThat(mark).as("mark of %s", coin).isNotNull();
            assertThat(mark.isReserved()).isTrue();
            assertThat(mark.getTxId()).isEqualTo(tx.hex());
            assertThat(mark.getOwner()).isEqualTo(member);
        }
    }
}
