package kz.digitaltenge.routes.livestock;

import static kz.digitaltenge.routes.livestock.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.source.HoldDecision;
import kz.digitaltenge.canonical.source.HoldDecision.Release;
import kz.digitaltenge.canonical.source.KnownFact;
import kz.digitaltenge.routes.livestock.testing.LivestockEvent;
import kz.digitaltenge.routes.livestock.testing.LivestockEvent.Line;
import kz.digitaltenge.routes.livestock.testing.MemoryHoldBook;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random histories of one loan — owner changes to the borrower and to others, repeated and back and forth, with and
 * without the loan number, under quarantine by flag or by event, of a species the agreement does not cover, corrected
 * numbers, redeliveries of the same fact — never pay an animal twice, never release more than is held, never more
 * heads of a species than agreed, never for the wrong owner, species or a quarantined animal; and an animal that
 * should be paid is paid.
 */
class LoanHoldRulesPropertiesTest {
    private static final int ANIMALS = 8;
    private static final Map<String, Long> PRICE = Map.of("1", 45_000_000L, "2", 8_500_000L);

    sealed interface Step permits Change, Quarantine, Correction, Redeliver {
    }

    /** An owner change of a physical animal to the borrower or to someone else. */
    record Change(int animal, boolean toBorrower, boolean withLoanNumber, boolean quarantineFlag) implements Step {
    }

    /** A QUARANTINE event imposing (on) or lifting one. */
    record Quarantine(int animal, boolean on) implements Step {
    }

    /** The identification system gives the animal a new number (same species). */
    record Correction(int animal) implements Step {
    }

    /** An earlier step's fact delivered again. */
    record Redeliver(int back) implements Step {
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Integer> animal = Arbitraries.integers().between(0, ANIMALS - 1);
        Arbitrary<Step> change = Combinators.combine(animal, Arbitraries.integers().between(0, 9),
                Arbitraries.of(true, true, true, false), Arbitraries.integers().between(0, 9))
                .as((a, owner, loanNumber, flag) -> new Change(a, owner < 8, loanNumber, flag == 0));
        Arbitrary<Step> quarantine = Combinators.combine(animal, Arbitraries.of(true, false)).as(Quarantine::new);
        Arbitrary<Step> correction = animal.map(Correction::new);
        Arbitrary<Step> redeliver = Arbitraries.integers().between(1, 5).map(Redeliver::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, change),
                net.jqwik.api.Tuple.of(2, quarantine),
                net.jqwik.api.Tuple.of(1, correction),
                net.jqwik.api.Tuple.of(1, redeliver)).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 400)
    void neverTwiceNeverMoreThanHeldOrAgreedAndPaidWhenDue(@ForAll("histories") List<Step> steps,
                                                           @ForAll @IntRange(min = 1, max = 4) int cattleHeads,
                                                           @ForAll @IntRange(min = 1, max = 4) int sheepHeads,
                                                           @ForAll @IntRange(min = 0, max = 3) int heldShortBy,
                                                           @ForAll boolean expired) {
        Instant start = Instant.parse("2026-03-10T00:00:00Z");
        MemoryHoldBook book = new MemoryHoldBook(start);
        LoanHoldRules rules = new LoanHoldRules();
        LivestockEvent loan = LivestockEvent.loan("P-1", LENDER, SELLER, BORROWER, UNTIL,
                new Line("1", cattleHeads, "450000.00"), new Line("2", sheepHeads, "85000.00"));
        List<CanonicalMessage> loanMessages = loanMessages(loan);
        KnownFact registered = book.register(loanMessages.get(0));
        book.occur(rules, loanMessages.get(1)); // the borrower's index
        long amount = Long.parseLong(registered.term("amount"));
        // the lender may have held less than the whole loan: a few sheep's prices short
        long initiallyHeld = Math.max(0, amount - heldShortBy * PRICE.get("2"));
        book.hold("LOAN-P-1", initiallyHeld);
        if (expired) {
            book.setNow(Instant.parse(UNTIL));
        }

        // animals 0-2 cattle, 3-5 sheep, 6-7 pigs (not in the agreement)
        String[] species = {"1", "1", "1", "2", "2", "2", "3", "3"};
        String[] numbers = new String[ANIMALS];
        for (int a = 0; a < ANIMALS; a++) {
            numbers[a] = String.format("KZA%s%08d", species[a], a + 1);
        }
        Set<Integer> paid = new HashSet<>();
        Map<String, Integer> paidHeads = new HashMap<>();
        Set<Integer> quarantined = new HashSet<>();
        List<KnownFact> facts = new ArrayList<>();
        long released = 0;
        int corrections = 0;

        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Instant at = start.minus(Duration.ofDays(5)).plus(Duration.ofMinutes(i));
            String eventId = "E-" + i;
            KnownFact fact;
            int animal;
            boolean due = false;
            if (step instanceof Redeliver r) {
                if (facts.isEmpty()) {
                    continue;
                }
                fact = facts.get(Math.max(0, facts.size() - r.back()));
                animal = -1;
            } else {
                LivestockEvent e;
                if (step instanceof Change c) {
                    animal = c.animal();
                    e = LivestockEvent.ownerChange(eventId, c.withLoanNumber() ? "P-1" : null, numbers[animal], null,
                            c.toBorrower() ? BORROWER : NEIGHBOUR, at.toString()).with(EventFields.QUARANTINE, c.quarantineFlag());
                    String s = species[animal];
                    long price = PRICE.getOrDefault(s, 0L);
                    long heads = "1".equals(s) ? cattleHeads : "2".equals(s) ? sheepHeads : 0;
                    due = !expired && c.toBorrower() && !c.quarantineFlag() && !quarantined.contains(animal)
                            && !paid.contains(animal) && price > 0 && paidHeads.getOrDefault(s, 0) < heads
                            && book.held("LOAN-P-1") >= price;
                } else if (step instanceof Quarantine q) {
                    animal = q.animal();
                    e = LivestockEvent.animal("QUARANTINE", eventId, "P-1", numbers[animal], BORROWER, at.toString())
                            .with(EventFields.QUARANTINE, q.on());
                    if (q.on()) {
                        quarantined.add(animal);
                    } else {
                        quarantined.remove(animal);
                    }
                } else {
                    animal = ((Correction) step).animal();
                    corrections++;
                    String renumbered = String.format("KZB%s%08d", species[animal], 50_000 + corrections);
                    e = LivestockEvent.animal("CORRECTION", eventId, "P-1", renumbered, BORROWER, at.toString())
                            .with(EventFields.PREVIOUS_ANIMAL_NUMBER, numbers[animal]);
                    numbers[animal] = renumbered;
                }
                CanonicalMessage m = one(e);
                fact = book.fact(m);
                facts.add(fact);
            }
            long heldBefore = book.held("LOAN-P-1");
            HoldDecision d = book.occur(rules, fact);
            long heldAfter = book.held("LOAN-P-1");
            if (step instanceof Redeliver) {
                assertThat(heldAfter).as("a redelivery moves nothing more").isEqualTo(heldBefore);
                continue;
            }
            if (d instanceof Release r) {
                assertThat(step).as("only an owner change releases").isInstanceOf(Change.class);
                Change c = (Change) step;
                assertThat(c.toBorrower()).as("released for an animal not registered to the borrower").isTrue();
                assertThat(c.quarantineFlag() || quarantined.contains(animal)).as("released under quarantine").isFalse();
                assertThat(paid.add(animal)).as("animal %d paid twice (%s)", animal, r.why()).isTrue();
                assertThat(r.amount()).isEqualTo(PRICE.get(species[animal]));
                assertThat(r.amount()).isLessThanOrEqualTo(heldBefore);
                assertThat(r.eventId()).isEqualTo("LOAN-P-1");
                paidHeads.merge(species[animal], 1, Integer::sum);
                released += r.amount();
            } else {
                assertThat(heldAfter).isEqualTo(heldBefore);
            }
            assertThat(d instanceof Release).as("step %d %s: %s", i, step, d).isEqualTo(due);
        }
        assertThat(paidHeads.getOrDefault("1", 0)).isLessThanOrEqualTo(cattleHeads);
        assertThat(paidHeads.getOrDefault("2", 0)).isLessThanOrEqualTo(sheepHeads);
        assertThat(paidHeads).doesNotContainKey("3");
        assertThat(released).isLessThanOrEqualTo(initiallyHeld).isLessThanOrEqualTo(amount);
        assertThat(book.held("LOAN-P-1")).isEqualTo(initiallyHeld - released);
        if (expired) {
            assertThat(released).isZero();
        }
    }

    @Property(tries = 100)
    void theRulesArePure(@ForAll("histories") @Size(max = 30) List<Step> steps) {
        // the same history decided twice, from scratch, gives the same decisions
        assertThat(decisions(steps)).isEqualTo(decisions(steps));
    }

    private static List<HoldDecision> decisions(List<Step> steps) {
        MemoryHoldBook book = new MemoryHoldBook(Instant.parse("2026-03-10T00:00:00Z"));
        LoanHoldRules rules = new LoanHoldRules();
        book.take(rules, loanMessages(LivestockEvent.loan("P-1", LENDER, SELLER, BORROWER, UNTIL,
                new Line("1", 2, "450000.00"))));
        List<HoldDecision> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Change c) {
                out.add(book.occur(rules, one(LivestockEvent.ownerChange("E-" + i, "P-1",
                        String.format("KZA1%08d", c.animal()), null, c.toBorrower() ? BORROWER : NEIGHBOUR, AT))));
            }
        }
        return out;
    }
}
