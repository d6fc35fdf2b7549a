package kz.digitaltenge.ledger.store;

import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.query.AccountMovement;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.testing.SingleNodeLedgerTest;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import org.junit.jupiter.api.Test;

/** What a statement is built from: an account's movements in a period and its balance at an instant. */
class AccountMovementsTest extends SingleNodeLedgerTest {

    @Test
    void movementsShowWhatEachTransactionTookAndGaveAndBalancesAddUp() {
        Party alice = parties.client("Alice");
        Party bob = parties.client("Bob");
        AccountNumber a = parties.clientAccount(alice);
        AccountNumber b = parties.clientAccount(bob);
        Instant before = node.store.findTransaction(ok(parties.issue(parties.clientAccount(parties.client("Other")), 1, "x" + System.nanoTime())).id())
                .orElseThrow().committedAt();
        CommittedTransaction issued = ok(parties.issue(a, 100_000, "m1" + System.nanoTime()));
        CommittedTransaction paid = ok(TestParties.transfer(alice, List.of(new OutputRef(issued.id(), 0)),
                List.of(Output.standard(b, 30_000), Output.standard(a, 70_000)), "m2" + System.nanoTime()));
        Instant after = paid.committedAt().plusSeconds(1);

        List<AccountMovement> moves = node.store.movements(a, before, after);
        assertThat(moves).extracting(AccountMovement::txId).containsExactly(issued.id(), paid.id());
        assertThat(moves.get(0).credit()).isEqualTo(100_000);
        assertThat(moves.get(0).debit()).isZero();
        assertThat(moves.get(1).debit()).isEqualTo(100_000);
        assertThat(moves.get(1).credit()).isEqualTo(70_000);
        assertThat(moves.get(1).net()).isEqualTo(-30_000);
        assertThat(moves.get(1).payees()).containsExactly(b);
        assertThat(node.store.movements(b, before, after)).singleElement().satisfies(m -> {
            assertThat(m.net()).isEqualTo(30_000);
            assertThat(m.payers()).containsExactly(a);
        });

        assertThat(node.store.balanceAt(a, before)).isZero();
        assertThat(node.store.balanceAt(a, after)).isEqualTo(70_000).isEqualTo(node.store.balance(a));
        long opening = node.store.balanceAt(a, before);
        assertThat(opening + moves.stream().mapToLong(AccountMovement::net).sum()).isEqualTo(node.store.balanceAt(a, after));
        assertThat(node.store.movements(a, after, after.plusSeconds(60))).isEmpty();
    }
}
