package kz.digitaltenge.ledger.programmable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.programmable.LimitUse;
import kz.digitaltenge.ledger.query.SupplyAudit;
import kz.digitaltenge.ledger.testing.LedgerNode;
import kz.digitaltenge.ledger.testing.TestDatabase;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Contract-parameter marking: each rule of {@link ContractMarking}, its limits, and each refusal. */
class ContractMarkingTest {
    static HikariDataSource db;
    static List<LedgerNode> nodes;
    static LedgerNode node;
    static TestParties parties;

    @BeforeAll
    static void start() {
        db = TestDatabase.shared().fresh();
        nodes = LedgerNode.cluster(2, db, 1);
        node = nodes.get(0);
        parties = new TestParties(node.registry);
    }

    @AfterAll
    static void stop() {
        nodes.forEach(LedgerNode::close);
        db.close();
    }

    static CommittedTransaction ok(SignedTransaction tx) {
        return node.ledger.submitAndWait(tx, 10_000);
    }

    static void refused(SignedTransaction tx, ReasonCode reason, String part) {
        SupplyAudit before = node.store.audit();
        assertThatThrownBy(() -> ok(tx)).isInstanceOf(LedgerException.class).hasMessageContaining(part)
                .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(reason));
        assertThat(node.store.audit()).isEqualTo(before);
    }

    static SignedTransaction tx(TxType type, List<OutputRef> in, List<Output> out, List<FactId> facts, Party... signers) {
        return TestParties.signed(new Transaction(type, "t" + System.nanoTime(), in, out, facts), signers);
    }

    static FactId contract(String number, AccountNumber sender, AccountNumber recipient, long maxTransfer, long maxCashOut,
                           Instant from, Instant to, String parent) {
        Map<String, String> terms = new java.util.HashMap<>(Map.of("sender", sender.value(), "recipient", recipient.value(),
                "maxTransfer", Long.toString(maxTransfer), "maxCashOut", Long.toString(maxCashOut),
                "validFrom", from.toString(), "validTo", to.toString()));
        if (parent != null) {
            terms.put("parent", parent);
        }
        return node.ledger.facts().register(parties.oracleFact(Fact.of(FactType.CONTRACT_REGISTERED, number, terms, Instant.now())));
    }

    record Project(String number, FactId fact, Party ministry, AccountNumber ministryAcc, Party builder, AccountNumber builderAcc) {
    }

    static Project project(long maxTransfer, long maxCashOut) {
        Party ministry = parties.client("Ministry " + System.nanoTime());
        AccountNumber ministryAcc = parties.governmentAccount(ministry);
        Party builder = parties.client("Builder");
        AccountNumber builderAcc = parties.clientAccount(builder);
        String number = "C-" + System.nanoTime();
        FactId fact = contract(number, ministryAcc, builderAcc, maxTransfer, maxCashOut,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), null);
        return new Project(number, fact, ministry, ministryAcc, builder, builderAcc);
    }

    /** Issues {@code amount} to the ministry and marks it with the project's contract; returns the marked output. */
    static OutputRef fundMarked(Project p, long amount) {
        OutputRef coin = new OutputRef(ok(parties.issue(p.ministryAcc(), amount, "i" + System.nanoTime())).id(), 0);
        return new OutputRef(ok(tx(TxType.MARK, List.of(coin), List.of(new Output(p.ministryAcc(), amount, "CONTRACT:" + p.number(), null)),
                List.of(p.fact()), parties.treasury)).id(), 0);
    }

    static Output marked(AccountNumber to, long amount, String contract) {
        return new Output(to, amount, "CONTRACT:" + contract, null);
    }

    @Test
    void moneyGoesOnlyAlongTheContractWithinItsLimits() {
        Project p = project(600, 200);
        OutputRef a = fundMarked(p, 1_000);
        OutputRef b = fundMarked(p, 500); // several issuances carry one parameter

        CommittedTransaction pay = ok(tx(TxType.TRANSFER, List.of(a), List.of(marked(p.builderAcc(), 400, p.number()),
                marked(p.ministryAcc(), 600, p.number())), List.of(p.fact()), p.ministry()));
        assertThat(node.store.usage(LimitUse.contract(p.number()))).containsEntry(LimitUse.Kind.CONTRACT_TRANSFER, 400L).containsEntry(LimitUse.Kind.CONTRACT_CASH_OUT, 0L);
        // over the transfer limit: 400 + 300 > 600
        refused(tx(TxType.TRANSFER, List.of(b), List.of(marked(p.builderAcc(), 300, p.number()), marked(p.ministryAcc(), 200, p.number())),
                List.of(p.fact()), p.ministry()), ReasonCode.LIMIT_EXCEEDED, "CONTRACT_TRANSFER limit");
        // not the recipient
        AccountNumber stranger = parties.clientAccount(parties.client("Stranger"));
        refused(tx(TxType.TRANSFER, List.of(b), List.of(marked(stranger, 500, p.number())), List.of(p.fact()), p.ministry()),
                ReasonCode.MARKING_VIOLATION, "only to its recipient");
        // dropping the mark
        refused(tx(TxType.TRANSFER, List.of(b), List.of(Output.standard(p.builderAcc(), 500)), List.of(p.fact()), p.ministry()),
                ReasonCode.MARKING_VIOLATION, "keeps its mark");
        // without the contract's fact
        refused(TestParties.signed(new Transaction(TxType.TRANSFER, "nofact", List.of(b),
                List.of(marked(p.builderAcc(), 100, p.number()), marked(p.ministryAcc(), 400, p.number()))), p.ministry()),
                ReasonCode.INVALID_FACT, "needs its CONTRACT_REGISTERED fact");

        // the builder cashes out within the cash-out limit (issuer + owner sign a REDEEM)
        OutputRef atBuilder = new OutputRef(pay.id(), 0);
        CommittedTransaction cash = ok(tx(TxType.REDEEM, List.of(atBuilder), List.of(marked(p.builderAcc(), 250, p.number())),
                List.of(p.fact()), p.builder(), parties.issuer));
        assertThat(node.store.usage(LimitUse.contract(p.number()))).containsEntry(LimitUse.Kind.CONTRACT_TRANSFER, 400L).containsEntry(LimitUse.Kind.CONTRACT_CASH_OUT, 150L);
        refused(tx(TxType.REDEEM, List.of(new OutputRef(cash.id(), 0)), List.of(marked(p.builderAcc(), 150, p.number())),
                List.of(p.fact()), p.builder(), parties.issuer), ReasonCode.LIMIT_EXCEEDED, "CONTRACT_CASH_OUT limit");
        // the ministry cannot cash out contract money
        refused(tx(TxType.REDEEM, List.of(b), List.of(marked(p.ministryAcc(), 400, p.number())), List.of(p.fact()),
                p.ministry(), parties.issuer), ReasonCode.MARKING_VIOLATION, "only the recipient");
        // and the builder cannot spend it freely
        refused(tx(TxType.TRANSFER, List.of(new OutputRef(cash.id(), 0)), List.of(Output.standard(stranger, 250)),
                List.of(p.fact()), p.builder()), ReasonCode.MARKING_VIOLATION, "child contract");
        SupplyAudit audit = node.store.audit();
        assertThat(audit.consistent()).isTrue();
    }

    @Test
    void aChildContractCarriesTheMoneyOnAndHasItsOwnLimit() {
        Project p = project(1_000, 0);
        OutputRef funds = fundMarked(p, 1_000);
        OutputRef atBuilder = new OutputRef(ok(tx(TxType.TRANSFER, List.of(funds), List.of(marked(p.builderAcc(), 1_000, p.number())),
                List.of(p.fact()), p.ministry())).id(), 0);
        Party sub = parties.client("Subcontractor");
        AccountNumber subAcc = parties.clientAccount(sub);
        String child = p.number() + "/1";
        FactId childFact = contract(child, p.builderAcc(), subAcc, 300, 300,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(5)), p.number());
        CommittedTransaction passOn = ok(tx(TxType.TRANSFER, List.of(atBuilder), List.of(marked(subAcc, 250, child),
                marked(p.builderAcc(), 750, p.number())), List.of(p.fact(), childFact), p.builder()));
        assertThat(node.store.usage(LimitUse.contract(child))).containsEntry(LimitUse.Kind.CONTRACT_TRANSFER, 250L).containsEntry(LimitUse.Kind.CONTRACT_CASH_OUT, 0L);
        refused(tx(TxType.TRANSFER, List.of(new OutputRef(passOn.id(), 1)), List.of(marked(subAcc, 100, child),
                marked(p.builderAcc(), 650, p.number())), List.of(p.fact(), childFact), p.builder()), ReasonCode.LIMIT_EXCEEDED, "CONTRACT_TRANSFER limit");
        // a contract that is not a child of this one does not carry it
        Project other = project(1_000, 0);
        refused(tx(TxType.TRANSFER, List.of(new OutputRef(passOn.id(), 1)), List.of(marked(other.builderAcc(), 750, other.number())),
                List.of(p.fact(), other.fact()), p.builder()), ReasonCode.MARKING_VIOLATION, "not a child");
    }

    @Test
    void anExpiredOrAmendedContractMovesNothing() {
        Party ministry = parties.client("Old ministry");
        AccountNumber ministryAcc = parties.governmentAccount(ministry);
        AccountNumber builderAcc = parties.clientAccount(parties.client("Old builder"));
        String number = "OLD-" + System.nanoTime();
        FactId expired = contract(number, ministryAcc, builderAcc, 1_000, 0,
                Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)), null);
        OutputRef coin = new OutputRef(ok(parties.issue(ministryAcc, 100, "o" + System.nanoTime())).id(), 0);
        refused(tx(TxType.MARK, List.of(coin), List.of(new Output(ministryAcc, 100, "CONTRACT:" + number, null)),
                List.of(expired), parties.treasury), ReasonCode.EXPIRED, "is valid from");

        Project p = project(1_000, 0);
        OutputRef funds = fundMarked(p, 100);
        FactId amended = contract(p.number(), p.ministryAcc(), p.builderAcc(), 50, 0,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), null);
        refused(tx(TxType.TRANSFER, List.of(funds), List.of(marked(p.builderAcc(), 100, p.number())), List.of(p.fact()), p.ministry()),
                ReasonCode.INVALID_FACT, "newer terms");
        refused(tx(TxType.TRANSFER, List.of(funds), List.of(marked(p.builderAcc(), 100, p.number())), List.of(amended), p.ministry()),
                ReasonCode.LIMIT_EXCEEDED, "CONTRACT_TRANSFER limit");
    }

    @Test
    void concurrentTransfersThroughTwoNodesNeverExceedTheLimit() throws Exception {
        Project p = project(1_000, 0);
        List<OutputRef> coins = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            coins.add(fundMarked(p, 150));
        }
        nodes.get(1).registry.reload();
        List<CompletableFuture<CommittedTransaction>> all = new ArrayList<>();
        for (int i = 0; i < coins.size(); i++) {
            all.add(nodes.get(i % 2).ledger.submit(tx(TxType.TRANSFER, List.of(coins.get(i)),
                    List.of(marked(p.builderAcc(), 150, p.number())), List.of(p.fact()), p.ministry())));
        }
        int committed = 0;
        for (CompletableFuture<CommittedTransaction> f : all) {
            try {
                f.get(30, TimeUnit.SECONDS);
                committed++;
            } catch (ExecutionException e) {
                assertThat(((LedgerException) e.getCause()).reason()).isEqualTo(ReasonCode.LIMIT_EXCEEDED);
            }
        }
        // 6 × 150 = 900 fits under 1,000; a 7th would not, whatever the interleaving of the two nodes
        assertThat(committed).isEqualTo(6);
        assertThat(node.store.usage(LimitUse.contract(p.number()))).containsEntry(LimitUse.Kind.CONTRACT_TRANSFER, 900L).containsEntry(LimitUse.Kind.CONTRACT_CASH_OUT, 0L);
        assertThat(node.store.audit().consistent()).isTrue();
    }

    @Test
    void aBudgetContractPaysNothingBeforeItsTreasuryRegistration() {
        Party ministry = parties.client("Ministry " + System.nanoTime());
        AccountNumber ministryAcc = parties.governmentAccount(ministry);
        Party builder = parties.client("Builder");
        AccountNumber builderAcc = parties.clientAccount(builder);
        String number = "B-" + System.nanoTime();
        Map<String, String> terms = new java.util.HashMap<>(Map.of("sender", ministryAcc.value(), "recipient", builderAcc.value(),
                "maxTransfer", "1000", "maxCashOut", "0", "validFrom", Instant.now().minus(Duration.ofDays(1)).toString(),
                "validTo", Instant.now().plus(Duration.ofDays(30)).toString(), "treasuryRequired", "true"));
        FactId unregistered = node.ledger.facts().register(parties.oracleFact(Fact.of(FactType.CONTRACT_REGISTERED, number, terms,
                Instant.now().minusSeconds(5))));
        Project p = new Project(number, unregistered, ministry, ministryAcc, builder, builderAcc);
        OutputRef coin = fundMarked(p, 1_000);
        refused(tx(TxType.TRANSFER, List.of(coin), List.of(marked(builderAcc, 400, number), marked(ministryAcc, 600, number)),
                List.of(unregistered), ministry), ReasonCode.NOT_AUTHORIZED, "not yet registered at the Treasury");

        terms.put("treasuryNotice", "UV-2026-0001");
        FactId registered = node.ledger.facts().register(parties.oracleFact(Fact.of(FactType.CONTRACT_REGISTERED, number, terms,
                Instant.now())));
        ok(tx(TxType.TRANSFER, List.of(coin), List.of(marked(builderAcc, 400, number), marked(ministryAcc, 600, number)),
                List.of(registered), ministry));
        assertThat(node.store.usage(LimitUse.contract(number))).containsEntry(LimitUse.Kind.CONTRACT_TRANSFER, 400L);
    }

    @Test
    void aBudgetChildContractPaysNothingBeforeItsTreasuryRegistrationEither() {
        Project p = project(1_000, 0);
        Party sub = parties.client("Sub");
        AccountNumber subAcc = parties.clientAccount(sub);
        String child = p.number() + "/1";
        Map<String, String> terms = new java.util.HashMap<>(Map.of("sender", p.builderAcc().value(), "recipient", subAcc.value(),
                "maxTransfer", "1000", "maxCashOut", "0", "validFrom", Instant.now().minus(Duration.ofDays(1)).toString(),
                "validTo", Instant.now().plus(Duration.ofDays(30)).toString(), "parent", p.number(), "treasuryRequired", "true"));
        FactId unregistered = node.ledger.facts().register(parties.oracleFact(Fact.of(FactType.CONTRACT_REGISTERED, child, terms,
                Instant.now().minusSeconds(5))));
        OutputRef coin = fundMarked(p, 1_000);
        CommittedTransaction toBuilder = ok(tx(TxType.TRANSFER, List.of(coin), List.of(marked(p.builderAcc(), 1_000, p.number())),
                List.of(p.fact()), p.ministry()));
        OutputRef held = new OutputRef(toBuilder.id(), 0);
        refused(tx(TxType.TRANSFER, List.of(held), List.of(marked(subAcc, 400, child), marked(p.builderAcc(), 600, p.number())),
                List.of(p.fact(), unregistered), p.builder()), ReasonCode.NOT_AUTHORIZED, "not yet registered at the Treasury");
        terms.put("treasuryNotice", "UV-CHILD-1");
        FactId registered = node.ledger.facts().register(parties.oracleFact(Fact.of(FactType.CONTRACT_REGISTERED, child, terms, Instant.now())));
        ok(tx(TxType.TRANSFER, List.of(held), List.of(marked(subAcc, 400, child), marked(p.builderAcc(), 600, p.number())),
                List.of(p.fact(), registered), p.builder()));
    }
}
