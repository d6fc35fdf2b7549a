package kz.digitaltenge.routes.livestock;

import static kz.digitaltenge.routes.livestock.EventMapper.*;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.canonical.source.HoldBook;
import kz.digitaltenge.canonical.source.HoldBook.PastOccurrence;
import kz.digitaltenge.canonical.source.HoldDecision;
import kz.digitaltenge.canonical.source.HoldDecision.NoChange;
import kz.digitaltenge.canonical.source.HoldDecision.Refuse;
import kz.digitaltenge.canonical.source.HoldDecision.Release;
import kz.digitaltenge.canonical.source.HoldRules;
import kz.digitaltenge.canonical.source.KnownFact;

/**
 * The "Ауыл-Аманаты" release rules: the loan's money is held (UNLIMITED) and released to the seller animal by animal,
 * the agreed price per head of the animal's species, as each bought animal is re-registered to the borrower. A pure
 * function of the occurrence and the book: the same question gets the same answer.
 *
 * <p>An OWNER_CHANGE releases the price when, in this order: the loan is registered (else UNKNOWN_REFERENCE); the
 * animal was not paid under the loan before (else NoChange: never twice, however often it is re-registered or moved);
 * the new owner is the borrower (else NOT_AUTHORIZED); the loan has not expired by the ledger's clock (EXPIRED); the
 * species is in the agreement (BUSINESS_RULE); the animal is not under veterinary quarantine, by the event's own flag
 * or a QUARANTINE event not lifted since, and not recorded dead (BUSINESS_RULE); heads of the species remain
 * (LIMIT_EXCEEDED); as much as the price is still held (LIMIT_EXCEEDED). A CORRECTION of the number or species of a
 * paid animal is refused for the back office (BUSINESS_RULE), any other is history (NoChange); DEATH and QUARANTINE
 * are history (NoChange), which later owner changes read.
 *
 * <p>The loan of an event whose subject is {@code BORROWER-<IIN/BIN>} (the adapter did not know the loan number) is
 * looked up in the borrower's index: each loan's registration comes with an occurrence about its borrower's subject
 * ({@link EventMapper#borrowerIndex}), which these rules answer with NoChange, so it stays in that subject's history.
 * The one loan there is the loan; of several, the one still open whose agreement has the animal's species; none, or
 * more than one, is refused for the adapter to send the loan number. The history read is the loan's and the borrower
 * subject's together.
 */
public final class LoanHoldRules implements HoldRules {

    @Override
    public HoldDecision decide(KnownFact occurrence, HoldBook book) {
        String subject = occurrence.subject();
        if (!EVENT_OCCURRED.equals(occurrence.type())) {
            return new NoChange(subject, "not an occurrence (" + occurrence.type() + "): nothing to decide");
        }
        EventKind kind = EventKind.of(occurrence.term(T_KIND)).orElse(null);
        if (kind == EventKind.LOAN_REGISTERED) {
            return borrowerIndex(occurrence);
        }
        String animal = occurrence.term(T_ANIMAL);
        String species = occurrence.term(T_SPECIES);
        String newOwner = occurrence.term(T_NEW_OWNER);
        if (kind == null || animal == null || species == null || newOwner == null) {
            return new Refuse(subject, ReasonCode.SCHEMA_INVALID, "the occurrence is not a livestock animal event (it"
                    + " needs the terms kind, animal, species and newOwner)");
        }
        Resolved resolved = loanOf(occurrence, book, animal, species);
        if (resolved.refusal() != null) {
            return resolved.refusal();
        }
        Loan loan;
        try {
            loan = Loan.of(resolved.registration());
        } catch (IllegalArgumentException e) {
            return new Refuse(resolved.registration().subject(), ReasonCode.BUSINESS_RULE, e.getMessage());
        }
        AnimalHistory history = new AnimalHistory(history(loan, occurrence, book), occurrence);
        String at = occurrence.term(T_AT);
        String event = occurrence.term(T_EVENT_ID);
        return switch (kind) {
            case DEATH -> new NoChange(loan.id, "animal " + animal + " recorded dead at " + at
                    + ": history (a later re-registration of it is refused)");
            case QUARANTINE -> new NoChange(loan.id, "true".equals(occurrence.term(T_QUARANTINE))
                    ? "animal " + animal + " under veterinary quarantine from " + at
                    + ": history (its owner changes are refused until a QUARANTINE event lifts it)"
                    : "animal " + animal + "'s quarantine lifted at " + at + ": history");
            case CORRECTION -> correction(loan, occurrence, history);
            case OWNER_CHANGE -> ownerChange(loan, occurrence, history, book, animal, species, newOwner, at, event);
            case LOAN_REGISTERED -> throw new IllegalStateException("not an animal event");
        };
    }

    private static HoldDecision ownerChange(Loan loan, KnownFact occurrence, AnimalHistory history, HoldBook book,
                                            String animal, String species, String newOwner, String at, String event) {
        PastOccurrence paid = history.paid();
        if (paid != null) {
            return new NoChange(loan.id, "animal " + animal + " already paid under " + loan.id + " ("
                    + Tiyn.format(paid.released()) + " by event " + paid.fact().term(T_EVENT_ID) + " at "
                    + paid.fact().term(T_AT) + "): a re-registration never pays twice"
                    + (newOwner.equals(loan.borrower) ? "" : "; now registered to " + newOwner));
        }
        if (!newOwner.equals(loan.borrower)) {
            return new Refuse(loan.id, ReasonCode.NOT_AUTHORIZED, "animal " + animal + " is registered to someone else ("
                    + newOwner + "), not to the borrower " + loan.borrower + " of " + loan.id + ": nothing is released");
        }
        if (!book.now().isBefore(loan.validUntil)) {
            return new Refuse(loan.id, ReasonCode.EXPIRED, loan.id + " expired at " + loan.validUntil + ": animal "
                    + animal + " re-registered at " + at + " is not paid from it (what is unreleased returns to the"
                    + " lender)");
        }
        Long price = loan.price(species);
        Long heads = loan.heads(species);
        if (price == null || heads == null) {
            return new Refuse(loan.id, ReasonCode.BUSINESS_RULE, "species not in the agreement: animal " + animal
                    + " is species " + Species.describe(species) + "; the agreement of " + loan.id + " covers "
                    + loan.speciesList());
        }
        if ("true".equals(occurrence.term(T_QUARANTINE))) {
            return new Refuse(loan.id, ReasonCode.BUSINESS_RULE, "animal " + animal + " is under veterinary quarantine"
                    + " (the owner change at " + at + " says so): nothing is released until it is lifted and the"
                    + " animal is re-registered");
        }
        KnownFact quarantine = history.standingQuarantine();
        if (quarantine != null) {
            return new Refuse(loan.id, ReasonCode.BUSINESS_RULE, "animal " + animal + " is under veterinary quarantine"
                    + " (event " + quarantine.term(T_EVENT_ID) + " at " + quarantine.term(T_AT) + ", not lifted since):"
                    + " nothing is released until a QUARANTINE event lifts it and the animal is re-registered");
        }
        KnownFact death = history.death();
        if (death != null) {
            return new Refuse(loan.id, ReasonCode.BUSINESS_RULE, "animal " + animal + " was recorded dead (event "
                    + death.term(T_EVENT_ID) + " at " + death.term(T_AT) + "): a dead animal is not paid for");
        }
        long paidHeads = history.paidHeads(species);
        String label = Species.ofCode(species).map(Species::label).orElse(species);
        if (paidHeads >= heads) {
            return new Refuse(loan.id, ReasonCode.LIMIT_EXCEEDED, "all " + heads + " heads of " + label + " of "
                    + loan.id + " are paid: animal " + animal + " is one more than the agreement");
        }
        long held = book.held(loan.id);
        if (held < price) {
            return new Refuse(loan.id, ReasonCode.LIMIT_EXCEEDED, loan.id + " holds " + Tiyn.format(held)
                    + ", less than the price " + Tiyn.format(price) + " of animal " + animal);
        }
        return new Release(loan.id, price, "animal " + animal + " (" + label + ") re-registered to borrower "
                + loan.borrower + " at " + at + " (event " + event + "): " + Tiyn.format(price) + " to the seller, head "
                + (paidHeads + 1) + " of " + heads + " of " + label);
    }

    private static HoldDecision correction(Loan loan, KnownFact occurrence, AnimalHistory history) {
        String animal = occurrence.term(T_ANIMAL);
        String species = occurrence.term(T_SPECIES);
        String previousAnimal = occurrence.term(T_PREVIOUS_ANIMAL);
        String previousSpecies = occurrence.term(T_PREVIOUS_SPECIES);
        PastOccurrence paid = history.paid();
        if (paid == null) {
            return new NoChange(loan.id, "correction of animal " + animal + " before any payment for it: history");
        }
        String paidAnimal = paid.fact().term(T_ANIMAL);
        String paidSpecies = paid.fact().term(T_SPECIES);
        boolean numberChanged = !animal.equals(paidAnimal) || (previousAnimal != null && !previousAnimal.equals(animal));
        boolean speciesChanged = !species.equals(paidSpecies) || (previousSpecies != null && !previousSpecies.equals(species));
        if (!numberChanged && !speciesChanged) {
            return new NoChange(loan.id, "correction of paid animal " + animal + ": its number and species stand");
        }
        return new Refuse(loan.id, ReasonCode.BUSINESS_RULE, "correction after payment: animal " + paidAnimal
                + " was paid " + Tiyn.format(paid.released()) + " to the seller under " + loan.id + " as species "
                + Species.describe(paidSpecies) + " (event " + paid.fact().term(T_EVENT_ID) + " at "
                + paid.fact().term(T_AT) + "); the identification system now records it as " + animal + ", species "
                + Species.describe(species) + " (correction event " + occurrence.term(T_EVENT_ID) + " at "
                + occurrence.term(T_AT) + "). Nothing was moved. Check with the lender whether the payment was right:"
                + " the price of another species, or of another animal, is settled outside the hold");
    }

    /** A loan's entry in its borrower's index: history, which animal events without a loan number read. */
    private static HoldDecision borrowerIndex(KnownFact entry) {
        String loan = entry.term(T_LOAN);
        String borrower = entry.term(T_BORROWER);
        if (loan == null || borrower == null || !entry.subject().equals(BORROWER_PREFIX + borrower)) {
            return new Refuse(entry.subject(), ReasonCode.SCHEMA_INVALID, "a borrower's index entry names its loan and"
                    + " borrower (terms loan, borrower; subject BORROWER-<borrower>)");
        }
        return new NoChange(entry.subject(), loan + " of borrower " + borrower + ": animal events that name no loan"
                + " number find it here");
    }

    /** The loan an occurrence is about, or why there is none. */
    private record Resolved(KnownFact registration, Refuse refusal) {
    }

    /**
     * The registration of the occurrence's loan: by its subject {@code LOAN-<n>}; for {@code BORROWER-<id>}, the loans
     * in that borrower's index (the history of the borrower's subject) — the one there is, or, of several, the one still
     * open whose agreement has the animal's species.
     */
    private static Resolved loanOf(KnownFact occurrence, HoldBook book, String animal, String species) {
        String subject = occurrence.subject();
        if (subject.startsWith(LOAN_PREFIX)) {
            return book.event(subject).map(r -> new Resolved(r, null)).orElseGet(() -> new Resolved(null,
                    new Refuse(subject, ReasonCode.UNKNOWN_REFERENCE, "loan " + subject + " is not registered: animal "
                            + animal + " cannot be paid from it")));
        }
        if (!subject.startsWith(BORROWER_PREFIX)) {
            return new Resolved(null, new Refuse(subject, ReasonCode.UNKNOWN_REFERENCE, subject
                    + " names neither a loan (LOAN-...) nor a borrower (BORROWER-...)"));
        }
        String borrower = subject.substring(BORROWER_PREFIX.length());
        List<KnownFact> loans = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PastOccurrence p : book.history(subject)) {
            KnownFact f = p.fact();
            String loan = f == null ? null : f.term(T_LOAN);
            if (loan != null && EventKind.LOAN_REGISTERED.name().equals(f.term(T_KIND)) && borrower.equals(f.term(T_BORROWER))
                    && seen.add(loan)) {
                book.event(loan).filter(r -> borrower.equals(r.term(T_BORROWER))).ifPresent(loans::add);
            }
        }
        if (loans.isEmpty()) {
            return new Resolved(null, new Refuse(subject, ReasonCode.UNKNOWN_REFERENCE, "the event names no loan number and"
                    + " no loan of borrower " + borrower + " is registered: animal " + animal + " cannot be matched to a"
                    + " loan (the adapter should send loanNumber)"));
        }
        if (loans.size() == 1) {
            return new Resolved(loans.get(0), null);
        }
        List<KnownFact> open = new ArrayList<>();
        for (KnownFact r : loans) {
            if (openAt(r, book.now()) && r.term(priceTerm(species)) != null) {
                open.add(r);
            }
        }
        if (open.size() == 1) {
            return new Resolved(open.get(0), null);
        }
        StringJoiner names = new StringJoiner(", ");
        (open.isEmpty() ? loans : open).forEach(r -> names.add(r.subject()));
        return new Resolved(null, new Refuse(subject, open.isEmpty() ? ReasonCode.BUSINESS_RULE : ReasonCode.UNKNOWN_REFERENCE,
                "the event names no loan number and borrower " + borrower + " has " + (open.isEmpty()
                ? "no open loan for species " + Species.describe(species) + " (" + names + ")"
                : open.size() + " open loans for species " + Species.describe(species) + " (" + names + ")")
                + ": animal " + animal + " cannot be matched to one loan (the adapter should send loanNumber)"));
    }

    private static boolean openAt(KnownFact registration, Instant now) {
        try {
            return now.isBefore(Instant.parse(registration.term(T_VALID_UNTIL)));
        } catch (DateTimeException | NullPointerException e) {
            return false;
        }
    }

    /** The loan's earlier occurrences and those of its borrower's subject, oldest first, without this one. */
    private static List<PastOccurrence> history(Loan loan, KnownFact occurrence, HoldBook book) {
        List<PastOccurrence> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        seen.add(occurrence.id());
        for (String id : List.of(loan.id, BORROWER_PREFIX + loan.borrower)) {
            for (PastOccurrence p : book.history(id)) {
                if (p.fact() != null && seen.add(p.fact().id())) {
                    all.add(p);
                }
            }
        }
        // stable: each subject's own order is kept, the two are interleaved by the time the oracle issued each fact
        all.sort(Comparator.comparing((PastOccurrence p) -> p.fact().issuedAt(),
                Comparator.nullsFirst(Comparator.naturalOrder())));
        return all;
    }

    /** A registered loan's terms as the rules read them. */
    private record Loan(String id, String borrower, Instant validUntil, KnownFact fact) {
        static Loan of(KnownFact f) {
            String borrower = f.term(T_BORROWER);
            String until = f.term(T_VALID_UNTIL);
            if (borrower == null || until == null || !f.subject().startsWith(LOAN_PREFIX)) {
                throw new IllegalArgumentException(f.subject() + " is not a livestock purchase loan (it has no borrower"
                        + " or validity)");
            }
            try {
                return new Loan(f.subject(), borrower, Instant.parse(until), f);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(f.subject() + " has an unreadable validUntil");
            }
        }

        Long price(String species) {
            return tiyn(fact.term(priceTerm(species)));
        }

        Long heads(String species) {
            return tiyn(fact.term(headsTerm(species)));
        }

        String speciesList() {
            StringJoiner j = new StringJoiner(", ");
            for (Species s : Species.values()) {
                if (price(s.code()) != null) {
                    j.add(s.describe() + " " + heads(s.code()) + " heads at " + Tiyn.format(price(s.code())));
                }
            }
            return j.length() == 0 ? "no species" : j.toString();
        }

        private static Long tiyn(String v) {
            if (v == null || !v.matches("[0-9]{1,18}")) {
                return null;
            }
            long n = Long.parseLong(v);
            return n > 0 ? n : null;
        }
    }
}
