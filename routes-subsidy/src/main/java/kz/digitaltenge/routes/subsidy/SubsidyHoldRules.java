package kz.digitaltenge.routes.subsidy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.canonical.source.HoldBook;
import kz.digitaltenge.canonical.source.HoldDecision;
import kz.digitaltenge.canonical.source.HoldRules;
import kz.digitaltenge.canonical.source.KnownFact;

/**
 * What an application's status means for its held subsidy: a pure function of the occurrence ({@code status},
 * {@code amount}) and the {@link HoldBook} (the registration, what is held, the clock, what earlier statuses did).
 *
 * <table>
 *   <caption>status → money</caption>
 *   <tr><th>status</th><th>decision</th></tr>
 *   <tr><td>Одобрена, Сформировано поручение (the first of them that takes effect)</td><td>Release the approved
 *       amount, or the registered amount when none is stated, at most what is held (a SINGLE hold returns the rest
 *       itself); an approved amount above what is held is refused LIMIT_EXCEEDED; after a release: NoChange</td></tr>
 *   <tr><td>Отклонена, Отозвано</td><td>ReturnAll when nothing was released; after a release NoChange</td></tr>
 *   <tr><td>Исполнена</td><td>NoChange: it closes the event</td></tr>
 *   <tr><td>Получена</td><td>NoChange</td></tr>
 *   <tr><td>a status seen before, one that goes back in the lifecycle or follows a final one</td><td>NoChange, with
 *       why</td></tr>
 * </table>
 * An application never registered is refused UNKNOWN_REFERENCE; a release or a return after the hold's
 * {@code validUntil} is refused EXPIRED (the hub returns expired holds itself). A status that moves no money is NoChange
 * even after {@code validUntil}: nothing is refused where nothing would move. Earlier occurrences that were refused did
 * not take effect: they count neither as the application's state nor as a release.
 */
public final class SubsidyHoldRules implements HoldRules {
    static final String RELEASED = "RELEASED";
    static final String RETURNED = "RETURNED";
    static final String REFUSED = "REFUSED";

    @Override
    public HoldDecision decide(KnownFact occurrence, HoldBook book) {
        String eventId = occurrence.subject();
        Optional<ApplicationStatus> parsed = status(occurrence);
        if (parsed.isEmpty()) {
            return new HoldDecision.Refuse(eventId, ReasonCode.INVALID_FACT, "occurrence " + occurrence.id() + " of "
                    + eventId + " names no application status this source knows (" + Values.quote(occurrence.term(SubsidyMessages.STATUS)) + ")");
        }
        ApplicationStatus status = parsed.get();
        Optional<KnownFact> registered = book.event(eventId);
        if (registered.isEmpty()) {
            return new HoldDecision.Refuse(eventId, ReasonCode.UNKNOWN_REFERENCE, "application " + eventId + " is "
                    + status.label() + ", but it was never registered (no APPLICATION_REGISTERED for it): nothing is held for it");
        }
        KnownFact event = registered.get();

        // what earlier statuses did: the furthest state reached, whether one released, whether one returned
        ApplicationStatus state = null;
        boolean seen = false;
        long releasedBefore = 0;
        String releasedBy = null;
        boolean returned = false;
        for (HoldBook.PastOccurrence past : book.history(eventId)) {
            if (REFUSED.equals(past.outcome())) {
                continue;
            }
            Optional<ApplicationStatus> s = status(past.fact());
            if (s.isEmpty()) {
                continue;
            }
            seen |= s.get() == status;
            if (state == null || state.next().contains(s.get())) {
                state = s.get();
            }
            if (RELEASED.equals(past.outcome()) || past.released() > 0) {
                releasedBefore += past.released();
                releasedBy = releasedBy == null ? s.get().label() : releasedBy;
            }
            returned |= RETURNED.equals(past.outcome());
        }
        if (seen) {
            return new HoldDecision.NoChange(eventId, status.label() + " again: the application was " + status.label()
                    + " before; a repeated status changes nothing");
        }
        if (status.returns() && releasedBy != null) {
            return new HoldDecision.NoChange(eventId, status.label() + " after " + Tiyn.format(releasedBefore)
                    + " was released on " + releasedBy + ": a release is not undone; the back office settles it");
        }
        if (state != null && !state.next().contains(status)) {
            return new HoldDecision.NoChange(eventId, status.label() + " after " + state.label() + (state.isFinal()
                    ? ", which is final" : " goes back in the lifecycle (Получена → Одобрена | Отклонена | Отозвано;"
                    + " Одобрена → Сформировано поручение → Исполнена)") + ": it changes nothing");
        }
        return switch (status) {
            case RECEIVED -> new HoldDecision.NoChange(eventId, "Получена: the application is being checked; the subsidy"
                    + " stays held");
            case EXECUTED -> new HoldDecision.NoChange(eventId, "Исполнена closes the event" + (releasedBy == null
                    ? " (no release was made for it: what is held returns to the sender when the hold expires)"
                    : " (released " + Tiyn.format(releasedBefore) + " on " + releasedBy + ")"));
            case APPROVED, ORDER_FORMED -> release(eventId, status, occurrence, event, book, releasedBy, returned);
            case REJECTED, WITHDRAWN -> {
                if (releasedBy != null) {
                    yield new HoldDecision.NoChange(eventId, status.label() + " after " + Tiyn.format(releasedBefore)
                            + " was released on " + releasedBy + ": a release is not undone; the back office settles it");
                }
                if (expired(event, book)) {
                    yield expiredRefusal(eventId, event, status);
                }
                yield new HoldDecision.ReturnAll(eventId, status.label() + ": the held subsidy returns to its sender");
            }
        };
    }

    private static HoldDecision release(String eventId, ApplicationStatus status, KnownFact occurrence, KnownFact event,
                                        HoldBook book, String releasedBy, boolean returned) {
        if (releasedBy != null) {
            return new HoldDecision.NoChange(eventId, status.label() + " after " + releasedBy + ": only the first"
                    + " releasing status releases, and it did");
        }
        if (returned) {
            return new HoldDecision.NoChange(eventId, status.label() + " after the held subsidy was returned: nothing is"
                    + " left to release");
        }
        if (expired(event, book)) {
            return expiredRefusal(eventId, event, status);
        }
        long held = book.held(eventId);
        long registered = tiyn(event.term(SubsidyMessages.AMOUNT));
        long approved = tiyn(occurrence.term(SubsidyMessages.AMOUNT));
        if (approved > 0) {
            if (approved > held) {
                return new HoldDecision.Refuse(eventId, ReasonCode.LIMIT_EXCEEDED, status.label() + " approves "
                        + Tiyn.format(approved) + " but " + Tiyn.format(held) + " is held for " + eventId
                        + (approved > registered && registered > 0 ? " (and " + Tiyn.format(registered) + " was registered)" : "")
                        + ": more than is held cannot be released");
            }
            return new HoldDecision.Release(eventId, approved, status.label() + ": releases the approved "
                    + Tiyn.format(approved) + (approved < held ? " of " + Tiyn.format(held) + " held; the rest returns to the sender" : ""));
        }
        if (held <= 0) {
            return new HoldDecision.Refuse(eventId, ReasonCode.LIMIT_EXCEEDED, status.label() + " states no amount and"
                    + " nothing is held for " + eventId + " yet: nothing can be released");
        }
        long amount = registered > 0 ? Math.min(registered, held) : held;
        return new HoldDecision.Release(eventId, amount, status.label() + " states no amount: releases the registered "
                + Tiyn.format(registered) + (amount < registered ? ", of which " + Tiyn.format(amount) + " is held" : ""));
    }

    private static boolean expired(KnownFact event, HoldBook book) {
        Instant until = validUntil(event);
        return until == null || book.now().isAfter(until);
    }

    private static HoldDecision expiredRefusal(String eventId, KnownFact event, ApplicationStatus status) {
        Instant until = validUntil(event);
        return new HoldDecision.Refuse(eventId, ReasonCode.EXPIRED, status.label() + " for " + eventId + " came after its"
                + " hold " + (until == null ? "lost its validUntil" : "expired (valid until " + until + ")")
                + ": the money is not moved; the hub returns an expired hold to the sender");
    }

    private static Instant validUntil(KnownFact event) {
        String v = event.term(SubsidyMessages.VALID_UNTIL);
        try {
            return v == null ? null : Instant.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The occurrence's status: its {@code status} term, else the code before {@code @} of its {@code occurrence}. */
    static Optional<ApplicationStatus> status(KnownFact fact) {
        String code = fact.term(SubsidyMessages.STATUS);
        if (code == null) {
            String occurrence = fact.term(SubsidyMessages.OCCURRENCE);
            code = occurrence == null ? null : occurrence.split("@", 2)[0];
        }
        return code == null ? Optional.empty() : ApplicationStatus.ofCode(code);
    }

    /** A term in whole tiyn; 0 when absent or not an amount (the ledger checked the terms before they were facts). */
    private static long tiyn(String term) {
        if (term == null) {
            return 0;
        }
        try {
            return Tiyn.parseWholeTiyn(term);
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
