package kz.digitaltenge.routes.subsidy;

import static kz.digitaltenge.routes.subsidy.ApplicationStatus.APPROVED;
import static kz.digitaltenge.routes.subsidy.ApplicationStatus.EXECUTED;
import static kz.digitaltenge.routes.subsidy.ApplicationStatus.ORDER_FORMED;
import static kz.digitaltenge.routes.subsidy.ApplicationStatus.RECEIVED;
import static kz.digitaltenge.routes.subsidy.ApplicationStatus.REJECTED;
import static kz.digitaltenge.routes.subsidy.ApplicationStatus.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.source.HoldDecision;
import kz.digitaltenge.canonical.source.HoldDecision.NoChange;
import kz.digitaltenge.canonical.source.HoldDecision.Refuse;
import kz.digitaltenge.canonical.source.HoldDecision.Release;
import kz.digitaltenge.canonical.source.HoldDecision.ReturnAll;
import kz.digitaltenge.canonical.source.KnownFact;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What each status does to the held subsidy, given what was registered, what is held and what came before. */
class SubsidyHoldRulesTest {
    static final String APP = "25010100000001";
    static final String EVENT = "SUBSIDY-" + APP;
    static final Instant NOW = Instant.parse("2025-03-01T06:00:00Z");
    static final Instant UNTIL = Instant.parse("2025-12-31T18:59:59Z");
    static final long AMOUNT = 125_000_050; // 1,250,000.50 tenge

    private final SubsidyHoldRules rules = new SubsidyHoldRules();
    private InMemoryHoldBook book;

    @BeforeEach
    void registered() {
        book = new InMemoryHoldBook(NOW).register(APP, AMOUNT, UNTIL, AMOUNT);
    }

    private HoldDecision decide(ApplicationStatus status, long amount) {
        return book.decide(rules, APP, status, amount);
    }

    private HoldDecision decide(ApplicationStatus status) {
        return decide(status, 0);
    }

    @Test
    void anApprovalWithoutAnAmountReleasesTheRegisteredAmount() {
        HoldDecision d = decide(APPROVED);

        assertThat(d).isEqualTo(new Release(EVENT, AMOUNT, ((Release) d).why()));
        assertThat(((Release) d).why()).contains("releases the registered 1250000.50");
    }

    @Test
    void anApprovalOfLessReleasesThatAndTheSingleHoldReturnsTheRest() {
        HoldDecision d = decide(APPROVED, 100_000_000);

        assertThat(d).isInstanceOf(Release.class);
        assertThat(((Release) d).amount()).isEqualTo(100_000_000);
        assertThat(((Release) d).why()).contains("of 1250000.50 held; the rest returns to the sender");
    }

    @Test
    void anApprovalOfExactlyWhatIsHeldReleasesIt() {
        assertThat(((Release) decide(ORDER_FORMED, AMOUNT)).amount()).isEqualTo(AMOUNT);
    }

    @Test
    void anApprovalOfMoreThanIsHeldIsRefused() {
        HoldDecision d = decide(APPROVED, AMOUNT + 1);

        assertThat(d).isInstanceOf(Refuse.class);
        assertThat(((Refuse) d).reason()).isEqualTo(ReasonCode.LIMIT_EXCEEDED);
        assertThat(((Refuse) d).message()).contains("approves 1250000.51 but 1250000.50 is held");
    }

    @Test
    void whatIsNotYetHeldCannotBeReleased() {
        book = new InMemoryHoldBook(NOW).register(APP, AMOUNT, UNTIL, 50_000_000);
        assertThat(((Release) decide(APPROVED)).amount()).isEqualTo(50_000_000); // all that is held, of the registered

        book = new InMemoryHoldBook(NOW).register(APP, AMOUNT, UNTIL, 0);
        assertThat(((Refuse) decide(APPROVED)).reason()).isEqualTo(ReasonCode.LIMIT_EXCEEDED);
        assertThat(((Refuse) decide(ORDER_FORMED, 10)).reason()).isEqualTo(ReasonCode.LIMIT_EXCEEDED);
    }

    @Test
    void onlyTheFirstReleasingStatusReleases() {
        assertThat(decide(APPROVED, 100_000_000)).isInstanceOf(Release.class);
        HoldDecision second = decide(ORDER_FORMED, 100_000_000);

        assertThat(second).isInstanceOf(NoChange.class);
        assertThat(((NoChange) second).why()).contains("only the first releasing status releases");
        assertThat(decide(EXECUTED)).isInstanceOf(NoChange.class);
    }

    @Test
    void anOrderFormedWithoutAnApprovalBeforeReleases() {
        decide(RECEIVED);
        assertThat(decide(ORDER_FORMED, 90_000_000)).isEqualTo(new Release(EVENT, 90_000_000,
                "Сформировано поручение: releases the approved 900000.00 of 1250000.50 held; the rest returns to the sender"));
    }

    @Test
    void aRefusedApprovalDidNotHappenSoTheNextReleasingStatusReleases() {
        assertThat(decide(APPROVED, AMOUNT * 2)).isInstanceOf(Refuse.class);
        assertThat(decide(ORDER_FORMED, AMOUNT)).isInstanceOf(Release.class);
    }

    @ParameterizedTest
    @EnumSource(value = ApplicationStatus.class, names = {"REJECTED", "WITHDRAWN"})
    void aRejectionOrWithdrawalReturnsEverythingWhenNothingWasReleased(ApplicationStatus status) {
        decide(RECEIVED);
        HoldDecision d = decide(status);

        assertThat(d).isEqualTo(new ReturnAll(EVENT, status.label() + ": the held subsidy returns to its sender"));
    }

    @ParameterizedTest
    @EnumSource(value = ApplicationStatus.class, names = {"REJECTED", "WITHDRAWN"})
    void aRejectionOrWithdrawalAfterAReleaseChangesNothing(ApplicationStatus status) {
        decide(APPROVED);
        HoldDecision d = decide(status);

        assertThat(d).isInstanceOf(NoChange.class);
        assertThat(((NoChange) d).why()).contains("after 1250000.50 was released on Одобрена").contains("not undone");
    }

    @Test
    void executedClosesTheEvent() {
        decide(APPROVED);
        assertThat(((NoChange) decide(EXECUTED)).why()).startsWith("Исполнена closes the event").contains("released 1250000.50");
        registered();
        assertThat(((NoChange) decide(EXECUTED)).why()).contains("no release was made for it");
    }

    @Test
    void receivedChangesNothing() {
        assertThat(decide(RECEIVED)).isInstanceOf(NoChange.class);
    }

    @ParameterizedTest
    @EnumSource(ApplicationStatus.class)
    void aRepeatedStatusChangesNothing(ApplicationStatus status) {
        decide(status, status.releases() ? 1_000 : 0);
        HoldDecision again = decide(status, status.releases() ? 1_000 : 0);

        assertThat(again).isInstanceOf(NoChange.class);
        assertThat(((NoChange) again).why()).contains("again");
    }

    @Test
    void aStatusThatGoesBackInTheLifecycleChangesNothing() {
        decide(APPROVED);
        assertThat(((NoChange) decide(RECEIVED)).why()).contains("Получена after Одобрена goes back in the lifecycle");

        registered();
        decide(ORDER_FORMED, 1_000);
        assertThat(decide(APPROVED, 1_000)).isInstanceOf(NoChange.class);

        registered();
        decide(EXECUTED);
        assertThat(((NoChange) decide(ORDER_FORMED)).why()).contains("after Исполнена, which is final");
    }

    @Test
    void nothingFollowsARejection() {
        assertThat(decide(REJECTED)).isInstanceOf(ReturnAll.class);
        for (ApplicationStatus later : new ApplicationStatus[] {APPROVED, ORDER_FORMED, WITHDRAWN, RECEIVED, EXECUTED}) {
            HoldDecision d = decide(later, later.releases() ? AMOUNT : 0);
            assertThat(d).as(later.name()).isInstanceOf(NoChange.class);
            assertThat(((NoChange) d).why()).contains("after Отклонена, which is final");
        }
    }

    @Test
    void anUnknownApplicationIsRefused() {
        KnownFact o = book.occurrence("25010100000099", APPROVED, 100);
        HoldDecision d = rules.decide(o, book);

        assertThat(d).isInstanceOf(Refuse.class);
        assertThat(((Refuse) d).reason()).isEqualTo(ReasonCode.UNKNOWN_REFERENCE);
        assertThat(((Refuse) d).message()).contains("SUBSIDY-25010100000099").contains("never registered");
    }

    @Test
    void anExpiredHoldMovesNoMoney() {
        book.at(UNTIL.plusSeconds(1));
        for (ApplicationStatus s : new ApplicationStatus[] {APPROVED, ORDER_FORMED}) {
            HoldDecision d = rules.decide(book.occurrence(APP, s, 100), book);
            assertThat(((Refuse) d).reason()).isEqualTo(ReasonCode.EXPIRED);
            assertThat(((Refuse) d).message()).contains("valid until 2025-12-31T18:59:59Z");
        }
        assertThat(((Refuse) rules.decide(book.occurrence(APP, REJECTED, 0), book)).reason()).isEqualTo(ReasonCode.EXPIRED);
        assertThat(((Refuse) rules.decide(book.occurrence(APP, WITHDRAWN, 0), book)).reason()).isEqualTo(ReasonCode.EXPIRED);
        // what would move nothing is not refused
        assertThat(rules.decide(book.occurrence(APP, RECEIVED, 0), book)).isInstanceOf(NoChange.class);
        assertThat(rules.decide(book.occurrence(APP, EXECUTED, 0), book)).isInstanceOf(NoChange.class);
    }

    @Test
    void atTheLastInstantOfItsValidityTheHoldStillReleases() {
        book.at(UNTIL);
        assertThat(decide(APPROVED)).isInstanceOf(Release.class);
    }

    @Test
    void theSameQuestionGetsTheSameAnswer() {
        decide(RECEIVED);
        KnownFact o = book.occurrence(APP, APPROVED, 100_000);

        assertThat(rules.decide(o, book)).isEqualTo(rules.decide(o, book));
    }

    @Test
    void theRegisterChannelsOccurrencesAreReadToo() {
        KnownFact fromRegister = new KnownFact("f".repeat(64), "EVENT_OCCURRED", EVENT, Map.of("occurrence", "ORDER_FORMED@register",
                "status", "ORDER_FORMED", "amount", "1000"), NOW);
        KnownFact onlyOccurrence = new KnownFact("e".repeat(64), "EVENT_OCCURRED", EVENT, Map.of("occurrence",
                "APPROVED@2025-03-01T06:00:00Z", "amount", "0"), NOW);
        KnownFact unknown = new KnownFact("d".repeat(64), "EVENT_OCCURRED", EVENT, Map.of("occurrence", "PAID", "amount", "0"), NOW);

        assertThat(((Release) rules.decide(fromRegister, book)).amount()).isEqualTo(1000);
        assertThat(((Release) rules.decide(onlyOccurrence, book)).amount()).isEqualTo(AMOUNT);
        assertThat(((Refuse) rules.decide(unknown, book)).reason()).isEqualTo(ReasonCode.INVALID_FACT);
    }

    @Test
    void theSourceDeclaresTheseRules() {
        assertThat(new SubsidySource().holdRules()).isInstanceOf(SubsidyHoldRules.class);
    }
}
