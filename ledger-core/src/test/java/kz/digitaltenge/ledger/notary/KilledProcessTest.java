package kz.digitaltenge.ledger.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.junit.jupiter.api.Test;

/**
 * The most honest crash: a ledger node in its own JVM, holding reservations and with transactions in flight,
 * is killed with SIGKILL. The two members in this JVM must recover every orphan against the store and no
 * output may be spent twice.
 */
class KilledProcessTest {

    @Test
    void sigkillOfAMemberProcess() throws Exception {
        try (HikariDataSource db = TestDatabase.shared().fresh();
             ChildAndTwoMembers cluster = new ChildAndTwoMembers("kill", db, db.getJdbcUrl(), new File("target/killed-member.log"))) {
            Process child = cluster.child;
            List<LedgerNode> nodes = cluster.nodes;
            TestParties parties = new TestParties(nodes.get(0).registry);
            Party owner = parties.client("Owner");
            AccountNumber from = parties.clientAccount(owner);
            AccountNumber to = parties.clientAccount(parties.client("Payee"));
            nodes.get(1).registry.reload();
            List<OutputRef> coins = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                coins.add(new OutputRef(nodes.get(0).ledger.submitAndWait(parties.issue(from, 100, "k" + i), 10_000).id(), 0));
            }
            PrintStream commands = cluster.commands;
            // the child holds 10 coins reserved without committing...
            List<OutputRef> held = coins.subList(0, 10);
            commands.println(MemberProcess.command("HOLD",
                    TestParties.transfer(owner, held, List.of(Output.standard(to, 1000)), "held")));
            assertThat(cluster.answer("HELD", "OK", "ERR")).startsWith("HELD ");
            // ...and has 50 transfers in flight, each with a twin submitted here
            List<java.util.concurrent.CompletableFuture<?>> twins = new ArrayList<>();
            for (int i = 10; i < 60; i++) {
                commands.println(MemberProcess.command("SUBMIT",
                        TestParties.transfer(owner, List.of(coins.get(i)), List.of(Output.standard(to, 100)), "child" + i)));
                twins.add(nodes.get(i % 2).ledger.submit(
                        TestParties.transfer(owner, List.of(coins.get(i)), List.of(Output.standard(from, 100)), "here" + i)));
            }
            // kill once the child is demonstrably mid-stream: it has answered its first transfer
            assertThat(cluster.answer("HELD", "OK", "ERR")).matches("(OK|ERR) .*");
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (var f : twins) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(LedgerException.class);
                }
            }

            await().atMost(Duration.ofSeconds(40)).until(() -> nodes.get(0).spentSet.reservedCount() == 0);
            // the held coins were released and can be spent; every coin ends spent exactly once
            nodes.get(0).ledger.submitAndWait(TestParties.transfer(owner, held, List.of(Output.standard(to, 1000)), "after"), 10_000);
            for (int i = 10; i < 60; i++) {
                try {
                    nodes.get(1).ledger.submitAndWait(TestParties.transfer(owner, List.of(coins.get(i)),
                            List.of(Output.standard(to, 100)), "final" + i), 10_000);
                } catch (LedgerException e) {
                    assertThat(e.reason()).isEqualTo(ReasonCode.ALREADY_SPENT);
                }
            }
            assertThat(LedgerChecks.doubleSpends(db)).isZero();
            assertThat(LedgerChecks.inputUses(db).keySet()).containsAll(coins);
            assertThat(nodes.get(0).store.audit().consistent()).isTrue();
        }
    }
}
