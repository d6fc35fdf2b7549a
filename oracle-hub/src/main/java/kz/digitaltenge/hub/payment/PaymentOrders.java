package kz.digitaltenge.hub.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sql.DataSource;
import kz.digitaltenge.canonical.payment.ReferenceKind;
import kz.digitaltenge.hub.invoice.InvoiceRegistry;
import kz.digitaltenge.hub.oracle.OracleSigner;
import kz.digitaltenge.hub.quarantine.Quarantine;
import kz.digitaltenge.hub.quarantine.QuarantinedMessage;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.ledger.programmable.VatMarking;
import kz.digitaltenge.ledger.programmable.VatPayment;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.programmable.LimitUse;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payment orchestration (Digital VAT): a payment order by invoice or by contract → checked against the registries →
 * optionally confirmed by the payer's bank → one ledger TRANSFER with the VAT split, signed by the hub's payment
 * agent (the payer's account delegates to it) → status to the e-invoice IS and to 1C.
 *
 * <p>Each order is a row of {@code payment_orders}, unique per (payer account, number, date): a file sent twice pays
 * once, and the second sending is answered with the first one's outcome. The transaction names the order
 * ({@code reference = payment-order:<id>}), so after a crash between commit and the row's update the commit is
 * found again instead of paying twice. Orders of one payer account are executed one at a time (the coin selection
 * of two would pick the same tokens); across hub instances the notary refuses the second and the order is retried.
 *
 * <p>This class orchestrates; the rows are kept by {@link PaymentOrderBook}, a commit is found again by
 * {@link PaymentRecovery}, and the transaction is built by the ledger's own {@link VatPayment}.
 */
public final class PaymentOrders {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentOrders.class);
    private static final int ATTEMPTS = 3;

    private final PaymentOrderBook book;
    private final PaymentRecovery recovery;
    private final Ledger ledger;
    private final InvoiceRegistry invoices;
    private final Quarantine quarantine;
    private final OracleSigner agent;
    private final java.util.function.Predicate<String> confirmationRequired;
    private final long submitTimeoutMillis;
    private final Consumer<String> invoiceChanged;
    /**
     * One payer's payments run one at a time on this hub (two at once would select the same tokens and one would lose
     * the race). Striped by payer account: enough stripes that unrelated payers rarely share one — with 64, 200 payers
     * paying at once shared stripes three to one, which capped the payments in the ledger's pipeline at 64 — and fair,
     * so a waiting payment is not overtaken for seconds by those arriving after it (a closed loop's p99 was 5.4 s).
     */
    private final ReentrantLock[] payerLocks = new ReentrantLock[1024];
    private final PaymentOrderCommits commits = new PaymentOrderCommits();

    public PaymentOrders(DataSource db, Ledger ledger, InvoiceRegistry invoices, Quarantine quarantine, OracleSigner agent,
                         java.util.function.Predicate<String> confirmationRequired, long submitTimeoutMillis,
                         Consumer<String> invoiceChanged) {
        this.book = new PaymentOrderBook(db);
        this.ledger = ledger;
        this.invoices = invoices;
        this.quarantine = quarantine;
        this.agent = agent;
        this.recovery = new PaymentRecovery(ledger, agent.keyId());
        this.confirmationRequired = confirmationRequired;
        this.submitTimeoutMillis = submitTimeoutMillis;
        this.invoiceChanged = invoiceChanged;
        for (int i = 0; i < payerLocks.length; i++) {
            payerLocks[i] = new ReentrantLock(true);
        }
    }

    public OracleSigner agent() {
        return agent;
    }

    /** What the ledger's group commit writes of the orders it pays; registered with the store by the configuration. */
    kz.digitaltenge.ledger.tx.CommitCompanion commitCompanion() {
        return commits;
    }

    /** What became of an order. */
    public record Outcome(Long id, String number, String date, String status, ReferenceKind referenceKind, String reference,
                          String amount, String net, String vat, String reasonCode, String message, String transactionId,
                          Long quarantineId, String updatedAt) {
    }

    /** A refusal of an order, with the reason code it is recorded and quarantined under. */
    static final class Refusal extends RuntimeException {
        final String reason;

        Refusal(ReasonCode reason, String message) {
            super(message, null, false, false);
            this.reason = reason.name();
        }
    }

    /**
     * Takes an order: records it (or finds it, when it was sent before), checks it, and executes it unless the payer's
     * bank must confirm first. Never throws for a bad order: the outcome says what happened.
     */
    public Outcome submit(PaymentRequest r, String who) {
        return submit(r, who, true);
    }

    private Outcome submit(PaymentRequest r, String who, boolean quarantineRefusal) {
        byte[] hash = sha256(r.contentKey());
        PaymentOrderBook.Received received = book.receive(r, who, hash);
        PaymentOrderBook.Row row = received.existing();
        Long inserted = received.inserted();
        // the connection is back in the pool before the order runs: the ledger's commit needs connections of its own
        if (row == null) {
            return process(inserted, r, who, quarantineRefusal, true); // a new order: nobody else has seen it
        }
        if (!Arrays.equals(row.contentHash, hash)) {
            Long q = !quarantineRefusal ? null : quarantine(r, "DUPLICATE_DIFFERENT_CONTENT", "payment order " + r.number() + " of " + r.date() + " from "
                    + r.payerAccount() + " was received before with other content (order #" + row.id + ")");
            return new Outcome(null, r.number(), r.date().toString(), "REFUSED", r.referenceKind(), r.reference(), Tiyn.format(r.amount()),
                    null, null, "DUPLICATE_DIFFERENT_CONTENT", "payment order " + r.number() + " of " + r.date()
                    + " was received before with other content", null, q, null);
        }
        if (!"RECEIVED".equals(row.status)) {
            return row.outcome(); // the same order again: its outcome, nothing paid twice
        }
        return process(row.id, r, who, quarantineRefusal, false); // left RECEIVED (a crash, or in flight elsewhere)
    }

    /** Runs a RECEIVED order (new, or left RECEIVED by a crash, or retried from the quarantine). */
    private Outcome process(long id, PaymentRequest r, String who, boolean quarantineRefusal, boolean fresh) {
        if (!fresh) {
            Optional<CommittedTransaction> paid = recovery.paidBy(id, r, null, null);
            if (paid.isPresent()) {
                return executed(id, r, paid.get()); // paid before a crash: the check would now see the invoice paid
            }
        }
        Plan plan;
        try {
            plan = check(r);
        } catch (Refusal refusal) {
            return refuse(id, r, refusal.reason, refusal.getMessage(), quarantineRefusal);
        }
        if (confirmationRequired.test(r.payerAccount().value())) {
            return book.awaitConfirmation(id, plan.net, plan.vat);
        }
        return execute(id, r, plan, quarantineRefusal, fresh);
    }

    /** The payer's bank confirms an order awaiting it: the payment is executed now. */
    public Outcome confirm(long id, String who) {
        PaymentOrderBook.Row row = book.row(id);
        if (!"AWAITING_CONFIRMATION".equals(row.status)) {
            throw new LedgerException(ReasonCode.CONFLICT, "payment order #" + id + " is " + row.status + ", not awaiting confirmation");
        }
        PaymentRequest r = row.request();
        Optional<CommittedTransaction> paid = recovery.paidBy(id, r, row.net, row.vat);
        if (paid.isPresent()) {
            return executed(id, r, paid.get()); // confirmed and paid before a crash
        }
        Plan plan;
        try {
            plan = check(r); // the invoice may have changed (paid by another order, revoked) while it waited
        } catch (Refusal refusal) {
            return refuse(id, r, refusal.reason, refusal.getMessage(), true);
        }
        book.confirmedBy(id, who);
        return execute(id, r, plan, true, false);
    }

    /** The payer's bank declines an order awaiting it: nothing moves. */
    public Outcome decline(long id, String reason, String who) {
        if (reason == null || reason.isBlank()) {
            throw new LedgerException(ReasonCode.MALFORMED, "a decline states its reason");
        }
        if (!book.decline(id, reason, who)) {
            throw new LedgerException(ReasonCode.CONFLICT, "payment order #" + id + " is " + book.row(id).status + ", not awaiting confirmation");
        }
        return find(id).orElseThrow();
    }

    /** The checks against the registries, and what the transaction will pay (net, VAT). */
    private record Plan(Fact fact, SignedFact signed, long net, long vat) {
    }

    private Plan check(PaymentRequest r) {
        if (!"KZT".equals(r.currency())) {
            throw new Refusal(ReasonCode.BUSINESS_RULE, "digital tenge pays in KZT, not " + r.currency());
        }
        return r.referenceKind() == ReferenceKind.INVOICE ? checkInvoice(r) : checkContract(r);
    }

    private Plan checkInvoice(PaymentRequest r) {
        InvoiceRegistry.InvoiceState inv = invoices.find(r.reference(), false).orElseThrow(() ->
                new Refusal(ReasonCode.UNKNOWN_REFERENCE, "invoice " + r.reference() + " is not registered"));
        Fact f = inv.fact();
        if (inv.dead()) {
            throw new Refusal(ReasonCode.BUSINESS_RULE, "invoice " + r.reference() + " is " + f.text("status") + " and cannot be paid");
        }
        if (VatMarking.isCreditNote(f)) {
            // a credit note is refunded: its seller pays its buyer back, net and VAT part, within what it credits
            requireParty(r.payerBin(), f.text("sellerTin"), "payer", "seller (a credit note is refunded by its seller)", r.reference());
            requireParty(r.payeeBin(), f.text("buyerTin"), "payee", "buyer", r.reference());
        } else {
            requireParty(r.payerBin(), f.text("buyerTin"), "payer", "buyer", r.reference());
            requireParty(r.payeeBin(), f.text("sellerTin"), "payee", "seller", r.reference());
        }
        long outstanding = inv.outstanding();
        if (r.amount() > outstanding) {
            throw new Refusal(ReasonCode.BUSINESS_RULE, "the order pays " + Tiyn.format(r.amount()) + " but invoice " + r.reference()
                    + " has " + Tiyn.format(outstanding) + " outstanding");
        }
        long vat = r.amount() == outstanding ? inv.outstandingVat()
                : VatMarking.proportionalVat(r.amount(), f.tiyn("vat"), f.tiyn("gross"));
        requireStatedVat(r, vat, "invoice " + r.reference());
        return new Plan(f, inv.current(), r.amount() - vat, vat);
    }

    private Plan checkContract(PaymentRequest r) {
        kz.digitaltenge.ledger.programmable.FactWithUsage read = ledger.queries().latestWithUsage(FactType.CONTRACT_REGISTERED,
                r.reference(), LimitUse.contract(r.reference()));
        SignedFact signed = read.fact().orElseThrow(() ->
                new Refusal(ReasonCode.UNKNOWN_REFERENCE, "contract " + r.reference() + " is not registered"));
        Fact f = signed.fact();
        if (f.optional("vatRate") == null) {
            throw new Refusal(ReasonCode.BUSINESS_RULE, "contract " + r.reference() + " states no VAT rate, so it takes no prepayment by payment order");
        }
        requireParty(r.payerBin(), f.text("buyerTin"), "payer", "buyer", "contract " + r.reference());
        requireParty(r.payeeBin(), f.text("sellerTin"), "payee", "seller", "contract " + r.reference());
        long rate = Long.parseLong(f.text("vatRate"));
        long vat = VatMarking.proportionalVat(r.amount(), rate, 100 + rate);
        requireStatedVat(r, vat, "a prepayment at " + rate + "%");
        long left = f.tiyn("maxTransfer") - read.usage().get(LimitUse.Kind.PREPAID);
        if (r.amount() > left) {
            throw new Refusal(ReasonCode.BUSINESS_RULE, "contract " + r.reference() + " takes " + Tiyn.format(Math.max(0, left))
                    + " more in prepayments, the order pays " + Tiyn.format(r.amount()));
        }
        return new Plan(f, signed, r.amount() - vat, vat);
    }

    private static void requireParty(PartyId given, String expected, String side, String role, String what) {
        if (!expected.equals(given.value())) {
            throw new Refusal(ReasonCode.BUSINESS_RULE, "the " + side + " " + given + " is not the " + role + " " + expected + " of " + what);
        }
    }

    private static void requireStatedVat(PaymentRequest r, long vat, String what) {
        if (r.vat() != null && r.vat() != vat) {
            throw new Refusal(ReasonCode.BUSINESS_RULE, "the order states VAT " + Tiyn.format(r.vat()) + "; the VAT part of "
                    + Tiyn.format(r.amount()) + " for " + what + " is " + Tiyn.format(vat));
        }
    }

    /** @param fresh the order was recorded in this call, so no transaction can name it yet (skip the recovery lookup) */
    private Outcome execute(long id, PaymentRequest r, Plan plan, boolean quarantineRefusal, boolean fresh) {
        String reference = reference(id);
        ReentrantLock lock = payerLocks[Math.floorMod(r.payerAccount().value().hashCode(), payerLocks.length)];
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                if (!fresh || attempt > 1) {
                    Optional<CommittedTransaction> done = recovery.paidBy(id, r, plan.net, plan.vat);
                    if (done.isPresent()) {
                        return executed(id, r, done.get());
                    }
                }
                try {
                    SignedTransaction tx = build(r, plan, reference);
                    commits.expect(reference, id, r.payeeAccount());
                    try {
                        CommittedTransaction c = ledger.submitAndWait(tx, submitTimeoutMillis);
                        return commits.written(reference) ? executedInCommit(id, r, c, fresh, commits.quarantineId(reference))
                                : executed(id, r, c);
                    } finally {
                        commits.forget(reference);
                    }
                } catch (Refusal refusal) {
                    return refuse(id, r, refusal.reason, refusal.getMessage(), quarantineRefusal);
                } catch (LedgerException e) {
                    boolean raced = e.reason() == ReasonCode.ALREADY_SPENT || e.reason() == ReasonCode.INPUT_RESERVED;
                    if (raced && attempt < ATTEMPTS) {
                        continue; // another channel spent a selected token meanwhile: select again
                    }
                    if (raced) {
                        // still racing other payments of this payer (on other hubs): a passing state, not a reason to
                        // refuse the order; left RECEIVED, the client sends it again
                        throw new LedgerException(ReasonCode.UNAVAILABLE, "the payer's tokens were being spent by other payments at the"
                                + " same time; send the order again", e);
                    }
                    if (e.reason() == ReasonCode.UNAVAILABLE) {
                        throw e; // left RECEIVED; the caller is told to send again, which finds the commit if there was one
                    }
                    return refuse(id, r, e.reason().name(), ledgerMessage(e, r), quarantineRefusal);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    static String reference(long orderId) {
        return kz.digitaltenge.ledger.rules.TransactionRules.PAYMENT_ORDER_REFERENCE + orderId;
    }

    private static String ledgerMessage(LedgerException e, PaymentRequest r) {
        if (e.reason() == ReasonCode.NOT_AUTHORIZED) {
            return "the payer's account " + r.payerAccount() + " has not authorised the hub's payment channel (a delegation to the"
                    + " payment agent, set up by the payer's bank): " + e.getMessage();
        }
        return e.getMessage();
    }

    /**
     * The transaction, built by the ledger's own {@link VatPayment} (coin selection by the rule the ledger checks),
     * signed by the payment agent.
     */
    private SignedTransaction build(PaymentRequest r, Plan plan, String reference) {
        VatPayment.Result built = VatPayment.build(r.payerAccount(), r.payeeAccount(), plan.net, plan.vat,
                ledger.queries().unspentOutputs(r.payerAccount(), 10_000), reference, List.of(plan.signed.id()));
        if (built instanceof VatPayment.Refused no) {
            throw new Refusal(no.reason(), no.message());
        }
        Transaction tx = ((VatPayment.Built) built).transaction();
        return new SignedTransaction(tx, List.of(agent.sign(tx)));
    }

    /** Records a payment made outside this hub's group commit (found again after a crash, or on a retry). */
    private Outcome executed(long id, PaymentRequest r, CommittedTransaction c) {
        PaymentRecovery.Split split = PaymentRecovery.split(c.signed(), r.payeeAccount());
        return paid(id, r, c, book.executed(id, c.id().bytes(), split.net(), split.vat()));
    }

    /**
     * The order was made EXECUTED by the commit of its payment ({@link PaymentOrderCommits}). An order recorded in this
     * call is answered from what is known — its content is this request's, its status, split, transaction and time are
     * what the commit wrote, and the commit handed back the one column another delivery may have set meanwhile (a
     * refusal's quarantine id); an order recorded before (a retry, a bank's confirmation) is read back.
     */
    private Outcome executedInCommit(long id, PaymentRequest r, CommittedTransaction c, boolean fresh, Long quarantineId) {
        Outcome done;
        if (fresh) {
            PaymentRecovery.Split split = PaymentRecovery.split(c.signed(), r.payeeAccount());
            done = new Outcome(id, r.number(), r.date().toString(), "EXECUTED", r.referenceKind(), r.reference(), Tiyn.format(r.amount()),
                    Tiyn.format(split.net()), Tiyn.format(split.vat()), null, null, c.id().hex(), quarantineId, c.committedAt().toString());
        } else {
            done = book.find(id).orElseThrow();
        }
        return paid(id, r, c, done);
    }

    private Outcome paid(long id, PaymentRequest r, CommittedTransaction c, Outcome done) {
        LOG.info("payment order #{} ({} {}) executed: {}", id, r.referenceKind(), r.reference(), c.id());
        if (r.referenceKind() == ReferenceKind.INVOICE) {
            notifyInvoice(r.reference());
        }
        return done;
    }

    private void notifyInvoice(String registrationNumber) {
        try {
            invoiceChanged.accept(registrationNumber);
        } catch (RuntimeException e) {
            LOG.warn("status of invoice {} not handed to the e-invoice route", registrationNumber, e);
        }
    }

    /**
     * Records the refusal; the order's original goes to the quarantine unless it is being retried from there. Two
     * deliveries of one order can run at once on two hubs (a client that timed out and sent again): when the other
     * one paid it meanwhile — which is often why this one was refused (the invoice has nothing outstanding, the
     * VAT limit is reached) — the order is answered as paid, and when it decided the order first, its decision stands
     * and this one's quarantine entry is closed. Found by the fault suite (docs/reliability.md).
     */
    private Outcome refuse(long id, PaymentRequest r, String reason, String message, boolean quarantineRefusal) {
        Optional<CommittedTransaction> paid = recovery.paidBy(id, r, null, null);
        if (paid.isPresent()) {
            return executed(id, r, paid.get());
        }
        Long q = quarantineRefusal ? quarantine(r, reason, message) : null;
        Optional<Outcome> refused = book.refused(id, reason, message, q);
        if (refused.isPresent()) {
            return refused.get();
        }
        Outcome decided = book.find(id).orElseThrow();
        if (q != null) {
            quarantine.reject(q, "payment order #" + id + " was decided by another delivery of it: " + decided.status(), "hub");
        }
        return decided;
    }

    private long quarantine(PaymentRequest r, String reason, String message) {
        Map<String, String> headers = new LinkedHashMap<>(r.headers());
        headers.put("channel", r.channel());
        headers.put("format", r.format());
        headers.put("paymentOrder", r.number() + " of " + r.date());
        return quarantine.put(QuarantinedMessage.of(r.source(), r.payerAccount() + ":" + r.number() + ":" + r.date(),
                r.source() + "-payment-order", reason, message, "json".equals(r.format()) ? "application/json" : "text/plain",
                headers, r.original()));
    }

    /**
     * Retry of a refused order from the quarantine (after the cause was fixed, or as an edited copy): the order's row
     * takes the (possibly edited) content and is processed again; a refusal is answered, not quarantined again.
     */
    Outcome retry(PaymentRequest r, String who) {
        PaymentOrderBook.Row row = book.find(r).orElse(null);
        if (row == null) {
            return submit(r, who, false);
        }
        if ("REFUSED".equals(row.status)) {
            if (book.reopen(row.id, r, sha256(r.contentKey()))) {
                return process(row.id, r, who, false, false);
            }
            return find(row.id).orElseThrow();
        }
        if (Arrays.equals(row.contentHash, sha256(r.contentKey()))) {
            return row.outcome();
        }
        return new Outcome(row.id, r.number(), r.date().toString(), "REFUSED", r.referenceKind(), r.reference(), Tiyn.format(r.amount()),
                null, null, "DUPLICATE_DIFFERENT_CONTENT", "payment order #" + row.id + " with this number and date is " + row.status
                + " with other content", null, null, null);
    }

    public Optional<Outcome> find(long id) {
        return book.find(id);
    }

    /** An order with who pays it (the caller's scope is checked against them). */
    public record PayerOutcome(Outcome outcome, String payerBin, String payerAccount) {
    }

    public Optional<PayerOutcome> findWithPayer(long id) {
        return book.findWithPayer(id);
    }

    /** Orders in a status, oldest first, with who pays them. */
    public List<PayerOutcome> listWithPayer(String status, String payer, String reference, int limit) {
        return book.listWithPayer(status, payer, reference, limit);
    }

    /** Executed orders of an invoice, in the order they were paid. */
    public List<Outcome> executedFor(String registrationNumber) {
        return book.executedFor(registrationNumber);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
