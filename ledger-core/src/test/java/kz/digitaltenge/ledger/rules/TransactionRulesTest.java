package kz.digitaltenge.ledger.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.ledger.registry.AccountKind;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxSignature;
import kz.digitaltenge.ledger.tx.TxType;
import kz.digitaltenge.ledger.testing.SingleNodeLedgerTest;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every refusal of the ledger, each with its reason code, and nothing changed after it. */
class TransactionRulesTest extends SingleNodeLedgerTest {

    private record Funded(Party owner, AccountNumber account, OutputRef coin) {
    }

    private static Funded funded(long tiyn) {
        Party p = parties.client("Client " + System.nanoTime());
        AccountNumber a = parties.clientAccount(p);
        CommittedTransaction c = ok(parties.issue(a, tiyn, "fund-" + a));
        return new Funded(p, a, new OutputRef(c.id(), 0));
    }

    @Test
    void unknownInput() {
        Funded f = funded(1000);
        OutputRef ghost = new OutputRef(f.coin().txId(), 5);
        refused(TestParties.transfer(f.owner(), List.of(ghost), List.of(Output.standard(f.account(), 1000)), "u"),
                ReasonCode.UNKNOWN_INPUT, "does not exist");
    }

    @Test
    void unbalancedTransfer() {
        Funded f = funded(1000);
        refused(TestParties.transfer(f.owner(), List.of(f.coin()), List.of(Output.standard(f.account(), 1001)), "u"),
                ReasonCode.UNBALANCED, "differ");
        refused(TestParties.transfer(f.owner(), List.of(f.coin()), List.of(Output.standard(f.account(), 999)), "u"),
                ReasonCode.UNBALANCED, "differ");
    }

    @Test
    void badSignatureAndUnknownKey() {
        Funded f = funded(1000);
        Transaction tx = new Transaction(TxType.TRANSFER, "b", List.of(f.coin()), List.of(Output.standard(f.account(), 1000)));
        TxSignature good = f.owner().sign(tx);
        byte[] broken = good.value().clone();
        broken[5] ^= 1;
        refused(new SignedTransaction(tx, List.of(new TxSignature(good.keyId(), broken))), ReasonCode.BAD_SIGNATURE, "does not verify");
        refused(new SignedTransaction(tx, List.of(new TxSignature("nobody", good.value()))), ReasonCode.BAD_SIGNATURE, "not registered");
        refused(new SignedTransaction(tx, List.of()), ReasonCode.BAD_SIGNATURE, "not signed");
        // a signature made for another transaction does not carry over
        Transaction other = new Transaction(TxType.TRANSFER, "b2", List.of(f.coin()), List.of(Output.standard(f.account(), 1000)));
        refused(new SignedTransaction(tx, List.of(f.owner().sign(other))), ReasonCode.BAD_SIGNATURE, "does not verify");
    }

    @Test
    void strangerCannotSpendButTheDelegatedBankCan() {
        Funded f = funded(1000);
        Party stranger = parties.client("Stranger");
        refused(TestParties.transfer(stranger, List.of(f.coin()), List.of(Output.standard(f.account(), 1000)), "s"),
                ReasonCode.NOT_AUTHORIZED, "no signature of the owner");
        // the client's bank signs on its behalf by the registered delegation
        CommittedTransaction byBank = ok(TestParties.transfer(parties.bank, List.of(f.coin()),
                List.of(Output.standard(f.account(), 1000)), "by-bank"));
        assertThat(byBank.balancesAfter()).containsEntry(f.account(), 1000L);
    }

    @Test
    void onlyTheIssuerIssuesAndRedeems() {
        Funded f = funded(1000);
        Transaction issue = new Transaction(TxType.ISSUE, "fake", List.of(), List.of(Output.standard(f.account(), 5)));
        refused(new SignedTransaction(issue, List.of(parties.bank.sign(issue))), ReasonCode.NOT_AUTHORIZED, "only the issuer");
        Transaction redeem = new Transaction(TxType.REDEEM, "r", List.of(f.coin()), List.of());
        refused(new SignedTransaction(redeem, List.of(f.owner().sign(redeem))), ReasonCode.NOT_AUTHORIZED, "issuer's signature");
        // a redeem must destroy something
        refused(parties.redeem(f.owner(), List.of(f.coin()), List.of(Output.standard(f.account(), 1000)), "r2"),
                ReasonCode.UNBALANCED, "destroy");
        CommittedTransaction r = ok(parties.redeem(f.owner(), List.of(f.coin()), List.of(Output.standard(f.account(), 400)), "r3"));
        assertThat(r.balancesAfter()).containsEntry(f.account(), 400L);
    }

    @Test
    void structureAndLimits() {
        Funded f = funded(1000);
        List<Output> tooMany = new ArrayList<>();
        for (int i = 0; i < TransactionRules.MAX_OUTPUTS + 1; i++) {
            tooMany.add(Output.standard(f.account(), 1));
        }
        refused(parties.issue(f.account(), Tiyn.MAX_OUTPUT + 1, "big"), ReasonCode.OVER_LIMIT, "per-output maximum");
        Transaction many = new Transaction(TxType.ISSUE, "many", List.of(), tooMany);
        refused(new SignedTransaction(many, List.of(parties.issuer.sign(many))), ReasonCode.OVER_LIMIT, "outputs");
        refused(TestParties.transfer(f.owner(), List.of(f.coin(), f.coin()), List.of(Output.standard(f.account(), 2000)), "d"),
                ReasonCode.INVALID_STRUCTURE, "named twice");
        Transaction issueWithInput = new Transaction(TxType.ISSUE, "iwi", List.of(f.coin()), List.of(Output.standard(f.account(), 1)));
        refused(new SignedTransaction(issueWithInput, List.of(parties.issuer.sign(issueWithInput))), ReasonCode.INVALID_STRUCTURE, "no inputs");
        AccountNumber unregistered = TestParties.newAccountNumber();
        refused(TestParties.transfer(f.owner(), List.of(f.coin()), List.of(Output.standard(unregistered, 1000)), "ua"),
                ReasonCode.UNKNOWN_ACCOUNT, "not registered");
        refused(TestParties.transfer(f.owner(), List.of(f.coin()), List.of(Output.standard(f.account(), 0)), "zero"),
                ReasonCode.OVER_LIMIT, "positive");
        refused(TestParties.transfer(f.owner(), List.of(f.coin()), List.of(new Output(f.account(), 1000, "VAT", null)), "m"),
                ReasonCode.MARKING_VIOLATION, "marked only by a MARK");
        refused(TestParties.transfer(f.owner(), List.of(f.coin()), List.of(new Output(f.account(), 1000, "GOLD", null)), "m2"),
                ReasonCode.MALFORMED, "unknown marking");
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void everyAlgorithmCanAuthorizeATransfer(SignatureAlgorithm algorithm) {
        Party owner = parties.party("Owner " + algorithm + System.nanoTime(), Set.of(), null, algorithm);
        AccountNumber account = parties.account(owner, AccountKind.PERSON, parties.bankBic);
        CommittedTransaction c = ok(parties.issue(account, 500, "alg-" + account));
        CommittedTransaction t = ok(TestParties.transfer(owner, List.of(new OutputRef(c.id(), 0)),
                List.of(Output.standard(account, 200), Output.standard(account, 300)), "alg-t"));
        assertThat(t.balancesAfter()).containsEntry(account, 500L);
    }
}
