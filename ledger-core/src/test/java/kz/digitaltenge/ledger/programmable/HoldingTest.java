package kz.digitaltenge.ledger.programmable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.ReasonCode;
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
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxType;
import org.junit.jupiter.api.Test;

/** Holding: each rule of {@link Holding} and each refusal. */
class HoldingTest extends SingleNodeLedgerTest {

    static FactId fact(FactType type, String subject, Map<String, String> terms) {
        return node.ledger.facts().register(parties.oracleFact(Fact.of(type, subject, terms, Instant.now())));
    }

    record Event(String id, FactId fact, Party sender, AccountNumber senderAcc, AccountNumber recipientAcc) {
    }

    static Event event(String type, long amount, Duration validFor, String carryOverTo, Party sender, AccountNumber senderAcc) {
        AccountNumber recipient = parties.clientAccount(parties.client("Recipient"));
        String id = "EV-" + System.nanoTime();
        Map<String, String> terms = new HashMap<>(Map.of("sender", senderAcc.value(), "recipient", recipient.value(),
                "amount", Long.toString(amount), "validUntil", node.clock.instant().plus(validFor).toString(), "holdType", type));
        if (carryOverTo != null) {
            terms.put("carryOverTo", carryOverTo);
        }
        return new Event(id, fact(FactType.EVENT_REGISTERED, id, terms), sender, senderAcc, recipient);
    }

    static SignedTransaction tx(TxType type, List<OutputRef> in, List<Output> out, List<FactId> facts, Party... signers) {
        return TestParties.signed(new Transaction(type, "t" + System.nanoTime(), in, out, facts), signers);
    }

    static Output held(AccountNumber owner, long amount, String eventId) {
        return new Output(owner, amount, null, Holding.encode(eventId));
    }

    static FactId approveHold(Event e, long amount) {
        return fact(FactType.HOLD_APPROVED, e.id(), Map.of("amount", Long.toString(amount)));
    }

    /** An occurrence and the oracle's approval to release {@code amount} for it. */
    static List<FactId> occurrence(Event e, String name, long covers, long amount) {
        FactId occurred = fact(FactType.EVENT_OCCURRED, e.id(), Map.of("occurrence", name, "amount", Long.toString(covers)));
        FactId approved = fact(FactType.RELEASE_APPROVED, e.id(), Map.of("occurrence", occurred.hex(), "amount", Long.toString(amount)));
        return List.of(e.fact(), occurred, approved);
    }

    @Test
    void unlimitedHoldReleasesPerOccurrenceOnceAndReturnsTheRestAfterExpiry() {
        Party farmer = parties.client("Farmer");
        AccountNumber farmerAcc = parties.clientAccount(farmer);
        OutputRef coin = new OutputRef(ok(parties.issue(farmerAcc, 10_000, "h" + System.nanoTime())).id(), 0);
        Event e = event("UNLIMITED", 6_000, Duration.ofDays(10), null, farmer, farmerAcc);
        FactId approval = approveHold(e, 6_000);
        CommittedTransaction hold = ok(tx(TxType.HOLD, List.of(coin), List.of(held(farmerAcc, 6_000, e.id()),
                Output.standard(farmerAcc, 4_000)), List.of(e.fact(), approval), farmer));
        OutputRef heldRef = new OutputRef(hold.id(), 0);
        OutputRef change = new OutputRef(hold.id(), 1);

        // held money is not the sender's to spend
        refused(TestParties.transfer(farmer, List.of(heldRef), List.of(Output.standard(farmerAcc, 6_000)), "spend-held"),
                ReasonCode.HELD, "only a release or a return");
        // an approval holds once, and an event holds at most its amount
        refused(tx(TxType.HOLD, List.of(change), List.of(held(farmerAcc, 4_000, e.id())), List.of(e.fact(), approval), farmer),
                ReasonCode.INVALID_FACT, "approved holding");
        refused(tx(TxType.HOLD, List.of(change), List.of(held(farmerAcc, 1_000, e.id()), Output.standard(farmerAcc, 3_000)),
                List.of(e.fact(), approveHold(e, 1_000)), farmer), ReasonCode.LIMIT_EXCEEDED, "EVENT_HELD");

        // an occurrence: the oracle releases 2,500 to the recipient, the rest is held again (unlimited)
        List<FactId> first = occurrence(e, "animals re-registered, batch 1", 2_500, 2_500);
        refused(tx(TxType.RELEASE, List.of(heldRef), List.of(Output.standard(e.recipientAcc(), 2_500), held(farmerAcc, 3_500, e.id())),
                first, farmer), ReasonCode.NOT_AUTHORIZED, "by the oracle");
        refused(tx(TxType.RELEASE, List.of(heldRef), List.of(Output.standard(e.recipientAcc(), 2_500), Output.standard(farmerAcc, 3_500)),
                first, parties.oracle), ReasonCode.MARKING_VIOLATION, "held again");
        SignedTransaction release = tx(TxType.RELEASE, List.of(heldRef), List.of(Output.standard(e.recipientAcc(), 2_500),
                held(farmerAcc, 3_500, e.id())), first, parties.oracle);
        CommittedTransaction released = ok(release);
        assertThat(released.balancesAfter()).containsEntry(e.recipientAcc(), 2_500L);
        // the same release again answers the same; another release of the same occurrence releases nothing
        assertThat(ok(release).seq()).isEqualTo(released.seq());
        OutputRef rest = new OutputRef(released.id(), 1);
        refused(tx(TxType.RELEASE, List.of(rest), List.of(Output.standard(e.recipientAcc(), 2_500), held(farmerAcc, 1_000, e.id())),
                first, parties.oracle), ReasonCode.LIMIT_EXCEEDED, "already released");

        // before expiry nothing returns; after it, the oracle returns the rest, unheld
        SignedTransaction back = tx(TxType.RETURN, List.of(rest), List.of(Output.standard(farmerAcc, 3_500)), List.of(e.fact()), parties.oracle);
        refused(back, ReasonCode.EXPIRED, "returns after that");
        node.clock.advance(Duration.ofDays(11));
        try {
            refused(tx(TxType.RELEASE, List.of(rest), List.of(Output.standard(e.recipientAcc(), 3_500)),
                    occurrence(e, "late", 3_500, 3_500), parties.oracle), ReasonCode.EXPIRED, "ended");
            CommittedTransaction returned = ok(tx(TxType.RETURN, List.of(rest), List.of(Output.standard(farmerAcc, 3_500)),
                    List.of(e.fact()), parties.oracle));
            assertThat(returned.balancesAfter()).containsEntry(farmerAcc, 7_500L);
        } finally {
            node.clock.advance(Duration.ofDays(-11));
        }
        assertThat(node.store.audit().consistent()).isTrue();
    }

    @Test
    void singleHoldReleasesOnceAndTheRestGoesBack() {
        Party buyer = parties.client("Lessee");
        AccountNumber buyerAcc = parties.clientAccount(buyer);
        OutputRef coin = new OutputRef(ok(parties.issue(buyerAcc, 1_000, "s" + System.nanoTime())).id(), 0);
        Event e = event("SINGLE", 1_000, Duration.ofDays(3), null, buyer, buyerAcc);
        OutputRef heldRef = new OutputRef(ok(tx(TxType.HOLD, List.of(coin), List.of(held(buyerAcc, 1_000, e.id())),
                List.of(e.fact(), approveHold(e, 1_000)), buyer)).id(), 0);
        List<FactId> delivered = occurrence(e, "machinery delivered", 400, 400);
        refused(tx(TxType.RELEASE, List.of(heldRef), List.of(Output.standard(e.recipientAcc(), 400), held(buyerAcc, 600, e.id())),
                delivered, parties.oracle), ReasonCode.MARKING_VIOLATION, "not held again");
        refused(tx(TxType.RELEASE, List.of(heldRef), List.of(Output.standard(e.recipientAcc(), 500), Output.standard(buyerAcc, 500)),
                delivered, parties.oracle), ReasonCode.INVALID_FACT, "approved releasing");
        CommittedTransaction r = ok(tx(TxType.RELEASE, List.of(heldRef), List.of(Output.standard(e.recipientAcc(), 400),
                Output.standard(buyerAcc, 600)), delivered, parties.oracle));
        assertThat(r.balancesAfter()).containsEntry(e.recipientAcc(), 400L).containsEntry(buyerAcc, 600L);
    }

    @Test
    void conditionsCarryOverToTheNextEventOnExpiry() {
        Party farmer = parties.client("Farmer 2");
        AccountNumber farmerAcc = parties.clientAccount(farmer);
        OutputRef coin = new OutputRef(ok(parties.issue(farmerAcc, 900, "c" + System.nanoTime())).id(), 0);
        Event next = event("UNLIMITED", 900, Duration.ofDays(60), null, farmer, farmerAcc);
        Event first = event("UNLIMITED", 900, Duration.ofDays(1), next.id(), farmer, farmerAcc);
        OutputRef heldRef = new OutputRef(ok(tx(TxType.HOLD, List.of(coin), List.of(held(farmerAcc, 900, first.id())),
                List.of(first.fact(), approveHold(first, 900)), farmer)).id(), 0);
        node.clock.advance(Duration.ofDays(2));
        try {
            refused(tx(TxType.RETURN, List.of(heldRef), List.of(Output.standard(farmerAcc, 900)), List.of(first.fact(), next.fact()),
                    parties.oracle), ReasonCode.MARKING_VIOLATION, "carries its conditions over");
            CommittedTransaction carried = ok(tx(TxType.RETURN, List.of(heldRef), List.of(held(farmerAcc, 900, next.id())),
                    List.of(first.fact(), next.fact()), parties.oracle));
            assertThat(node.store.loadOutputs(List.of(new OutputRef(carried.id(), 0))).values().iterator().next().output().hold())
                    .isEqualTo(Holding.encode(next.id()));
        } finally {
            node.clock.advance(Duration.ofDays(-2));
        }
    }

    @Test
    void marksSurviveHolding() {
        Party owner = parties.client("Marked owner");
        AccountNumber ownerAcc = parties.clientAccount(owner);
        OutputRef coin = new OutputRef(ok(parties.issue(ownerAcc, 500, "m" + System.nanoTime())).id(), 0);
        Event e = event("SINGLE", 500, Duration.ofDays(3), null, owner, ownerAcc);
        // held money keeps its class: standard money cannot come out of a hold as VAT, nor the reverse
        refused(tx(TxType.HOLD, List.of(coin), List.of(new Output(ownerAcc, 500, "VAT", Holding.encode(e.id()))),
                List.of(e.fact(), approveHold(e, 500)), owner), ReasonCode.MARKING_VIOLATION, "keeps its mark");
    }
}
