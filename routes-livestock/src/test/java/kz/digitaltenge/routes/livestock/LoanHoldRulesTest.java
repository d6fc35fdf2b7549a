package kz.digitaltenge.routes.livestock;

import static kz.digitaltenge.routes.livestock.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.source.HoldDecision;
import kz.digitaltenge.canonical.source.HoldDecision.NoChange;
import kz.digitaltenge.canonical.source.HoldDecision.Refuse;
import kz.digitaltenge.canonical.source.HoldDecision.Release;
import kz.digitaltenge.canonical.source.KnownFact;
import kz.digitaltenge.routes.livestock.testing.LivestockEvent;
import kz.digitaltenge.routes.livestock.testing.LivestockPilot;
import kz.digitaltenge.routes.livestock.testing.MemoryHoldBook;
import org.assertj.core.api.ObjectAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rule of the release table, against a small in-memory book holding loan AA-7 (10 cattle, 40 sheep). */
class LoanHoldRulesTest {
    private static final String LOAN = "LOAN-AA-7";
    private static final long CATTLE = 45_000_000;
    private static final long SHEEP = 8_500_000;
    private static final long AMOUNT = 790_000_000;

    private final LoanHoldRules rules = new LoanHoldRules();
    private MemoryHoldBook book;
    private int events;

    @BeforeEach
    void registerTheLoan() {
        book = new MemoryHoldBook(Instant.parse("2026-03-10T00:00:00Z"));
        book.take(rules, loanMessages(loan()));
    }

    private HoldDecision occur(LivestockEvent e) {
        return book.occur(rules, one(e));
    }

    /** An owner change of this animal (its species from the number) to this owner, with a new event id. */
    private LivestockEvent change(String animal, String newOwner) {
        events++;
        return LivestockEvent.ownerChange("ISZH-" + events, "AA-7", animal, SELLER_BIN, newOwner, AT);
    }

    private LivestockEvent event(String kind, String animal) {
        events++;
        return LivestockEvent.animal(kind, "ISZH-" + events, "AA-7", animal, BORROWER, AT);
    }

    private static ObjectAssert<Refuse> assertRefused(HoldDecision d, ReasonCode reason, String says) {
        assertThat(d).isInstanceOf(Refuse.class);
        Refuse r = (Refuse) d;
        assertThat(r.eventId()).isEqualTo(LOAN);
        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.message()).contains(says);
        return assertThat(r);
    }

    private static void assertUnchanged(HoldDecision d, String says) {
        assertThat(d).isInstanceOfSatisfying(NoChange.class, n -> {
            assertThat(n.eventId()).isEqualTo(LOAN);
            assertThat(n.why()).contains(says);
        });
    }

    @Test
    void anAnimalReRegisteredToTheBorrowerReleasesItsSpeciesPriceToTheSeller() {
        HoldDecision cow = occur(change("KZA100000001", BORROWER));
        HoldDecision sheep = occur(change("KZA200000001", BORROWER));

        assertThat(cow).isInstanceOfSatisfying(Release.class, r -> {
            assertThat(r.eventId()).isEqualTo(LOAN);
            assertThat(r.amount()).isEqualTo(CATTLE);
            assertThat(r.why()).contains("KZA100000001").contains("head 1 of 10 of cattle");
        });
        assertThat(sheep).isInstanceOfSatisfying(Release.class, r -> assertThat(r.amount()).isEqualTo(SHEEP));
        assertThat(book.held(LOAN)).isEqualTo(AMOUNT - CATTLE - SHEEP);
    }

    @Test
    void anAnimalAlreadyPaidIsNeverPaidAgainHoweverOftenItIsReRegistered() {
        occur(change("KZA100000001", BORROWER));

        assertUnchanged(occur(change("KZA100000001", BORROWER)), "already paid");
        assertUnchanged(occur(change("KZA100000001", NEIGHBOUR)), "now registered to " + NEIGHBOUR);
        assertUnchanged(occur(change("KZA100000001", BORROWER)), "a re-registration never pays twice");
        assertThat(book.held(LOAN)).isEqualTo(AMOUNT - CATTLE);
    }

    @Test
    void anAnimalRegisteredToSomeoneElseIsRefused() {
        assertRefused(occur(change("KZA100000001", NEIGHBOUR)), ReasonCode.NOT_AUTHORIZED, "registered to someone else");
        // and paid once it reaches the borrower
        assertThat(occur(change("KZA100000001", BORROWER))).isInstanceOf(Release.class);
    }

    @Test
    void anExpiredLoanPaysNothing() {
        book.setNow(Instant.parse(UNTIL));
        assertRefused(occur(change("KZA100000001", BORROWER)), ReasonCode.EXPIRED, "expired at " + UNTIL);
        book.setNow(Instant.parse(UNTIL).minusSeconds(1));
        assertThat(occur(change("KZA100000001", BORROWER))).isInstanceOf(Release.class);
    }

    @Test
    void aSpeciesNotInTheAgreementIsRefused() {
        assertRefused(occur(change("KZA300000001", BORROWER)), ReasonCode.BUSINESS_RULE, "species not in the agreement")
                .satisfies(r -> assertThat(r.message()).contains("3 (pigs)")
                        .contains("1 (cattle) 10 heads at 450000.00, 2 (sheep and goats) 40 heads at 85000.00"));
    }

    @Test
    void noMoreHeadsOfASpeciesThanAgreed() {
        for (int i = 1; i <= 10; i++) {
            assertThat(occur(change(String.format("KZA1%08d", i), BORROWER))).isInstanceOf(Release.class);
        }
        assertRefused(occur(change("KZA100000011", BORROWER)), ReasonCode.LIMIT_EXCEEDED, "all 10 heads of cattle");
        // the other species is counted on its own
        assertThat(occur(change("KZA200000001", BORROWER))).isInstanceOf(Release.class);
    }

    @Test
    void neverMoreThanIsHeld() {
        book.hold(LOAN, CATTLE - 1); // the lender has held less than one cow's price so far
        assertRefused(occur(change("KZA100000001", BORROWER)), ReasonCode.LIMIT_EXCEEDED, "holds 449999.99");
        assertThat(occur(change("KZA200000001", BORROWER))).isInstanceOf(Release.class);
    }

    @Test
    void anAnimalUnderQuarantineByItsOwnFlagIsRefused() {
        assertRefused(occur(change("KZA100000001", BORROWER).with(EventFields.QUARANTINE, true)),
                ReasonCode.BUSINESS_RULE, "under veterinary quarantine");
    }

    @Test
    void aQuarantineEventStandsUntilLiftedAndIsHistory() {
        assertUnchanged(occur(event("QUARANTINE", "KZA100000001")), "under veterinary quarantine from");
        assertRefused(occur(change("KZA100000001", BORROWER)), ReasonCode.BUSINESS_RULE, "not lifted since");
        // another animal is not concerned
        assertThat(occur(change("KZA100000002", BORROWER))).isInstanceOf(Release.class);
        assertUnchanged(occur(event("QUARANTINE", "KZA100000001").with(EventFields.QUARANTINE, false)), "lifted");
        assertThat(occur(change("KZA100000001", BORROWER))).isInstanceOf(Release.class);
    }

    @Test
    void aDeadAnimalIsHistoryAndNotPaidFor() {
        assertUnchanged(occur(event("DEATH", "KZA100000001")), "recorded dead");
        assertRefused(occur(change("KZA100000001", BORROWER)), ReasonCode.BUSINESS_RULE, "recorded dead");
        occur(change("KZA100000002", BORROWER));
        assertUnchanged(occur(event("DEATH", "KZA100000002")), "recorded dead");
    }

    @Test
    void anUnknownLoanIsRefused() {
        HoldDecision d = occur(change("KZA100000001", BORROWER).with(EventFields.LOAN_NUMBER, "AA-99"));
        assertThat(d).isInstanceOfSatisfying(Refuse.class, r -> {
            assertThat(r.eventId()).isEqualTo("LOAN-AA-99");
            assertThat(r.reason()).isEqualTo(ReasonCode.UNKNOWN_REFERENCE);
        });
    }

    @Test
    void aCorrectionOfTheNumberOrSpeciesOfAPaidAnimalIsFlaggedForTheBackOffice() {
        occur(change("KZA100000001", BORROWER));
        Refuse number = (Refuse) occur(event("CORRECTION", "KZA100000099")
                .with(EventFields.PREVIOUS_ANIMAL_NUMBER, "KZA100000001"));
        assertRefused(number, ReasonCode.BUSINESS_RULE, "correction after payment: animal KZA100000001 was paid"
                + " 450000.00 to the seller under LOAN-AA-7 as species 1 (cattle)");
        assertThat(number.message()).contains("now records it as KZA100000099, species 1 (cattle)")
                .contains("Nothing was moved").contains("Check with the lender");
        // the corrected number is the same animal: paid
        assertUnchanged(occur(change("KZA100000099", BORROWER)), "already paid");

        occur(change("KZA100000002", BORROWER));
        assertRefused(occur(event("CORRECTION", "KZA200000002").with(EventFields.PREVIOUS_ANIMAL_NUMBER, "KZA100000002")
                .with(EventFields.PREVIOUS_SPECIES, "1")), ReasonCode.BUSINESS_RULE, "species 2 (sheep and goats)");
        assertThat(book.held(LOAN)).isEqualTo(AMOUNT - 2 * CATTLE);
    }

    @Test
    void aCorrectionOfOtherDataOrBeforePaymentIsHistory() {
        assertUnchanged(occur(event("CORRECTION", "KZA100000009").with(EventFields.PREVIOUS_ANIMAL_NUMBER,
                "KZA100000001")), "before any payment");
        occur(change("KZA100000002", BORROWER));
        assertUnchanged(occur(event("CORRECTION", "KZA100000002").with(EventFields.CASTRATED, true)),
                "its number and species stand");
        // a correction whose number is that of a paid animal but whose species differs is a species correction
        assertRefused(occur(event("CORRECTION", "KZA100000002").with(EventFields.SPECIES, "1")
                .with(EventFields.PREVIOUS_SPECIES, "2")), ReasonCode.BUSINESS_RULE, "correction after payment");
    }

    @Test
    void theSameRfidIsTheSameAnimalUnderAnotherNumber() {
        occur(change("KZA100000001", BORROWER).with(EventFields.RFID, "398000000000001"));
        assertUnchanged(occur(change("KZA100000077", BORROWER).with(EventFields.RFID, "398000000000001")), "already paid");
        assertThat(occur(change("KZA100000078", BORROWER).with(EventFields.RFID, "398000000000002")))
                .isInstanceOf(Release.class);
    }

    @Test
    void withoutALoanNumberTheBorrowersOneLoanIsPaidAndItsHistoryCounts() {
        HoldDecision d = occur(change("KZA100000001", BORROWER).without(EventFields.LOAN_NUMBER));
        assertThat(d).isInstanceOfSatisfying(Release.class, r -> assertThat(r.eventId()).isEqualTo(LOAN));

        // paid under the borrower's subject: not again under the loan's, nor the other way round
        assertUnchanged(occur(change("KZA100000001", BORROWER)), "already paid");
        occur(change("KZA100000002", BORROWER));
        assertUnchanged(occur(change("KZA100000002", BORROWER).without(EventFields.LOAN_NUMBER)), "already paid");
        assertThat(book.held(LOAN)).isEqualTo(AMOUNT - 2 * CATTLE);
    }

    @Test
    void withoutALoanNumberAndNoLoanOfThatOwnerTheEventIsUnmatched() {
        HoldDecision d = occur(change("KZA100000001", NEIGHBOUR).without(EventFields.LOAN_NUMBER));
        assertThat(d).isInstanceOfSatisfying(Refuse.class, r -> {
            assertThat(r.eventId()).isEqualTo("BORROWER-" + NEIGHBOUR);
            assertThat(r.reason()).isEqualTo(ReasonCode.UNKNOWN_REFERENCE);
            assertThat(r.message()).contains("should send loanNumber");
        });
        // a borrower with two loans cannot be resolved: the book gives none
        book.take(rules, loanMessages(loan().with(EventFields.LOAN_NUMBER, "AA-8")));
        assertThat(occur(change("KZA100000002", BORROWER).without(EventFields.LOAN_NUMBER)))
                .isInstanceOfSatisfying(Refuse.class, r -> assertThat(r.reason()).isEqualTo(ReasonCode.UNKNOWN_REFERENCE));
    }

    @Test
    void ofSeveralLoansOfTheBorrowerTheOneOpenForTheSpeciesIsTaken() {
        book.take(rules, loanMessages(LivestockEvent.loan("AA-9", LENDER, SELLER, BORROWER, UNTIL,
                new LivestockEvent.Line("4", 2, "600000.00"))));
        book.take(rules, loanMessages(LivestockEvent.loan("AA-10", LENDER, SELLER, BORROWER, "2026-03-09T00:00:00Z",
                new LivestockEvent.Line("5", 2, "900000.00"))));

        assertThat(occur(change("KZA400000001", BORROWER).without(EventFields.LOAN_NUMBER)))
                .isInstanceOfSatisfying(Release.class, r -> {
                    assertThat(r.eventId()).isEqualTo("LOAN-AA-9");
                    assertThat(r.amount()).isEqualTo(60_000_000);
                });
        assertThat(occur(change("KZA100000001", BORROWER).without(EventFields.LOAN_NUMBER)))
                .isInstanceOfSatisfying(Release.class, r -> assertThat(r.eventId()).isEqualTo(LOAN));
        // camels only on a loan that has expired: none open
        assertThat(occur(change("KZA500000001", BORROWER).without(EventFields.LOAN_NUMBER)))
                .isInstanceOfSatisfying(Refuse.class, r -> {
                    assertThat(r.reason()).isEqualTo(ReasonCode.BUSINESS_RULE);
                    assertThat(r.message()).contains("no open loan for species 5 (camels)").contains("LOAN-AA-10");
                });
    }

    @Test
    void aLoansEntryInItsBorrowersIndexIsHistory() {
        HoldDecision d = book.occur(rules, loanMessages(loan().with(EventFields.LOAN_NUMBER, "AA-11")).get(1));
        assertThat(d).isInstanceOfSatisfying(NoChange.class, n -> {
            assertThat(n.eventId()).isEqualTo("BORROWER-" + BORROWER);
            assertThat(n.why()).contains("LOAN-AA-11 of borrower " + BORROWER);
        });
        KnownFact forged = new KnownFact("cd".repeat(32), "EVENT_OCCURRED", "BORROWER-" + NEIGHBOUR,
                Map.of("occurrence", "LOAN_REGISTERED:AA-7", "kind", "LOAN_REGISTERED", "loan", LOAN, "borrower", BORROWER),
                Instant.now());
        assertThat(rules.decide(forged, book)).isInstanceOfSatisfying(Refuse.class,
                r -> assertThat(r.reason()).isEqualTo(ReasonCode.SCHEMA_INVALID));
    }

    @Test
    void theSameQuestionGetsTheSameAnswer() {
        KnownFact cow = book.fact(one(change("KZA100000001", BORROWER)));
        HoldDecision first = rules.decide(cow, book);
        assertThat(rules.decide(cow, book)).isEqualTo(first);
        book.occur(rules, cow);
        // asked again after it was carried out (a redelivery): the book's history excludes the fact itself
        assertThat(rules.decide(cow, book)).isEqualTo(first);
        assertThat(book.occur(rules, cow)).isEqualTo(first);
        assertThat(book.held(LOAN)).isEqualTo(AMOUNT - CATTLE);
    }

    @Test
    void whatIsNotALivestockOccurrenceIsNotDecided() {
        KnownFact registration = book.event(LOAN).orElseThrow();
        assertThat(rules.decide(registration, book)).isInstanceOf(NoChange.class);

        KnownFact foreign = new KnownFact("ab".repeat(32), "EVENT_OCCURRED", LOAN, Map.of("occurrence", "x", "amount", "1"),
                Instant.now());
        assertThat(rules.decide(foreign, book)).isInstanceOfSatisfying(Refuse.class,
                r -> assertThat(r.reason()).isEqualTo(ReasonCode.SCHEMA_INVALID));

        MemoryHoldBook other = new MemoryHoldBook(book.now());
        other.register(new kz.digitaltenge.canonical.CanonicalMessage("grant-1", "EVENT_REGISTERED", "LOAN-AA-7",
                Map.of("sender", LENDER, "recipient", SELLER, "amount", "100", "validUntil", UNTIL, "holdType", "SINGLE"),
                null));
        assertThat(other.occur(rules, one(change("KZA100000001", BORROWER)))).isInstanceOfSatisfying(Refuse.class,
                r -> assertThat(r.message()).contains("not a livestock purchase loan"));
    }

    @Test
    void theBooksPartiesComeFromThePilotsOwnGenerators() {
        assertThat(kz.digitaltenge.canonical.id.PartyId.isValid(LivestockPilot.party(1, "85"))).isTrue();
        assertThat(kz.digitaltenge.canonical.id.AccountNumber.isValid(LivestockPilot.account("601", 1))).isTrue();
    }
}
