package kz.digitaltenge.ledger.programmable;

import kz.digitaltenge.ledger.HoldExpiry;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.testing.SingleNodeLedgerTest;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.testing.TestParties.Party;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxType;
import org.junit.jupiter.api.Test;

/** The expiry scheduler returns what is held for expired events, once, from durable state alone. */
class HoldExpiryTest extends SingleNodeLedgerTest {

    static FactId fact(FactType type, String subject, Map<String, String> terms) {
        return node.ledger.facts().register(parties.oracleFact(Fact.of(type, subject, terms, Instant.now())));
    }

    static FactId event(String id, AccountNumber sender, long amount, Duration validFor, String carryOverTo) {
        Map<String, String> terms = new HashMap<>(Map.of("sender", sender.value(), "recipient", parties.issuerAccount.value(),
                "amount", Long.toString(amount), "validUntil", node.clock.instant().plus(validFor).toString(), "holdType", "UNLIMITED"));
        if (carryOverTo != null) {
            terms.put("carryOverTo", carryOverTo);
        }
        return fact(FactType.EVENT_REGISTERED, id, terms);
    }

    static OutputRef hold(Party owner, AccountNumber account, String eventId, FactId eventFact, long amount) {
        OutputRef coin = new OutputRef(node.ledger.submitAndWait(parties.issue(account, amount, "x" + System.nanoTime()), 10_000).id(), 0);
        FactId approval = fact(FactType.HOLD_APPROVED, eventId, Map.of("amount", Long.toString(amount)));
        return new OutputRef(node.ledger.submitAndWait(TestParties.signed(new Transaction(TxType.HOLD, "h" + System.nanoTime(),
                List.of(coin), List.of(new Output(account, amount, null, Holding.encode(eventId))), List.of(eventFact, approval)), owner),
                10_000).id(), 0);
    }

    @Test
    void expiredHoldsReturnOnceAndLiveOnesStay() {
        Party farmer = parties.client("Farmer");
        AccountNumber acc = parties.clientAccount(farmer);
        String shortEvent = "E-short-" + System.nanoTime();
        String longEvent = "E-long-" + System.nanoTime();
        String successor = "E-next-" + System.nanoTime();
        String carried = "E-carried-" + System.nanoTime();
        hold(farmer, acc, shortEvent, event(shortEvent, acc, 700, Duration.ofHours(1), null), 700);
        OutputRef stays = hold(farmer, acc, longEvent, event(longEvent, acc, 300, Duration.ofDays(30), null), 300);
        event(successor, acc, 500, Duration.ofDays(30), null);
        hold(farmer, acc, carried, event(carried, acc, 500, Duration.ofHours(1), successor), 500);

        HoldExpiry expiry = new HoldExpiry(node.ledger, tx -> parties.oracle.sign(tx));
        assertThat(expiry.runOnce()).isZero();
        node.clock.advance(Duration.ofHours(2));
        try {
            assertThat(expiry.runOnce()).isEqualTo(2);
            assertThat(expiry.runOnce()).isZero();
            // this test's events only (the node is shared with the other tests of the class)
            java.util.Set<String> mine = java.util.Set.of(Holding.encode(shortEvent), Holding.encode(longEvent),
                    Holding.encode(successor), Holding.encode(carried));
            List<StoredOutput> held = node.store.heldOutputs(HoldExpiry.SCAN_LIMIT * 3).stream()
                    .filter(o -> mine.contains(o.output().hold())).toList();
            assertThat(held).extracting(s -> s.output().hold())
                    .containsExactlyInAnyOrder(Holding.encode(longEvent), Holding.encode(successor));
            assertThat(held).extracting(StoredOutput::ref).contains(stays);
            long free = node.store.unspentOutputs(acc, 100).stream().filter(s -> s.output().hold() == null)
                    .mapToLong(s -> s.output().amount()).sum();
            assertThat(free).isEqualTo(700);
            // a fresh scheduler (a restarted hub) finds nothing more to do
            assertThat(new HoldExpiry(node.ledger, tx -> parties.oracle.sign(tx)).runOnce()).isZero();
        } finally {
            node.clock.advance(Duration.ofHours(-2));
        }
        assertThat(node.store.audit().consistent()).isTrue();
    }

    /**
     * The review's case: more outputs held for live events than one look at the held outputs takes (the old scan saw
     * the 1,000 oldest), and a newer hold that expires. The expiry finds it by the end of its hold, not by its age.
     */
    @Test
    void anExpiredHoldBehindThousandsOfLiveOnesIsReturned() {
        Party lender = parties.client("Lender");
        AccountNumber acc = parties.clientAccount(lender);
        String live = "E-live-" + System.nanoTime();
        FactId liveEvent = event(live, acc, HoldExpiry.SCAN_LIMIT + 200L, Duration.ofDays(30), null);
        // many held outputs of one live event, in few transactions: a HOLD of 32 outputs at a time
        int held = 0;
        while (held < HoldExpiry.SCAN_LIMIT + 100) {
            OutputRef coin = new OutputRef(node.ledger.submitAndWait(parties.issue(acc, 32, "c" + System.nanoTime()), 10_000).id(), 0);
            FactId approval = fact(FactType.HOLD_APPROVED, live, Map.of("amount", "32"));
            List<Output> outs = new java.util.ArrayList<>();
            for (int k = 0; k < 32; k++) {
                outs.add(new Output(acc, 1, null, Holding.encode(live)));
            }
            node.ledger.submitAndWait(TestParties.signed(new Transaction(TxType.HOLD, "hm" + System.nanoTime(), List.of(coin), outs,
                    List.of(liveEvent, approval)), lender), 10_000);
            held += 32;
        }
        String late = "E-late-" + System.nanoTime();
        OutputRef lateHold = hold(lender, acc, late, event(late, acc, 900, Duration.ofMinutes(30), null), 900);

        HoldExpiry expiry = new HoldExpiry(node.ledger, tx -> parties.oracle.sign(tx));
        node.clock.advance(Duration.ofHours(1));
        try {
            assertThat(expiry.runOnce()).isEqualTo(1);
            assertThat(node.store.loadOutputs(List.of(lateHold)).get(lateHold).spentBy()).as("the late hold was returned").isNotNull();
            assertThat(node.store.heldOutputs(live, HoldExpiry.SCAN_LIMIT * 2)).hasSize(held);
        } finally {
            node.clock.advance(Duration.ofHours(-1));
        }
        assertThat(node.store.audit().consistent()).isTrue();
    }
}
