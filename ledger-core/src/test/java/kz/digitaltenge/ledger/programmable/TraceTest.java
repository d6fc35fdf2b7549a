package kz.digitaltenge.ledger.programmable;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.testing.SingleNodeLedgerTest;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxId;
import kz.digitaltenge.ledger.tx.TxType;
import org.junit.jupiter.api.Test;

/** The transaction tree of a project, an address list and an initiator, with amounts and edge verification. */
class TraceTest extends SingleNodeLedgerTest {

    static CommittedTransaction ok(Transaction tx, Party... signers) {
        return node.ledger.submitAndWait(TestParties.signed(tx, signers), 10_000);
    }

    static FactId contract(String n, AccountNumber from, AccountNumber to, String parent) {
        Map<String, String> terms = new HashMap<>(Map.of("sender", from.value(), "recipient", to.value(), "maxTransfer", "100000",
                "maxCashOut", "100000", "validFrom", Instant.now().minus(Duration.ofDays(1)).toString(),
                "validTo", Instant.now().plus(Duration.ofDays(9)).toString()));
        if (parent != null) {
            terms.put("parent", parent);
        }
        return node.ledger.facts().register(parties.oracleFact(Fact.of(FactType.CONTRACT_REGISTERED, n, terms, Instant.now())));
    }

    @Test
    void aProjectTreeFollowsEveryIssuanceAndChildContractAndVerifies() throws Exception {
        Party ministry = parties.client("Ministry");
        AccountNumber m = parties.governmentAccount(ministry);
        Party builder = parties.client("Builder");
        AccountNumber b = parties.clientAccount(builder);
        Party sub = parties.client("Sub");
        AccountNumber s = parties.clientAccount(sub);
        String n = "ROAD-" + System.nanoTime();
        FactId c = contract(n, m, b, null);
        FactId child = contract(n + "/1", b, s, n);
        String mark = "CONTRACT:" + n;

        TxId[] marks = new TxId[2];
        for (int i = 0; i < 2; i++) {
            OutputRef coin = new OutputRef(node.ledger.submitAndWait(parties.issue(m, 1_000, "road" + i + System.nanoTime()), 10_000).id(), 0);
            marks[i] = ok(new Transaction(TxType.MARK, "mk" + i + System.nanoTime(), List.of(coin),
                    List.of(new Output(m, 1_000, mark, null)), List.of(c)), parties.treasury).id();
        }
        CommittedTransaction pay = ok(new Transaction(TxType.TRANSFER, "pay", List.of(new OutputRef(marks[0], 0)),
                List.of(new Output(b, 700, mark, null), new Output(m, 300, mark, null)), List.of(c)), ministry);
        CommittedTransaction passOn = ok(new Transaction(TxType.TRANSFER, "pass", List.of(new OutputRef(pay.id(), 0)),
                List.of(new Output(s, 200, "CONTRACT:" + n + "/1", null), new Output(b, 500, mark, null)), List.of(c, child)), builder);
        CommittedTransaction cash = ok(new Transaction(TxType.REDEEM, "cash", List.of(new OutputRef(passOn.id(), 1)),
                List.of(new Output(b, 100, mark, null)), List.of(c)), builder, parties.issuer);

        Trace.Tree tree = node.ledger.trace().ofContract(n);
        assertThat(tree.verified()).as(tree.problem()).isTrue();
        assertThat(tree.roots()).extracting(Trace.Node::id).containsExactly(marks);
        assertThat(tree.markedTotal()).isEqualTo(2_000);
        assertThat(tree.transactions()).isEqualTo(5);
        Trace.Node root = tree.roots().get(0);
        Trace.Node payNode = root.children().get(0);
        assertThat(payNode.id()).isEqualTo(pay.id());
        assertThat(payNode.tracedAmount()).isEqualTo(1_000);
        Trace.Node passNode = payNode.children().get(0);
        assertThat(passNode.outputs()).extracting(Trace.Branch::amount).containsExactly(200L, 500L);
        assertThat(passNode.children()).extracting(Trace.Node::id).containsExactly(cash.id());
        assertThat(Trace.edges(tree)).hasSize(3);

        // tampering with a stored transaction is found
        try (Connection conn = db.getConnection();
             PreparedStatement ps = conn.prepareStatement("update transactions set body = (select body from transactions where tx_id = ?) where tx_id = ?")) {
            ps.setBytes(1, pay.id().bytes());
            ps.setBytes(2, cash.id().bytes());
            ps.executeUpdate();
        }
        Trace.Tree tampered = node.ledger.trace().ofContract(n);
        assertThat(tampered.verified()).isFalse();
        assertThat(tampered.problem()).contains(cash.id().hex()).contains("does not hash");
    }

    @Test
    void anAddressListTreeEndsWhereTheMarkIsLiftedAndTheInitiatorSeesAllItMarked() {
        Party ministry = parties.client("Ministry AL");
        AccountNumber m = parties.governmentAccount(ministry);
        Party contractor = parties.client("Contractor AL");
        AccountNumber k = parties.clientAccount(contractor);
        AccountNumber sup = parties.clientAccount(parties.client("Supplier AL"));
        AccountNumber t = parties.governmentAccount(parties.treasury);
        String list = node.ledger.registerAddressList(new AddressList(parties.treasury.id(), m, List.of(Set.of(k), Set.of(sup))));
        OutputRef coin = new OutputRef(node.ledger.submitAndWait(parties.issue(t, 900, "al" + System.nanoTime()), 10_000).id(), 0);
        CommittedTransaction mk = ok(new Transaction(TxType.MARK, "alm", List.of(coin),
                List.of(new Output(m, 900, "ADDR:" + list + ":0", null))), parties.treasury);
        CommittedTransaction hop = ok(new Transaction(TxType.TRANSFER, "alh", List.of(new OutputRef(mk.id(), 0)),
                List.of(new Output(k, 900, "ADDR:" + list + ":1", null))), ministry);
        CommittedTransaction last = ok(new Transaction(TxType.TRANSFER, "all", List.of(new OutputRef(hop.id(), 0)),
                List.of(Output.standard(sup, 900))), contractor);
        Trace.Tree tree = node.ledger.trace().ofAddressList(list);
        assertThat(tree.verified()).isTrue();
        assertThat(tree.transactions()).isEqualTo(3);
        Trace.Node lastNode = tree.roots().get(0).children().get(0).children().get(0);
        assertThat(lastNode.id()).isEqualTo(last.id());
        assertThat(lastNode.tracedAmount()).isZero(); // the mark is lifted: the branch ends here
        assertThat(lastNode.outputs()).extracting(Trace.Branch::marking).containsExactly((String) null);

        Trace.Tree byTreasury = node.ledger.trace().ofInitiator(parties.treasury.id());
        assertThat(byTreasury.roots()).extracting(Trace.Node::id).contains(mk.id());
    }
}
