package kz.digitaltenge.ledger.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactTerms;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.registry.Participant;
import kz.digitaltenge.ledger.registry.RegisteredKey;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.testing.SingleNodeLedgerTest;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import org.junit.jupiter.api.Test;

/**
 * The text rule where the ledger accepts text: transaction references, markings, holds and signature key ids,
 * participant names and key ids, fact subjects and terms. Each refusal is MALFORMED, names the field and the code
 * point, and leaves the books as they were.
 */
class TextRulesTest extends SingleNodeLedgerTest {

    /** The probe's NUL byte: refused before it is prepared, so it never reaches a group commit. */
    @Test
    void aReferenceWithANulOrABidiControlIsRefused() {
        AccountNumber a = parties.clientAccount(parties.client("Text client"));
        refused(parties.issue(a, 100, "order-\u0000-1"), ReasonCode.MALFORMED, "transaction reference contains U+0000");
        refused(parties.issue(a, 100, "order-\u202E1-"), ReasonCode.MALFORMED, "transaction reference contains U+202E");
        refused(parties.issue(a, 100, "order\n1"), ReasonCode.MALFORMED, "transaction reference contains U+000A");
        CommittedTransaction clean = ok(parties.issue(a, 100, "order-1"));
        assertThat(clean.signed().tx().reference()).isEqualTo("order-1");
    }

    @Test
    void aMarkingOrHoldWithAControlCharacterIsRefusedBeforeItIsParsedOrQuoted() {
        AccountNumber a = parties.clientAccount(parties.client("Marking client"));
        Transaction marked = new Transaction(TxType.ISSUE, "m-1", List.of(), List.of(new Output(a, 100, "VAT\u0085", null)));
        refused(new SignedTransaction(marked, List.of(parties.issuer.sign(marked))), ReasonCode.MALFORMED, "marking contains U+0085");
        Transaction held = new Transaction(TxType.ISSUE, "h-1", List.of(), List.of(new Output(a, 100, null, "EVENT:e\u2066")));
        refused(new SignedTransaction(held, List.of(parties.issuer.sign(held))), ReasonCode.MALFORMED, "hold contains U+2066");
    }

    @Test
    void aSignatureKeyIdWithAControlCharacterIsRefused() {
        AccountNumber a = parties.clientAccount(parties.client("Key client"));
        Transaction tx = new Transaction(TxType.ISSUE, "k-1", List.of(), List.of(Output.standard(a, 100)));
        TxSignature sig = parties.issuer.sign(tx);
        refused(new SignedTransaction(tx, List.of(new TxSignature("issuer\u001b[31m", sig.value()))), ReasonCode.MALFORMED,
                "signature key id contains U+001B");
    }

    /** The probe registered a 200,000-character name (201 Created); the cap is 200. */
    @Test
    void aParticipantNameIsCappedAndClean() {
        assertMalformed(() -> node.registry.register(new Participant(TestParties.newPartyId(), "N".repeat(200_000), Set.of(), null)),
                "participant name is longer than 200 characters");
        assertMalformed(() -> node.registry.register(new Participant(TestParties.newPartyId(), "ТОО\u200FАстана", Set.of(), null)),
                "participant name contains U+200F");
        assertThat(node.registry.register(new Participant(TestParties.newPartyId(), "Қ".repeat(200), Set.of(), null)).name())
                .hasSize(200);
    }

    @Test
    void aKeyIdIsClean() {
        Party holder = parties.client("Key holder");
        byte[] key = Keys.generate(SignatureAlgorithm.ED25519).getPublic().getEncoded();
        assertMalformed(() -> node.registry.registerKey(new RegisteredKey("key\u2028two", holder.id(), SignatureAlgorithm.ED25519, key)),
                "key id contains U+2028");
        assertMalformed(() -> node.registry.registerKey(new RegisteredKey("k".repeat(129), holder.id(), SignatureAlgorithm.ED25519, key)),
                "key id is longer than 128 characters");
    }

    @Test
    void factSubjectsTermKeysAndValuesAreClean() {
        Map<String, String> terms = Map.of("occurrence", "o-1", "amount", "100");
        assertMalformed(() -> FactTerms.validate(Fact.of(FactType.EVENT_OCCURRED, "event\u061C1", terms, Instant.EPOCH)),
                "fact subject contains U+061C");
        assertMalformed(() -> FactTerms.validate(Fact.of(FactType.EVENT_OCCURRED, "event-1",
                Map.of("occurrence", "o-1", "amount", "100", "note\u0000", "x"), Instant.EPOCH)), "fact term key contains U+0000");
        assertMalformed(() -> FactTerms.validate(Fact.of(FactType.EVENT_OCCURRED, "event-1",
                Map.of("occurrence", "o\u202D1", "amount", "100"), Instant.EPOCH)), "fact term 'occurrence' contains U+202D");
        FactTerms.validate(Fact.of(FactType.EVENT_OCCURRED, "event-1", terms, Instant.EPOCH));
    }

    /** Amounts in fact terms are whole tiyn in ASCII digits: Long.parseLong took "+100" and "١٠٠". */
    @Test
    void factAmountsAreAsciiDigits() {
        for (String amount : List.of("+100", "\u0661\u0660\u0660", "\uFF11\uFF10\uFF10", "1e2")) {
            assertThatThrownBy(() -> FactTerms.validate(Fact.of(FactType.EVENT_OCCURRED, "event-1",
                    Map.of("occurrence", "o-1", "amount", amount), Instant.EPOCH)))
                    .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.INVALID_FACT))
                    .hasMessageContaining("term 'amount' is not an amount in tiyn");
        }
    }

    /** vatRate is read unchecked by later readers (Long.parseLong), so validation takes 1-3 ASCII digits only. */
    @Test
    void aContractVatRateIsAsciiDigits() {
        for (String rate : List.of("+12", "\u0661\u0662", "12.0", "1e1", "101")) {
            assertThatThrownBy(() -> FactTerms.validate(contract(rate)))
                    .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.INVALID_FACT))
                    .hasMessageContaining("vatRate is a whole percent 0-100");
        }
        FactTerms.validate(contract("12"));
    }

    private static Fact contract(String vatRate) {
        return Fact.of(FactType.CONTRACT_REGISTERED, "C-1", Map.of("sender", TestParties.newAccountNumber().value(),
                "recipient", TestParties.newAccountNumber().value(), "maxTransfer", "100", "maxCashOut", "0",
                "buyerTin", "040840000997", "sellerTin", "120340005124", "vatRate", vatRate,
                "validFrom", "2025-01-01T00:00:00Z", "validTo", "2026-01-01T00:00:00Z"), Instant.EPOCH);
    }

    private static void assertMalformed(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(LedgerException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((LedgerException) e).reason()).isEqualTo(ReasonCode.MALFORMED));
    }
}
