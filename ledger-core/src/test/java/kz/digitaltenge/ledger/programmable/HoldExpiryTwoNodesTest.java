package kz.digitaltenge.ledger.programmable;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.HoldExpiry;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.testing.LedgerNode;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxType;
import org.junit.jupiter.api.Test;

/**
 * The expiry run by two nodes at once (two hubs on one database, each with its Hazelcast member), then by a new
 * cluster on the same database (a restart of both): every expired hold is returned exactly once.
 */
class HoldExpiryTwoNodesTest {

    @Test
    void twoNodesExpiringAtOnceReturnEachHoldOnceAndARestartedClusterFindsNothingMore() throws Exception {
        HikariDataSource db = TestDatabase.shared().fresh();
        List<LedgerNode> nodes = LedgerNode.cluster(2, db, 1);
        List<OutputRef> heldOutputs = new ArrayList<>();
        final int events = 40;
        TestParties parties = new TestParties(nodes.get(0).registry);
        try {
            Party farmer = parties.client("Farmer");
            AccountNumber acc = parties.clientAccount(farmer);
            Instant end = nodes.get(0).clock.instant().plus(Duration.ofMinutes(10));
            for (int i = 0; i < events; i++) {
                String id = "E-two-" + i + "-" + System.nanoTime();
                Map<String, String> terms = new HashMap<>(Map.of("sender", acc.value(), "recipient", parties.issuerAccount.value(),
                        "amount", "500", "validUntil", end.toString(), "holdType", "SINGLE"));
                FactId event = nodes.get(0).ledger.facts().register(parties.oracleFact(Fact.of(FactType.EVENT_REGISTERED, id, terms, Instant.now())));
                OutputRef coin = new OutputRef(nodes.get(0).ledger.submitAndWait(parties.issue(acc, 500, "c" + i + System.nanoTime()), 10_000).id(), 0);
                FactId approval = nodes.get(0).ledger.facts().register(parties.oracleFact(Fact.of(FactType.HOLD_APPROVED, id,
                        Map.of("amount", "500"), Instant.now())));
                heldOutputs.add(new OutputRef(nodes.get(0).ledger.submitAndWait(TestParties.signed(new Transaction(TxType.HOLD, "h" + i
                        + System.nanoTime(), List.of(coin), List.of(new Output(acc, 500, null, Holding.encode(id))),
                        List.of(event, approval)), farmer), 10_000).id(), 0));
            }
            nodes.forEach(n -> n.clock.advance(Duration.ofMinutes(20)));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Integer>> runs = new ArrayList<>();
            for (LedgerNode n : nodes) {
                HoldExpiry expiry = new HoldExpiry(n.ledger, tx -> parties.oracle.sign(tx));
                runs.add(pool.submit((Callable<Integer>) expiry::runOnce));
            }
            int committed = 0;
            for (Future<Integer> f : runs) {
                committed += f.get();
            }
            pool.shutdown();
            // both nodes may build the same RETURN (same inputs, same id): the second is answered as committed, not made again
            assertThat(committed).isBetween(events, 2 * events);
            java.util.Set<Object> returns = new java.util.HashSet<>();
            for (OutputRef ref : heldOutputs) {
                Object spender = nodes.get(0).store.loadOutputs(List.of(ref)).get(ref).spentBy();
                assertThat(spender).isNotNull();
                returns.add(spender);
            }
            long free = nodes.get(1).store.unspentOutputs(acc, 1000).stream().filter(o -> o.output().hold() == null)
                    .mapToLong(o -> o.output().amount()).sum();
            assertThat(free).as("each hold back once: no more, no less").isEqualTo(events * 500L);
            assertThat(returns).hasSizeLessThanOrEqualTo(events);
            assertThat(nodes.get(0).store.audit().consistent()).isTrue();
        } finally {
            nodes.forEach(LedgerNode::close);
        }
        // both hubs restarted on the same database: nothing is held, nothing more is returned
        List<LedgerNode> restarted = LedgerNode.cluster(2, db, 1);
        try {
            restarted.forEach(n -> n.clock.advance(Duration.ofMinutes(20)));
            assertThat(new HoldExpiry(restarted.get(1).ledger, tx -> parties.oracle.sign(tx)).runOnce()).isZero();
            assertThat(restarted.get(0).store.audit().consistent()).isTrue();
        } finally {
            restarted.forEach(LedgerNode::close);
            db.close();
        }
    }
}
