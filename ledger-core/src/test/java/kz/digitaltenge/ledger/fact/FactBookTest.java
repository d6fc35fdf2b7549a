package kz.digitaltenge.ledger.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.testing.SingleNodeLedgerTest;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxType;
import org.junit.jupiter.api.Test;

class FactBookTest extends SingleNodeLedgerTest {

    static Fact contract(String number, AccountNumber sender, AccountNumber recipient, Instant at) {
        return Fact.of(FactType.CONTRACT_REGISTERED, number, Map.of(
                "sender", sender.value(), "recipient", recipient.value(),
                "maxTransfer", "100000", "maxCashOut", "20000",
                "validFrom", "2026-01-01T00:00:00Z", "validTo", "2027-01-01T00:00:00Z"), at);
    }

    @Test
    void oracleSignedFactsAreRegisteredOnceAndReadBack() {
        AccountNumber a = parties.clientAccount(parties.client("A"));
        AccountNumber b = parties.clientAccount(parties.client("B"));
        Fact fact = contract("C-1", a, b, Instant.parse("2026-11-25T00:00:00Z"));
        FactId id = node.facts.register(parties.oracleFact(fact));
        assertThat(node.facts.register(parties.oracleFact(fact))).isEqualTo(id);
        assertThat(node.facts.require(id)).isEqualTo(fact);
        assertThat(Fact.decode(fact.canonicalBytes())).isEqualTo(fact);
        assertThat(new FactBook(node.store.facts(), node.registry).find(id)).get().extracting(SignedFact::fact).isEqualTo(fact);

        Fact newer = contract("C-1", a, b, Instant.parse("2026-11-26T00:00:00Z"));
        node.facts.register(parties.oracleFact(newer));
        assertThat(node.facts.latest(FactType.CONTRACT_REGISTERED, "C-1")).get().extracting(SignedFact::fact).isEqualTo(newer);
    }

    @Test
    void theBookKeepsOnlyRecentFactsInMemoryAndReadsTheOthersFromTheStore() {
        AccountNumber a = parties.clientAccount(parties.client("Recent"));
        FactBook book = new FactBook(node.store.facts(), node.registry, 8);
        java.util.List<FactId> ids = new java.util.ArrayList<>();
        Instant at = Instant.parse("2026-11-25T00:00:00Z");
        for (int i = 0; i < 50; i++) {
            ids.add(book.register(parties.oracleFact(contract("C-RECENT-" + i, a, a, at.plusSeconds(i)))));
            assertThat(book.recentFacts()).as("two generations of 8 at most").isLessThanOrEqualTo(16);
        }
        // the first ones left memory long ago: read from the store, whole
        assertThat(book.find(ids.get(0))).get().extracting(f -> f.fact().subject()).isEqualTo("C-RECENT-0");
        assertThat(book.require(ids.get(1)).subject()).isEqualTo("C-RECENT-1");
        assertThat(book.find(ids.get(49))).get().extracting(f -> f.fact().subject()).isEqualTo("C-RECENT-49");
        assertThat(book.recentFacts()).isLessThanOrEqualTo(16);
    }

    @Test
    void onlyTheOracleSignsFacts() {
        AccountNumber a = parties.clientAccount(parties.client("A2"));
        Fact fact = contract("C-2", a, a, Instant.now());
        assertThatThrownBy(() -> node.facts.register(TestParties.signedBy(parties.bank, fact)))
                .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.INVALID_FACT))
                .hasMessageContaining("not the oracle");
        SignedFact good = parties.oracleFact(fact);
        byte[] broken = good.signature().clone();
        broken[0] ^= 1;
        assertThatThrownBy(() -> node.facts.register(new SignedFact(fact, good.keyId(), broken)))
                .hasMessageContaining("does not verify");
        // a transaction signature is no fact signature: the domains differ
        byte[] txDomainSig = kz.digitaltenge.ledger.crypto.Keys.sign(parties.oracle.algorithm(),
                parties.oracle.keys().getPrivate(), fact.id().bytes());
        assertThatThrownBy(() -> node.facts.register(new SignedFact(fact, good.keyId(), txDomainSig)))
                .hasMessageContaining("does not verify");
        assertThat(node.facts.find(fact.id())).isEmpty();
    }

    @Test
    void incompleteTermsAreRefused() {
        Fact noAmount = Fact.of(FactType.EVENT_REGISTERED, "E-1", Map.of("sender", "x"), Instant.now());
        assertThatThrownBy(() -> node.facts.register(parties.oracleFact(noAmount)))
                .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.INVALID_FACT));
        Fact badInvoice = Fact.of(FactType.INVOICE_REGISTERED, "INV-1", Map.of("sellerTin", "1", "buyerTin", "2",
                "net", "100", "vat", "12", "gross", "113", "currency", "KZT", "status", "CREATED"), Instant.now());
        assertThatThrownBy(() -> node.facts.register(parties.oracleFact(badInvoice))).hasMessageContaining("net + vat != gross");
        Fact badHoldType = Fact.of(FactType.EVENT_REGISTERED, "E-2", Map.of("sender", parties.issuerAccount.value(),
                "recipient", parties.issuerAccount.value(), "amount", "5", "validUntil", "2027-01-01T00:00:00Z",
                "holdType", "FOREVER"), Instant.now());
        assertThatThrownBy(() -> node.facts.register(parties.oracleFact(badHoldType))).hasMessageContaining("holdType");
    }

    @Test
    void standardMoneyNamesNoFact() {
        AccountNumber a = parties.clientAccount(parties.client("A3"));
        FactId fact = node.facts.register(parties.oracleFact(contract("C-3", a, a, Instant.now())));
        Transaction tx = new Transaction(TxType.ISSUE, "with-fact", List.of(), List.of(Output.standard(a, 5)), List.of(fact));
        assertThatThrownBy(() -> node.ledger.submitAndWait(new SignedTransaction(tx, List.of(parties.issuer.sign(tx))), 10_000))
                .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.INVALID_STRUCTURE));
    }
}
