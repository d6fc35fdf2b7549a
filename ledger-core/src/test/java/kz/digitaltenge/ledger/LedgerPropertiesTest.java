package kz.digitaltenge.ledger;

import kz.digitaltenge.canonical.ReasonCode;

import kz.digitaltenge.canonical.LedgerException;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.testing.LedgerChecks;
import kz.digitaltenge.ledger.testing.LedgerNode;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random sequences of issue / transfer / redeem, with random conflicting pairs submitted at once through two
 * members, keep: supply = issued − redeemed = sum of unspent outputs = sum of balances; the model of issued
 * and redeemed amounts matches the store; no output is an input of two committed transactions.
 */
class LedgerPropertiesTest {
    static HikariDataSource db;
    static List<LedgerNode> nodes;
    static TestParties parties;

    @BeforeContainer
    static void start() {
        db = TestDatabase.shared().fresh();
        nodes = LedgerNode.cluster(2, db, 1);
        parties = new TestParties(nodes.get(0).registry);
    }

    @AfterContainer
    static void stop() {
        nodes.forEach(LedgerNode::close);
        db.close();
    }

    /** kind: 0 issue, 1 transfer, 2 redeem, 3 two conflicting transfers at once. */
    record Op(int kind, int account, int target, int amount) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 1_000_000))
                .as(Op::new);
        return op.list().ofMinSize(5).ofMaxSize(25);
    }

    @Property(tries = 20)
    void supplyIsConservedAndNothingIsSpentTwice(@ForAll("ops") List<Op> ops) throws Exception {
        List<Party> owners = new ArrayList<>();
        List<AccountNumber> accounts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Party p = parties.client("P" + i);
            owners.add(p);
            accounts.add(parties.clientAccount(p));
        }
        nodes.forEach(n -> n.registry.reload());
        var before = nodes.get(0).store.supply();
        long issued = 0;
        long redeemed = 0;
        int n = 0;
        for (Op op : ops) {
            n++;
            int who = op.account();
            List<StoredOutput> mine = nodes.get(0).store.unspentOutputs(accounts.get(who), 4);
            long total = mine.stream().mapToLong(s -> s.output().amount()).sum();
            List<OutputRef> refs = mine.stream().map(StoredOutput::ref).toList();
            String ref = "op-" + System.nanoTime() + "-" + n;
            switch (op.kind()) {
                case 0 -> {
                    nodes.get(n % 2).ledger.submitAndWait(parties.issue(accounts.get(who), op.amount(), ref), 10_000);
                    issued += op.amount();
                }
                case 1 -> {
                    if (mine.isEmpty()) {
                        continue;
                    }
                    long part = 1 + Math.floorMod(op.amount(), total);
                    List<Output> outs = new ArrayList<>();
                    outs.add(Output.standard(accounts.get(op.target()), part));
                    if (part < total) {
                        outs.add(Output.standard(accounts.get(who), total - part));
                    }
                    nodes.get(n % 2).ledger.submitAndWait(TestParties.transfer(owners.get(who), refs, outs, ref), 10_000);
                }
                case 2 -> {
                    if (mine.isEmpty()) {
                        continue;
                    }
                    long destroy = 1 + Math.floorMod(op.amount(), total);
                    List<Output> change = destroy < total ? List.of(Output.standard(accounts.get(who), total - destroy)) : List.of();
                    nodes.get(n % 2).ledger.submitAndWait(parties.redeem(owners.get(who), refs, change, ref), 10_000);
                    redeemed += destroy;
                }
                default -> {
                    if (mine.isEmpty()) {
                        continue;
                    }
                    SignedTransaction x = TestParties.transfer(owners.get(who), refs,
                            List.of(Output.standard(accounts.get(op.target()), total)), ref + "x");
                    SignedTransaction y = TestParties.transfer(owners.get(who), refs,
                            List.of(Output.standard(accounts.get((op.target() + 1) % 4), total)), ref + "y");
                    CompletableFuture<CommittedTransaction> fx = nodes.get(0).ledger.submit(x);
                    CompletableFuture<CommittedTransaction> fy = nodes.get(1).ledger.submit(y);
                    int ok = 0;
                    for (CompletableFuture<CommittedTransaction> f : List.of(fx, fy)) {
                        try {
                            f.get(10, TimeUnit.SECONDS);
                            ok++;
                        } catch (ExecutionException e) {
                            assertThat(((LedgerException) e.getCause()).reason())
                                    .isIn(ReasonCode.ALREADY_SPENT, ReasonCode.INPUT_RESERVED);
                        }
                    }
                    // at most one; both may lose when each reserved a different input first
                    assertThat(ok).isLessThanOrEqualTo(1);
                }
            }
        }
        var after = nodes.get(0).store.supply();
        assertThat(after.issued() - before.issued()).isEqualTo(issued);
        assertThat(after.redeemed() - before.redeemed()).isEqualTo(redeemed);
        var audit = nodes.get(0).store.audit();
        assertThat(audit.consistent()).as(audit.toString()).isTrue();
        Map<OutputRef, Integer> uses = LedgerChecks.inputUses(db);
        assertThat(uses.values()).allSatisfy(count -> assertThat(count).isEqualTo(1));
        Map<AccountNumber, Long> sums = new HashMap<>();
        for (AccountNumber a : accounts) {
            long unspent = nodes.get(0).store.unspentOutputs(a, 10_000).stream().mapToLong(s -> s.output().amount()).sum();
            assertThat(nodes.get(0).store.balance(a)).isEqualTo(unspent);
            sums.put(a, unspent);
        }
        assertThat(sums.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(issued - redeemed);
    }
}
