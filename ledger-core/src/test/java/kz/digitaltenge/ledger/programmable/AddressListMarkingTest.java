package kz.digitaltenge.ledger.programmable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.testing.SingleNodeLedgerTest;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxType;
import org.junit.jupiter.api.Test;

/** Address-list marking: each rule of {@link AddressListMarking} and {@link MarkAndUnmark}, and each refusal. */
class AddressListMarkingTest extends SingleNodeLedgerTest {

    /** A Treasury-funded programme: ministry (marking recipient) → contractor (level 0) → supplier (level 1). */
    record Programme(Party ministry, AccountNumber ministryAcc, Party contractor, AccountNumber contractorAcc,
                     Party supplier, AccountNumber supplierAcc, AccountNumber treasuryAcc, String listId, OutputRef funds) {
    }

    static Programme programme(long amount) {
        Party ministry = parties.client("Ministry " + System.nanoTime());
        AccountNumber ministryAcc = parties.governmentAccount(ministry);
        Party contractor = parties.client("Contractor");
        AccountNumber contractorAcc = parties.clientAccount(contractor);
        Party supplier = parties.client("Supplier");
        AccountNumber supplierAcc = parties.clientAccount(supplier);
        AccountNumber treasuryAcc = parties.governmentAccount(parties.treasury);
        String listId = node.ledger.registerAddressList(new AddressList(parties.treasury.id(), ministryAcc,
                List.of(Set.of(contractorAcc), Set.of(supplierAcc))));
        OutputRef coin = new OutputRef(ok(parties.issue(treasuryAcc, amount, "fund-" + listId.substring(0, 8) + System.nanoTime())).id(), 0);
        return new Programme(ministry, ministryAcc, contractor, contractorAcc, supplier, supplierAcc, treasuryAcc, listId, coin);
    }

    static String level(String listId, int k) {
        return new Marking.AddressListLevel(listId, k).encode();
    }

    static SignedTransaction tx(TxType type, List<OutputRef> in, List<Output> out, Party... signers) {
        return TestParties.signed(new Transaction(type, "t" + System.nanoTime(), in, out), signers);
    }

    @Test
    void fundsWalkTheListLevelByLevelAndAreStandardAfterTheLast() {
        Programme p = programme(10_000);
        CommittedTransaction mark = ok(tx(TxType.MARK, List.of(p.funds()), List.of(
                new Output(p.ministryAcc(), 8_000, level(p.listId(), 0), null), Output.standard(p.treasuryAcc(), 2_000)),
                parties.treasury));
        OutputRef marked = new OutputRef(mark.id(), 0);

        CommittedTransaction hop1 = ok(tx(TxType.TRANSFER, List.of(marked), List.of(
                new Output(p.contractorAcc(), 5_000, level(p.listId(), 1), null),
                new Output(p.ministryAcc(), 3_000, level(p.listId(), 0), null)), p.ministry()));
        CommittedTransaction hop2 = ok(tx(TxType.TRANSFER, List.of(new OutputRef(hop1.id(), 0)), List.of(
                Output.standard(p.supplierAcc(), 5_000)), p.contractor()));
        // the supplier holds standard money: it can pay anyone
        ok(TestParties.transfer(p.supplier(), List.of(new OutputRef(hop2.id(), 0)),
                List.of(Output.standard(p.contractorAcc(), 5_000)), "free"));
        assertThat(node.store.unspentOutputs(p.ministryAcc(), 10).get(0).output().marking()).isEqualTo(level(p.listId(), 0));
        assertThat(node.store.audit().consistent()).isTrue();
    }

    @Test
    void aRecipientNotOnTheLevelIsRefusedAndTheFundsStayPut() {
        Programme p = programme(1_000);
        OutputRef marked = new OutputRef(ok(tx(TxType.MARK, List.of(p.funds()), List.of(
                new Output(p.ministryAcc(), 1_000, level(p.listId(), 0), null)), parties.treasury)).id(), 0);
        // supplier is allowed only at level 1, not at level 0
        refused(tx(TxType.TRANSFER, List.of(marked), List.of(new Output(p.supplierAcc(), 1_000, level(p.listId(), 1), null)),
                p.ministry()), ReasonCode.MARKING_VIOLATION, "not an allowed recipient at level 0");
        // the allowed recipient, but claiming the money arrives unmarked
        refused(tx(TxType.TRANSFER, List.of(marked), List.of(Output.standard(p.contractorAcc(), 1_000)), p.ministry()),
                ReasonCode.MARKING_VIOLATION, "arrive at level 1");
        // change that drops its mark
        refused(tx(TxType.TRANSFER, List.of(marked), List.of(new Output(p.contractorAcc(), 500, level(p.listId(), 1), null),
                Output.standard(p.ministryAcc(), 500)), p.ministry()), ReasonCode.MARKING_VIOLATION, "not an allowed recipient");
        assertThat(node.store.unspentOutputs(p.ministryAcc(), 10)).extracting(s -> s.ref()).containsExactly(marked);
        // the last level lifts the mark: arriving still marked is refused
        OutputRef atContractor = new OutputRef(ok(tx(TxType.TRANSFER, List.of(marked), List.of(
                new Output(p.contractorAcc(), 1_000, level(p.listId(), 1), null)), p.ministry())).id(), 0);
        refused(tx(TxType.TRANSFER, List.of(atContractor), List.of(new Output(p.supplierAcc(), 1_000, level(p.listId(), 1), null)),
                p.contractor()), ReasonCode.MARKING_VIOLATION, "standard money");
    }

    @Test
    void onlyTheInitiatorMarksAndOnlyTheTreasuryUnmarks() {
        Programme p = programme(1_000);
        // a bank is not this list's initiator
        refused(tx(TxType.MARK, List.of(p.funds()), List.of(new Output(p.ministryAcc(), 1_000, level(p.listId(), 0), null)),
                parties.bank), ReasonCode.NOT_AUTHORIZED, "initiator");
        refused(tx(TxType.MARK, List.of(p.funds()), List.of(new Output(p.ministryAcc(), 1_000, level(p.listId(), 0), null)),
                p.ministry()), ReasonCode.NOT_AUTHORIZED, "Treasury or by a bank");
        refused(tx(TxType.MARK, List.of(p.funds()), List.of(new Output(p.contractorAcc(), 1_000, level(p.listId(), 0), null)),
                parties.treasury), ReasonCode.MARKING_VIOLATION, "list's recipient");
        refused(tx(TxType.MARK, List.of(p.funds()), List.of(new Output(p.ministryAcc(), 1_000, "VAT", null)),
                parties.treasury), ReasonCode.MARKING_VIOLATION, "VAT tokens are made only");
        OutputRef marked = new OutputRef(ok(tx(TxType.MARK, List.of(p.funds()), List.of(
                new Output(p.ministryAcc(), 1_000, level(p.listId(), 0), null)), parties.treasury)).id(), 0);
        // marked money cannot be marked again, nor spent with standard money in one transfer
        refused(tx(TxType.MARK, List.of(marked), List.of(new Output(p.ministryAcc(), 1_000, level(p.listId(), 0), null)),
                parties.treasury), ReasonCode.MARKING_VIOLATION, "already carries a mark");
        refused(tx(TxType.UNMARK, List.of(marked), List.of(Output.standard(p.ministryAcc(), 1_000)), parties.bank),
                ReasonCode.NOT_AUTHORIZED, "only the Treasury");
        refused(tx(TxType.UNMARK, List.of(marked), List.of(Output.standard(p.treasuryAcc(), 1_000)), parties.treasury),
                ReasonCode.MARKING_VIOLATION, "moves no money");
        CommittedTransaction lifted = ok(tx(TxType.UNMARK, List.of(marked), List.of(Output.standard(p.ministryAcc(), 1_000)),
                parties.treasury));
        assertThat(lifted.balancesAfter()).containsEntry(p.ministryAcc(), 1_000L);
        assertThat(node.store.unspentOutputs(p.ministryAcc(), 10).get(0).output().marking()).isNull();
    }

    @Test
    void theListIsContentAddressedAndItsInitiatorMustBeAllowed() {
        Programme p = programme(10);
        AddressList same = new AddressList(parties.treasury.id(), p.ministryAcc(), List.of(Set.of(p.contractorAcc()), Set.of(p.supplierAcc())));
        assertThat(same.id()).isEqualTo(p.listId());
        assertThat(node.ledger.registerAddressList(same)).isEqualTo(p.listId());
        assertThat(node.store.findAddressList(p.listId())).contains(same);
        assertThatThrownBy(() -> node.ledger.registerAddressList(new AddressList(p.contractor().id(), p.ministryAcc(),
                List.of(Set.of(p.supplierAcc())))))
                .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.NOT_AUTHORIZED));
    }
}
