package kz.digitaltenge.routes.livestock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.source.BatchTranslator.Batch;
import kz.digitaltenge.canonical.source.HoldDecision;
import kz.digitaltenge.routes.livestock.testing.LivestockPilot;
import kz.digitaltenge.routes.livestock.testing.LivestockPilot.Expected;
import kz.digitaltenge.routes.livestock.testing.LivestockPilot.Outcome;
import kz.digitaltenge.routes.livestock.testing.MemoryHoldBook;
import org.junit.jupiter.api.Test;

/** The pilot generator of the test-jar is what it says: 12 loans, 287 animals, each planted case doing what it should. */
class LivestockPilotTest {
    private final LivestockPilot pilot = LivestockPilot.create();
    private final LivestockReader reader = new LivestockReader();

    @Test
    void twelveLoansForTwoHundredEightySevenAnimals() {
        assertThat(pilot.loans()).hasSize(LivestockPilot.LOANS);
        assertThat(pilot.loans().stream().mapToInt(LivestockPilot.Loan::heads).sum()).isEqualTo(LivestockPilot.ANIMALS);
        assertThat(pilot.expectedReleaseCount()).isEqualTo(LivestockPilot.ANIMALS - 1 - 1 - LivestockPilot.MISSING_ANIMALS);
        assertThat(pilot.expected().values()).extracting(Expected::what).contains("registered to someone else",
                "under veterinary quarantine", "species not in the agreement", "re-registered again: already paid",
                "moved away after payment", "moved back: already paid", "number corrected after payment",
                "died after payment");
        Instant lastEvent = pilot.events().stream().map(e -> Instant.parse(e.text(EventFields.AT))).max(Instant::compareTo)
                .orElseThrow();
        assertThat(lastEvent).isBefore(pilot.start().plus(java.time.Duration.ofDays(25)))
                .isBefore(pilot.loan(LivestockPilot.EXPIRING_LOAN).validUntil());
    }

    @Test
    void jsonLinesAndCsvInBothEncodingsSayTheSame() {
        Batch json = reader.translateBatch(pilot.jsonLines(), Map.of());
        assertThat(json.rejected()).isEmpty();
        // each loan is two messages: its registration and its entry in the borrower's index
        assertThat(json.messages()).hasSize(pilot.records().size() + LivestockPilot.LOANS);

        for (byte[] csv : List.of(pilot.csv(StandardCharsets.UTF_8), pilot.csv(TextDecoder.WINDOWS_1251),
                pilot.csvSemicolons(TextDecoder.WINDOWS_1251))) {
            Batch b = reader.translateBatch(csv, Map.of());
            assertThat(b.rejected()).isEmpty();
            assertThat(b.messages()).isEqualTo(json.messages());
        }
        assertThat(new String(pilot.csv(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).contains("казахская белоголовая");
    }

    @Test
    void everyEventDoesWhatThePilotSays() {
        MemoryHoldBook book = new MemoryHoldBook(pilot.start());
        LoanHoldRules rules = new LoanHoldRules();
        List<CanonicalMessage> messages = reader.translateBatch(pilot.jsonLines(), Map.of()).messages();
        Map<String, HoldDecision> decided = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (CanonicalMessage m : messages) {
            if (m.type().equals("EVENT_REGISTERED")) {
                book.register(m);
                continue;
            }
            String eventId = m.terms().get("eventId");
            if (eventId == null) {
                assertThat(book.occur(rules, book.fact(m))).as("a borrower's index entry").isInstanceOf(HoldDecision.NoChange.class);
                continue;
            }
            // the book's fact id is a hash of the message: the exact duplicate line is the same fact
            HoldDecision d = book.occur(rules, book.fact(m));
            if (decided.putIfAbsent(eventId, d) != null) {
                duplicates.add(eventId);
                assertThat(d).as("the same fact again gets the same answer").isEqualTo(decided.get(eventId));
            }
        }
        assertThat(duplicates).hasSize(1);
        for (Expected e : pilot.expected().values()) {
            HoldDecision d = decided.get(e.eventId());
            switch (e.outcome()) {
                case RELEASED -> assertThat(d).as(e.toString()).isInstanceOfSatisfying(HoldDecision.Release.class,
                        r -> assertThat(r.amount()).isEqualTo(e.amount()));
                case REFUSED -> assertThat(d).as(e.toString()).isInstanceOfSatisfying(HoldDecision.Refuse.class,
                        r -> assertThat(r.reason().name()).isEqualTo(e.reason()));
                case UNCHANGED -> assertThat(d).as(e.toString()).isInstanceOf(HoldDecision.NoChange.class);
            }
        }
        for (LivestockPilot.Loan loan : pilot.loans()) {
            assertThat(book.released(loan.eventId())).as(loan.number()).isEqualTo(pilot.expectedReleased().get(loan.eventId()));
        }
        LivestockPilot.Loan expiring = pilot.loan(LivestockPilot.EXPIRING_LOAN);
        assertThat(book.held(expiring.eventId())).as("left for the lender at expiry")
                .isEqualTo(LivestockPilot.MISSING_ANIMALS * expiring.price("1"));

        // after its expiry, a late animal of the expiring loan is refused
        book.setNow(expiring.validUntil());
        CanonicalMessage late = reader.translateBatch(kz.digitaltenge.routes.livestock.testing.LivestockEvent.ownerChange(
                "ISZH-LATE", expiring.number(), "KZM199999999", expiring.sellerBin(), expiring.borrower(),
                expiring.validUntil().toString()).json().getBytes(StandardCharsets.UTF_8), Map.of()).messages().get(0);
        assertThat(book.occur(rules, late)).isInstanceOfSatisfying(HoldDecision.Refuse.class,
                r -> assertThat(r.reason().name()).isEqualTo("EXPIRED"));
        assertThat(pilot.expected().values().stream().filter(x -> x.outcome() == Outcome.REFUSED).count()).isEqualTo(4);
    }

    @Test
    void theSameStartGivesTheSameFilesAndAnotherStartMovesEveryTime() {
        assertThat(LivestockPilot.create().jsonLines()).isEqualTo(pilot.jsonLines());
        Instant later = Instant.parse("2026-12-01T00:00:00Z");
        LivestockPilot moved = LivestockPilot.create(later);
        assertThat(moved.loans().get(0).validUntil()).isEqualTo(later.plus(java.time.Duration.ofDays(180)));
        assertThat(moved.expected().keySet()).isEqualTo(pilot.expected().keySet());

        List<String> sellers = new ArrayList<>();
        for (int i = 0; i < LivestockPilot.LOANS; i++) {
            sellers.add(LivestockPilot.account("998", 5000 + i));
        }
        LivestockPilot own = LivestockPilot.create(later, LivestockPilot.account("998", 1), sellers);
        assertThat(own.loans()).extracting(LivestockPilot.Loan::sellerAccount).isEqualTo(sellers);
        assertThat(reader.translateBatch(own.jsonLines(), Map.of()).messages().get(0).terms())
                .containsEntry("sender", LivestockPilot.account("998", 1)).containsEntry("recipient", sellers.get(0));
    }


    /**
     * Two runs against one hub: every loan number, event id and borrower of a run is its own and valid for the format,
     * and a run plays the same pilot (the same animals, planted cases and expected releases).
     */
    @Test
    void aRunTagGivesEveryRunItsOwnNumbersAndTheSamePilot() {
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        List<String> sellers = new ArrayList<>();
        for (int i = 0; i < LivestockPilot.LOANS; i++) {
            sellers.add(LivestockPilot.account("998", 5000 + i));
        }
        String tag = LivestockPilot.runTag(Instant.parse("2026-12-01T12:45:30.123Z"));
        assertThat(tag).isEqualTo("R261201124530123");
        LivestockPilot first = LivestockPilot.create(start, LivestockPilot.account("998", 1), sellers, tag);
        LivestockPilot second = LivestockPilot.create(start, LivestockPilot.account("998", 1), sellers, "R261201124615877");
        LivestockPilot plain = LivestockPilot.create(start, LivestockPilot.account("998", 1), sellers);
        assertThat(first.loans().get(0).number()).isEqualTo("AA-2026-R261201124530123-001");
        assertThat(first.expiringLoan().number()).isEqualTo("AA-2026-R261201124530123-012");
        assertThat(plain.expiringLoan().number()).isEqualTo(LivestockPilot.EXPIRING_LOAN);
        assertThat(first.expected().keySet()).allMatch(id -> id.startsWith("ISZH-R261201124530123-"));

        Batch a = reader.translateBatch(first.jsonLines(), Map.of());
        Batch b = reader.translateBatch(second.jsonLines(), Map.of());
        assertThat(a.rejected()).isEmpty();
        assertThat(b.rejected()).isEmpty();
        java.util.Set<String> ids = new java.util.HashSet<>();
        a.messages().forEach(m -> ids.add(m.sourceMessageId()));
        assertThat(b.messages()).noneMatch(m -> ids.contains(m.sourceMessageId()));
        assertThat(first.loans()).extracting(LivestockPilot.Loan::borrower)
                .doesNotContainAnyElementsOf(second.loans().stream().map(LivestockPilot.Loan::borrower).toList())
                .doesNotContainAnyElementsOf(plain.loans().stream().map(LivestockPilot.Loan::borrower).toList());
        assertThat(first.expectedReleased().values()).containsExactlyElementsOf(plain.expectedReleased().values());
        assertThat(first.expectedReleaseCount()).isEqualTo(plain.expectedReleaseCount());
        assertThat(first.expected().values()).extracting(Expected::outcome)
                .containsExactlyElementsOf(plain.expected().values().stream().map(Expected::outcome).toList());

        // and it decides as the pilot says
        MemoryHoldBook book = new MemoryHoldBook(first.start());
        book.take(new LoanHoldRules(), a.messages());
        for (LivestockPilot.Loan loan : first.loans()) {
            assertThat(book.released(loan.eventId())).as(loan.number()).isEqualTo(first.expectedReleased().get(loan.eventId()));
        }
    }
}
