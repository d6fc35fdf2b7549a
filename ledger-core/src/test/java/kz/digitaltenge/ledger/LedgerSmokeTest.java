package kz.digitaltenge.ledger;

import kz.digitaltenge.canonical.ReasonCode;

import kz.digitaltenge.canonical.LedgerException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.testing.SingleNodeLedgerTest;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import org.junit.jupiter.api.Test;

class LedgerSmokeTest extends SingleNodeLedgerTest {

    @Test
    void issueTransferRedeemKeepSupplyAndRefuseDoubleSpend() {
        TestParties.Party alice = parties.client("Alice LLP");
        TestParties.Party bob = parties.client("Bob LLP");
        AccountNumber a = parties.clientAccount(alice);
        AccountNumber b = parties.clientAccount(bob);

        CommittedTransaction issued = node.ledger.submitAndWait(parties.issue(a, 100_000, "issue-1"), 10_000);
        assertThat(issued.balancesAfter()).containsEntry(a, 100_000L);
        OutputRef coin = new OutputRef(issued.id(), 0);

        SignedTransaction pay = TestParties.transfer(alice, List.of(coin),
                List.of(Output.standard(b, 30_000), Output.standard(a, 70_000)), "pay-1");
        CommittedTransaction paid = node.ledger.submitAndWait(pay, 10_000);
        assertThat(paid.balancesAfter()).containsEntry(a, 70_000L).containsEntry(b, 30_000L);

        // the same transaction again answers with the original commit
        assertThat(node.ledger.submitAndWait(pay, 10_000).seq()).isEqualTo(paid.seq());

        SignedTransaction again = TestParties.transfer(alice, List.of(coin), List.of(Output.standard(b, 100_000)), "pay-2");
        assertThatThrownBy(() -> node.ledger.submitAndWait(again, 10_000))
                .isInstanceOf(LedgerException.class)
                .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.ALREADY_SPENT));

        SignedTransaction redeem = parties.redeem(bob, List.of(new OutputRef(paid.id(), 0)), List.of(), "redeem-1");
        node.ledger.submitAndWait(redeem, 10_000);

        var audit = node.store.audit();
        assertThat(audit.consistent()).as(audit.toString()).isTrue();
        assertThat(audit.supply().circulating()).isEqualTo(70_000L);
    }
}
