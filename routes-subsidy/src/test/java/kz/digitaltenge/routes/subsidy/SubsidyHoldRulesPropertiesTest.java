package kz.digitaltenge.routes.subsidy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import kz.digitaltenge.canonical.source.HoldDecision;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever statuses arrive, in whatever order, repeated or not, with whatever approved amounts: the rules never release
 * more than is held, release at most once, release only a positive amount, and return only when nothing was released.
 */
class SubsidyHoldRulesPropertiesTest {
    static final String APP = "25010100000001";
    static final Instant NOW = Instant.parse("2025-03-01T06:00:00Z");

    record Step(ApplicationStatus status, long approved, long minutesLater) {
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of(ApplicationStatus.class),
                Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(1, 300_000_000)),
                Arbitraries.longs().between(0, 60 * 24 * 60)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 2_000)
    void neverMoreThanHeldAtMostOnceAndReturnsOnlyWhenNothingWasReleased(
            @ForAll("sequences") List<Step> steps,
            @ForAll @LongRange(min = 1, max = 200_000_000) long registered,
            @ForAll @LongRange(min = 0, max = 100) long heldPercent,
            @ForAll @LongRange(min = 1, max = 60 * 24 * 120) long validMinutes) {
        long held = registered * heldPercent / 100;
        InMemoryHoldBook book = new InMemoryHoldBook(NOW).register(APP, registered, NOW.plusSeconds(validMinutes * 60), held);
        SubsidyHoldRules rules = new SubsidyHoldRules();
        Instant now = NOW;
        int releases = 0;
        long released = 0;
        for (Step s : steps) {
            now = now.plusSeconds(s.minutesLater() * 60);
            book.at(now);
            long heldBefore = book.held(SubsidyMessages.subject(APP));
            HoldDecision d = book.decide(rules, APP, s.status(), s.status().releases() ? s.approved() : 0);
            if (d instanceof HoldDecision.Release r) {
                assertThat(r.amount()).isPositive().isLessThanOrEqualTo(heldBefore).isLessThanOrEqualTo(registered);
                assertThat(s.status().releases()).isTrue();
                if (s.approved() > 0) {
                    assertThat(r.amount()).isEqualTo(s.approved());
                }
                releases++;
                released += r.amount();
            }
            if (d instanceof HoldDecision.ReturnAll) {
                assertThat(releases).isZero();
                assertThat(s.status().returns()).isTrue();
            }
            if (d instanceof HoldDecision.Release || d instanceof HoldDecision.ReturnAll) {
                assertThat(now).isBeforeOrEqualTo(NOW.plusSeconds(validMinutes * 60)); // never after the hold expired
            }
            assertThat(d.eventId()).isEqualTo(SubsidyMessages.subject(APP));
        }
        assertThat(releases).isLessThanOrEqualTo(1);
        assertThat(released).isLessThanOrEqualTo(held);
        Statistics.label("released").collect(releases == 1);
        Statistics.label("returned").collect(book.history(SubsidyMessages.subject(APP)).stream()
                .anyMatch(p -> p.outcome().equals("RETURNED")));
    }

    @Property(tries = 500)
    void aDecisionDependsOnTheFactAndTheBookOnly(@ForAll("sequences") List<Step> steps) {
        InMemoryHoldBook book = new InMemoryHoldBook(NOW).register(APP, 100_000, NOW.plusSeconds(86_400), 100_000);
        SubsidyHoldRules rules = new SubsidyHoldRules();
        for (Step s : steps) {
            var o = book.occurrence(APP, s.status(), s.status().releases() ? s.approved() : 0);
            HoldDecision first = rules.decide(o, book);
            assertThat(rules.decide(o, book)).isEqualTo(first);
            assertThat(new SubsidyHoldRules().decide(o, book)).isEqualTo(first);
            book.apply(o, first);
        }
    }
}
