package kz.digitaltenge.ledger.programmable;

import static kz.digitaltenge.ledger.programmable.TxContext.require;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.registry.Role;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.tx.Output;

/**
 * What held money may do — all of it is here (payment on an event).
 *
 * <ul>
 *   <li>An event is registered by the oracle ({@code EVENT_REGISTERED}: sender, recipient, amount, validUntil,
 *       holdType SINGLE or UNLIMITED, optional carryOverTo).</li>
 *   <li><b>HOLD</b> (the sender's signature + a {@code HOLD_APPROVED} fact, used once): the sender's tokens of one
 *       class become held tokens {@code hold = EVENT:<id>}, still the sender's, exactly the approved amount; all
 *       holds of an event add up to at most its amount. Held tokens cannot be spent by any transfer
 *       ({@code HELD}).</li>
 *   <li><b>RELEASE</b> (signed by the oracle, naming an {@code EVENT_OCCURRED} fact and the
 *       {@code RELEASE_APPROVED} fact for that occurrence): the approved amount goes to the recipient; the rest is
 *       held again for the next occurrence (UNLIMITED) or goes back to the sender (SINGLE). Each occurrence
 *       releases once, whatever transaction asks again.</li>
 *   <li><b>RETURN</b> (signed by the oracle, after validUntil): what is still held goes back to the sender, or is
 *       held under the {@code carryOverTo} event when the event says so (the 2025 refinement: hold conditions
 *       carry over to returned amounts). Before validUntil only with the oracle's {@code VOID_APPROVED} fact for an
 *       occurrence of the event (an application rejected or withdrawn): then it goes back to the sender, unheld.</li>
 *   <li>Marks survive: held, released and returned tokens keep the marking class they had (holding never
 *       launders purpose-bound money), and conservation holds per class.</li>
 * </ul>
 */
public final class Holding {
    private Holding() {
    }

    public static String encode(String eventId) {
        return "EVENT:" + eventId;
    }

    /** The event id of a held output, or null. */
    public static String eventOf(String hold) {
        if (hold == null) {
            return null;
        }
        if (!hold.startsWith("EVENT:") || hold.length() < 7 || hold.length() > 6 + kz.digitaltenge.ledger.fact.Fact.MAX_SUBJECT) {
            throw new LedgerException(ReasonCode.MALFORMED, "unknown hold '" + hold + "' (use EVENT:<event id>)");
        }
        return hold.substring(6);
    }

    /** The fact of the given type about the event among the transaction's facts (the current one for registrations). */
    static Fact named(TxContext ctx, FactType type, String eventId) {
        for (FactId id : ctx.tx().facts()) {
            Fact f = ctx.facts().require(id);
            if (f.type() == type && f.subject().equals(eventId)) {
                if (type == FactType.EVENT_REGISTERED) {
                    Optional<SignedFact> latest = ctx.facts().latest(type, eventId);
                    require(latest.isPresent() && latest.get().id().equals(id), ReasonCode.INVALID_FACT,
                            "event " + eventId + " has newer terms; name its current fact");
                }
                return f;
            }
        }
        throw new LedgerException(ReasonCode.INVALID_FACT, "the transaction must name the " + type + " fact of event " + eventId);
    }

    public static List<LimitUse> checkHold(TxContext ctx) {
        String eventId = null;
        for (Output out : ctx.tx().outputs()) {
            String e = eventOf(out.hold());
            if (e != null) {
                require(eventId == null || eventId.equals(e), ReasonCode.INVALID_STRUCTURE, "one HOLD holds for one event");
                eventId = e;
            }
        }
        require(eventId != null, ReasonCode.INVALID_STRUCTURE, "a HOLD holds at least one output");
        Fact event = named(ctx, FactType.EVENT_REGISTERED, eventId);
        Fact approval = named(ctx, FactType.HOLD_APPROVED, eventId);
        require(!ctx.now().isAfter(event.instant("validUntil")), ReasonCode.EXPIRED, "event " + eventId + " ended " + event.instant("validUntil"));
        AccountNumber sender = event.account("sender");
        require(ctx.inputOwners().size() == 1 && ctx.inputOwners().contains(sender), ReasonCode.MARKING_VIOLATION,
                "event " + eventId + " is held from its sender " + sender);
        String cls = singleClass(ctx.inputs());
        long held = 0;
        for (Output out : ctx.tx().outputs()) {
            require(out.owner().equals(sender), ReasonCode.MARKING_VIOLATION, "held money and change stay on the sender's account");
            require(TxContext.marking(out).classKey().equals(cls), ReasonCode.MARKING_VIOLATION, "held money keeps its mark");
            if (out.hold() != null) {
                held += out.amount();
            }
        }
        require(held == approval.tiyn("amount"), ReasonCode.INVALID_FACT, "the oracle approved holding "
                + kz.digitaltenge.canonical.money.Tiyn.format(approval.tiyn("amount")) + ", not " + kz.digitaltenge.canonical.money.Tiyn.format(held));
        ctx.requireBalanced();
        List<LimitUse> uses = List.of(
                new LimitUse(LimitUse.event(eventId), LimitUse.Kind.EVENT_HELD, held, event.tiyn("amount")),
                new LimitUse(LimitUse.fact(approval.id()), LimitUse.Kind.APPROVAL_USED, 1, 1));
        ctx.precheckLimits(uses);
        return uses;
    }

    public static List<LimitUse> checkRelease(TxContext ctx) {
        require(ctx.signedByRole(Role.ORACLE), ReasonCode.NOT_AUTHORIZED, "held money is released by the oracle, the controller");
        String eventId = heldEvent(ctx);
        Fact event = named(ctx, FactType.EVENT_REGISTERED, eventId);
        Fact occurred = named(ctx, FactType.EVENT_OCCURRED, eventId);
        Fact approval = named(ctx, FactType.RELEASE_APPROVED, eventId);
        require(approval.text("occurrence").equals(occurred.id().hex()), ReasonCode.INVALID_FACT,
                "the release approval is for another occurrence");
        require(!ctx.now().isAfter(event.instant("validUntil")), ReasonCode.EXPIRED, "event " + eventId + " ended " + event.instant("validUntil"));
        long amount = approval.tiyn("amount");
        require(amount > 0 && (occurred.optional("amount") == null || amount <= occurred.tiyn("amount")), ReasonCode.INVALID_FACT,
                "the approved release exceeds what the occurrence covers");
        AccountNumber sender = event.account("sender");
        AccountNumber recipient = event.account("recipient");
        boolean unlimited = event.text("holdType").equals("UNLIMITED");
        String cls = singleClass(ctx.inputs());
        long toRecipient = 0;
        long rest = 0;
        for (Output out : ctx.tx().outputs()) {
            require(TxContext.marking(out).classKey().equals(cls), ReasonCode.MARKING_VIOLATION, "released money keeps its mark");
            if (out.owner().equals(recipient) && out.hold() == null) {
                toRecipient += out.amount();
            } else {
                require(out.owner().equals(sender), ReasonCode.MARKING_VIOLATION, "a release pays the event's recipient " + recipient);
                require(unlimited ? eventId.equals(eventOf(out.hold())) : out.hold() == null, ReasonCode.MARKING_VIOLATION,
                        unlimited ? "the rest of an unlimited hold is held again for the next occurrence"
                                : "the rest of a single hold goes back to the sender, not held again");
                rest += out.amount();
            }
        }
        require(toRecipient == Math.min(amount, ctx.inputTotal()), ReasonCode.INVALID_FACT, "the oracle approved releasing "
                + kz.digitaltenge.canonical.money.Tiyn.format(amount) + " (or all that is held, if less)");
        ctx.requireBalanced();
        List<LimitUse> uses = List.of(new LimitUse(LimitUse.fact(occurred.id()), LimitUse.Kind.OCCURRENCE_RELEASED, 1, 1));
        try {
            ctx.precheckLimits(uses);
        } catch (LedgerException e) {
            throw new LedgerException(ReasonCode.LIMIT_EXCEEDED, "occurrence " + occurred.text("occurrence") + " of event " + eventId
                    + " was already released");
        }
        return uses;
    }

    public static List<LimitUse> checkReturn(TxContext ctx) {
        require(ctx.signedByRole(Role.ORACLE), ReasonCode.NOT_AUTHORIZED, "held money is returned by the oracle, the controller");
        String eventId = heldEvent(ctx);
        Fact event = named(ctx, FactType.EVENT_REGISTERED, eventId);
        Fact voided = voidApproval(ctx, eventId);
        require(voided != null || ctx.now().isAfter(event.instant("validUntil")), ReasonCode.EXPIRED, "event " + eventId
                + " is valid until " + event.instant("validUntil") + "; held money returns after that, or when the oracle"
                + " approves voiding it");
        AccountNumber sender = event.account("sender");
        // a void returns the money itself; only an event that ran out carries its conditions over
        String carryOver = voided == null ? event.optional("carryOverTo") : null;
        String cls = singleClass(ctx.inputs());
        List<LimitUse> uses = new ArrayList<>();
        long carried = 0;
        for (Output out : ctx.tx().outputs()) {
            require(out.owner().equals(sender), ReasonCode.MARKING_VIOLATION, "held money returns to the sender " + sender);
            require(TxContext.marking(out).classKey().equals(cls), ReasonCode.MARKING_VIOLATION, "returned money keeps its mark");
            if (carryOver == null) {
                require(out.hold() == null, ReasonCode.MARKING_VIOLATION, "returned money is no longer held");
            } else {
                require(carryOver.equals(eventOf(out.hold())), ReasonCode.MARKING_VIOLATION,
                        "event " + eventId + " carries its conditions over to event " + carryOver);
                carried += out.amount();
            }
        }
        if (carryOver != null) {
            Fact next = named(ctx, FactType.EVENT_REGISTERED, carryOver);
            require(next.account("sender").equals(sender), ReasonCode.INVALID_FACT, "the carry-over event has another sender");
            uses.add(new LimitUse(LimitUse.event(carryOver), LimitUse.Kind.EVENT_HELD, carried, next.tiyn("amount")));
            ctx.precheckLimits(uses);
        }
        ctx.requireBalanced();
        return uses;
    }

    /**
     * The oracle's approval to void the event's hold now, when the transaction names one: it must be about this event
     * and name an occurrence of it that the transaction names too.
     */
    private static Fact voidApproval(TxContext ctx, String eventId) {
        for (FactId id : ctx.tx().facts()) {
            Fact f = ctx.facts().require(id);
            if (f.type() == FactType.VOID_APPROVED) {
                require(f.subject().equals(eventId), ReasonCode.INVALID_FACT, "the void approval is for event " + f.subject());
                Fact occurred = named(ctx, FactType.EVENT_OCCURRED, eventId);
                require(f.text("occurrence").equals(occurred.id().hex()), ReasonCode.INVALID_FACT,
                        "the void approval is for another occurrence");
                return f;
            }
        }
        return null;
    }

    private static String heldEvent(TxContext ctx) {
        String eventId = null;
        for (StoredOutput in : ctx.inputs()) {
            String e = eventOf(in.output().hold());
            require(e != null, ReasonCode.INVALID_STRUCTURE, "input " + in.ref() + " is not held");
            require(eventId == null || eventId.equals(e), ReasonCode.INVALID_STRUCTURE, "inputs of one release or return are held for one event");
            eventId = e;
        }
        return eventId;
    }

    private static String singleClass(List<StoredOutput> inputs) {
        String cls = null;
        for (StoredOutput in : inputs) {
            String c = TxContext.marking(in).classKey();
            require(cls == null || cls.equals(c), ReasonCode.MARKING_VIOLATION, "one hold, release or return moves money of one class");
            cls = c;
        }
        return cls;
    }
}
