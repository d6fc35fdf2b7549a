package kz.digitaltenge.hub.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sql.DataSource;
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
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.ledger.programmable.VatMarking;
import kz.digitaltenge.ledger.programmable.VatPayment;
import kz.digitaltenge.ledger.store.CommittedTransaction;
import kz.digitaltenge.ledger.store.LimitUse;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxType;
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
 */
public final class PaymentOrders {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentOrders.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final int ATTEMPTS = 3;

    private final DataSource db;
    private final Ledger ledger;
    private final InvoiceRegistry invoices;
    private final Quarantine quarantine;
    private final OracleSigner agent;
    private final java.util.function.Predicate<String> confirmationRequired;
    private final long submitTimeoutMillis;
    private final Consumer<String> invoiceChanged;
    private final ReentrantLock[] payerLocks = new ReentrantLock[64];

    public PaymentOrders(DataSource db, Ledger ledger, InvoiceRegistry invoices, Quarantine quarantine, OracleSigner agent,
                         java.util.function.Predicate<String> confirmationRequired, long submitTimeoutMillis,
                         Consumer<String> invoiceChanged) {
        this.db = db;
        this.ledger = ledger;
        this.invoices = invoices;
        this.quarantine = quarantine;
        this.agent = agent;
        this.confirmationRequired = confirmationRequired;
        this.submitTimeoutMillis = submitTimeoutMillis;
        this.invoiceChanged = invoiceChanged;
        for (int i = 0; i < payerLocks.length; i++) {
            payerLocks[i] = new ReentrantLock();
        }
    }

    public OracleSigner agent() {
        return agent;
    }

    /** What became of an order. */
    public record Outcome(Long id, String number, String date, String status, String referenceKind, String reference,
                          String amount, String net, String vat, String reasonCode, String message, String transactionId,
                          Long quarantineId, String updatedAt) {
    }

    /** A refusal of an order, with the reason code it is recorded and quarantined under. */
    static final class Refusal extends RuntimeException {
        final String reason;

        Refusal(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
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
        Row row;
        Long inserted = null;
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("insert into payment_orders(channel, payer_account, number, order_date,"
                    + " content_hash, reference_kind, reference, payee_account, amount, stated_vat, status, created_by, payer_bin,"
                    + " payee_bin, currency, format, original) values (?,?,?,?,?,?,?,?,?,?, 'RECEIVED', ?,?,?,?,?,?) on conflict do nothing returning id")) {
                ps.setString(1, r.channel());
                ps.setString(2, r.payerAccount());
                ps.setString(3, r.number());
                ps.setObject(4, r.date());
                ps.setBytes(5, hash);
                ps.setString(6, r.referenceKind());
                ps.setString(7, r.reference());
                ps.setString(8, r.payeeAccount());
                ps.setLong(9, r.amount());
                ps.setObject(10, r.vat());
                ps.setString(11, who);
                ps.setString(12, r.payerBin());
                ps.setString(13, r.payeeBin());
                ps.setString(14, r.currency());
                ps.setString(15, r.format());
                ps.setBytes(16, r.original());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        inserted = rs.getLong(1);
                    }
                }
            }
            row = inserted != null ? null : findRow(c, r.payerAccount(), r.number(), r.date()).orElseThrow();
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "payment orders unavailable: " + e.getMessage(), e);
        }
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
            Optional<CommittedTransaction> paid = paidBy(id, r, null, null);
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
        if (confirmationRequired.test(r.payerAccount())) {
            return updateReturning(id, "update payment_orders set net = ?, vat = ?, status = 'AWAITING_CONFIRMATION',"
                    + " updated_at = clock_timestamp() where id = ? and status = 'RECEIVED'", plan.net, plan.vat, id);
        }
        update(id, "update payment_orders set net = ?, vat = ? where id = ?", plan.net, plan.vat, id);
        return execute(id, r, plan, quarantineRefusal, fresh);
    }

    /** The payer's bank confirms an order awaiting it: the payment is executed now. */
    public Outcome confirm(long id, String who) {
        Row row = row(id);
        if (!"AWAITING_CONFIRMATION".equals(row.status)) {
            throw new LedgerException(ReasonCode.CONFLICT, "payment order #" + id + " is " + row.status + ", not awaiting confirmation");
        }
        PaymentRequest r = row.request();
        Optional<CommittedTransaction> paid = paidBy(id, r, row.net, row.vat);
        if (paid.isPresent()) {
            return executed(id, r, paid.get()); // confirmed and paid before a crash
        }
        Plan plan;
        try {
            plan = check(r); // the invoice may have changed (paid by another order, revoked) while it waited
        } catch (Refusal refusal) {
            return refuse(id, r, refusal.reason, refusal.getMessage(), true);
        }
        update(id, "update payment_orders set decided_by = ? where id = ?", who, id);
        return execute(id, r, plan, true, false);
    }

    /** The payer's bank declines an order awaiting it: nothing moves. */
    public Outcome decline(long id, String reason, String who) {
        if (reason == null || reason.isBlank()) {
            throw new LedgerException(ReasonCode.MALFORMED, "a decline states its reason");
        }
        int n = update(id, "update payment_orders set status = 'DECLINED', reason_code = 'DECLINED_BY_BANK', reason_message = ?,"
                + " decided_by = ?, updated_at = clock_timestamp() where id = ? and status = 'AWAITING_CONFIRMATION'", reason, who, id);
        if (n == 0) {
            throw new LedgerException(ReasonCode.CONFLICT, "payment order #" + id + " is " + row(id).status + ", not awaiting confirmation");
        }
        return find(id).orElseThrow();
    }

    /** The checks against the registries, and what the transaction will pay (net, VAT). */
    private record Plan(Fact fact, SignedFact signed, long net, long vat) {
    }

    private Plan check(PaymentRequest r) {
        if (!"KZT".equals(r.currency())) {
            throw new Refusal("BUSINESS_RULE", "digital tenge pays in KZT, not " + r.currency());
        }
        return "INVOICE".equals(r.referenceKind()) ? checkInvoice(r) : checkContract(r);
    }

    private Plan checkInvoice(PaymentRequest r) {
        InvoiceRegistry.InvoiceState inv = invoices.find(r.reference(), false).orElseThrow(() ->
                new Refusal("UNKNOWN_REFERENCE", "invoice " + r.reference() + " is not registered"));
        Fact f = inv.fact();
        if (inv.dead()) {
            throw new Refusal("BUSINESS_RULE", "invoice " + r.reference() + " is " + f.text("status") + " and cannot be paid");
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
            throw new Refusal("BUSINESS_RULE", "the order pays " + Tiyn.format(r.amount()) + " but invoice " + r.reference()
                    + " has " + Tiyn.format(outstanding) + " outstanding");
        }
        long vat = r.amount() == outstanding ? inv.outstandingVat()
                : VatMarking.proportionalVat(r.amount(), f.tiyn("vat"), f.tiyn("gross"));
        requireStatedVat(r, vat, "invoice " + r.reference());
        return new Plan(f, inv.current(), r.amount() - vat, vat);
    }

    private Plan checkContract(PaymentRequest r) {
        SignedFact signed = ledger.facts().latest(FactType.CONTRACT_REGISTERED, r.reference()).orElseThrow(() ->
                new Refusal("UNKNOWN_REFERENCE", "contract " + r.reference() + " is not registered"));
        Fact f = signed.fact();
        if (f.optional("vatRate") == null) {
            throw new Refusal("BUSINESS_RULE", "contract " + r.reference() + " states no VAT rate, so it takes no prepayment by payment order");
        }
        requireParty(r.payerBin(), f.text("buyerTin"), "payer", "buyer", "contract " + r.reference());
        requireParty(r.payeeBin(), f.text("sellerTin"), "payee", "seller", "contract " + r.reference());
        long rate = Long.parseLong(f.text("vatRate"));
        long vat = VatMarking.proportionalVat(r.amount(), rate, 100 + rate);
        requireStatedVat(r, vat, "a prepayment at " + rate + "%");
        long left = f.tiyn("maxTransfer") - ledger.store().usage(LimitUse.contract(r.reference())).get(LimitUse.Kind.PREPAID);
        if (r.amount() > left) {
            throw new Refusal("BUSINESS_RULE", "contract " + r.reference() + " takes " + Tiyn.format(Math.max(0, left))
                    + " more in prepayments, the order pays " + Tiyn.format(r.amount()));
        }
        return new Plan(f, signed, r.amount() - vat, vat);
    }

    private static void requireParty(String given, String expected, String side, String role, String what) {
        if (!expected.equals(given)) {
            throw new Refusal("BUSINESS_RULE", "the " + side + " " + given + " is not the " + role + " " + expected + " of " + what);
        }
    }

    private static void requireStatedVat(PaymentRequest r, long vat, String what) {
        if (r.vat() != null && r.vat() != vat) {
            throw new Refusal("BUSINESS_RULE", "the order states VAT " + Tiyn.format(r.vat()) + "; the VAT part of "
                    + Tiyn.format(r.amount()) + " for " + what + " is " + Tiyn.format(vat));
        }
    }

    /** @param fresh the order was recorded in this call, so no transaction can name it yet (skip the recovery lookup) */
    private Outcome execute(long id, PaymentRequest r, Plan plan, boolean quarantineRefusal, boolean fresh) {
        String reference = reference(id);
        ReentrantLock lock = payerLocks[Math.floorMod(r.payerAccount().hashCode(), payerLocks.length)];
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                if (!fresh || attempt > 1) {
                    Optional<CommittedTransaction> done = paidBy(id, r, plan.net, plan.vat);
                    if (done.isPresent()) {
                        return executed(id, r, done.get());
                    }
                }
                try {
                    SignedTransaction tx = build(r, plan, reference);
                    return executed(id, r, ledger.submitAndWait(tx, submitTimeoutMillis));
                } catch (Refusal refusal) {
                    return refuse(id, r, refusal.reason, refusal.getMessage(), quarantineRefusal);
                } catch (LedgerException e) {
                    boolean raced = e.reason() == ReasonCode.ALREADY_SPENT || e.reason() == ReasonCode.INPUT_RESERVED;
                    if (raced && attempt < ATTEMPTS) {
                        continue; // another channel spent a selected token meanwhile: select again
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
        return kz.digitaltenge.ledger.tx.TransactionRules.PAYMENT_ORDER_REFERENCE + orderId;
    }

    /**
     * The committed payment of this order, found by its reference after a crash or on a retry: only a transaction the
     * payment agent alone signed, paying the payee what the order pays (net standard, VAT as VAT tokens; amounts checked
     * when known) with nothing to anyone but payee and payer. The ledger lets only the agent use the reference space;
     * this check keeps the order honest even so.
     */
    private Optional<CommittedTransaction> paidBy(long id, PaymentRequest r, Long net, Long vat) {
        for (CommittedTransaction c : ledger.store().findByReference(TxType.TRANSFER, reference(id))) {
            String mismatch = mismatch(c.signed(), r, net, vat);
            if (mismatch == null) {
                return Optional.of(c);
            }
            LOG.warn("transaction {} names payment order #{} but {}: not taken as its payment", c.id(), id, mismatch);
        }
        return Optional.empty();
    }

    private String mismatch(SignedTransaction signed, PaymentRequest r, Long net, Long vat) {
        if (signed.signatures().stream().anyMatch(sig -> !sig.keyId().equals(agent.keyId()))) {
            return "it is not signed by the payment agent alone";
        }
        long toPayeeStandard = 0;
        long toPayeeVat = 0;
        for (Output o : signed.tx().outputs()) {
            String owner = o.owner().value();
            if (owner.equals(r.payeeAccount())) {
                if (o.marking() == null) {
                    toPayeeStandard += o.amount();
                } else if (kz.digitaltenge.ledger.programmable.Marking.VAT.encode().equals(o.marking())) {
                    toPayeeVat += o.amount();
                } else {
                    return "it pays the payee marked money " + o.marking();
                }
            } else if (!owner.equals(r.payerAccount())) {
                return "it pays " + owner + ", neither the payer nor the payee";
            }
        }
        if (toPayeeStandard + toPayeeVat != r.amount()) {
            return "it pays the payee " + Tiyn.format(toPayeeStandard + toPayeeVat) + ", the order " + Tiyn.format(r.amount());
        }
        if (net != null && vat != null && (toPayeeStandard != net || toPayeeVat != vat)) {
            return "its split " + Tiyn.format(toPayeeStandard) + " + VAT " + Tiyn.format(toPayeeVat) + " is not the order's";
        }
        return null;
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
        AccountNumber payer = new AccountNumber(r.payerAccount());
        VatPayment.Result built = VatPayment.build(payer, new AccountNumber(r.payeeAccount()), plan.net, plan.vat,
                ledger.store().unspentOutputs(payer, 10_000), reference, List.of(plan.signed.id()));
        if (built instanceof VatPayment.Refused no) {
            throw new Refusal(no.reason().name(), no.message());
        }
        Transaction tx = ((VatPayment.Built) built).transaction();
        return new SignedTransaction(tx, List.of(agent.sign(tx)));
    }

    private Outcome executed(long id, PaymentRequest r, CommittedTransaction c) {
        Outcome done = updateReturning(id, "update payment_orders set status = 'EXECUTED', transaction_id = ?, reason_code = null,"
                + " reason_message = null, updated_at = clock_timestamp() where id = ?", c.id().bytes(), id);
        LOG.info("payment order #{} ({} {}) executed: {}", id, r.referenceKind(), r.reference(), c.id());
        if ("INVOICE".equals(r.referenceKind())) {
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

    /** Records the refusal; the order's original goes to the quarantine unless it is being retried from there. */
    private Outcome refuse(long id, PaymentRequest r, String reason, String message, boolean quarantineRefusal) {
        Long q = quarantineRefusal ? quarantine(r, reason, message) : null;
        return updateReturning(id, "update payment_orders set status = 'REFUSED', reason_code = ?, reason_message = ?,"
                + " quarantine_id = coalesce(?, quarantine_id), updated_at = clock_timestamp() where id = ?", reason, message, q, id);
    }

    private long quarantine(PaymentRequest r, String reason, String message) {
        Map<String, String> headers = new LinkedHashMap<>(r.headers());
        headers.put("channel", r.channel());
        headers.put("format", r.format());
        headers.put("paymentOrder", r.number() + " of " + r.date());
        return quarantine.put(QuarantinedMessage.of(Erp1cIntake.SOURCE, r.payerAccount() + ":" + r.number() + ":" + r.date(),
                "erp-1c-payment-order", reason, message, "json".equals(r.format()) ? "application/json" : "text/plain",
                headers, r.original()));
    }

    /**
     * Retry of a refused order from the quarantine (after the cause was fixed, or as an edited copy): the order's row
     * takes the (possibly edited) content and is processed again; a refusal is answered, not quarantined again.
     */
    Outcome retry(PaymentRequest r, String who) {
        Row row;
        try (Connection c = db.getConnection()) {
            row = findRow(c, r.payerAccount(), r.number(), r.date()).orElse(null);
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "payment orders unavailable: " + e.getMessage(), e);
        }
        if (row == null) {
            return submit(r, who, false);
        }
        if ("REFUSED".equals(row.status)) {
            int n = update(row.id, "update payment_orders set status = 'RECEIVED', content_hash = ?, reference_kind = ?, reference = ?,"
                    + " payee_account = ?, payee_bin = ?, amount = ?, stated_vat = ?, currency = ?, format = ?, original = ?,"
                    + " updated_at = clock_timestamp() where id = ? and status = 'REFUSED'", sha256(r.contentKey()), r.referenceKind(),
                    r.reference(), r.payeeAccount(), r.payeeBin(), r.amount(), r.vat(), r.currency(), r.format(), r.original(), row.id);
            if (n == 1) {
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
        return rows(SELECT + " where id = ?", ps -> ps.setLong(1, id)).stream().findFirst().map(Row::outcome);
    }

    public record PayerOutcome(Outcome outcome, String payerBin, String payerAccount) {
    }

    public Optional<PayerOutcome> findWithPayer(long id) {
        return rows(SELECT + " where id = ?", ps -> ps.setLong(1, id)).stream().findFirst().map(Row::withPayer);
    }

    /** Orders in a status, oldest first, with who pays them. */
    public List<PayerOutcome> listWithPayer(String status, int limit) {
        return rows(SELECT + " where status = ? order by id limit ?", ps -> {
            ps.setString(1, status);
            ps.setInt(2, limit);
        }).stream().map(Row::withPayer).toList();
    }

    /** Executed orders of an invoice, in the order they were paid. */
    public List<Outcome> executedFor(String registrationNumber) {
        return query(SELECT + " where reference_kind = 'INVOICE' and reference = ? and status = 'EXECUTED' order by id limit ?",
                registrationNumber, Integer.MAX_VALUE);
    }

    private List<Outcome> query(String sql, String param, int limit) {
        return rows(sql, ps -> {
            ps.setString(1, param);
            ps.setInt(2, limit);
        }).stream().map(Row::outcome).toList();
    }

    private interface Params {
        void set(PreparedStatement ps) throws SQLException;
    }

    private List<Row> rows(String sql, Params params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            params.set(ps);
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "payment orders unavailable: " + e.getMessage(), e);
        }
    }

    private static final String COLUMNS = "id, channel, payer_account, number, order_date, content_hash, reference_kind,"
            + " reference, payee_account, amount, net, vat, status, reason_code, reason_message, transaction_id, quarantine_id,"
            + " updated_at, payer_bin, payee_bin, currency, stated_vat, format, original";
    private static final String SELECT = "select " + COLUMNS + " from payment_orders";

    private Optional<Row> findRow(Connection c, String payer, String number, java.time.LocalDate date) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " where payer_account = ? and number = ? and order_date = ?")) {
            ps.setString(1, payer);
            ps.setString(2, number);
            ps.setObject(3, date);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs)) : Optional.empty();
            }
        }
    }

    private Row row(long id) {
        return rows(SELECT + " where id = ?", ps -> ps.setLong(1, id)).stream().findFirst().orElseThrow(() ->
                new LedgerException(ReasonCode.NOT_FOUND, "no payment order #" + id));
    }

    /** An update of one order that answers the order as it is after it (one round trip). */
    private Outcome updateReturning(long id, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql + " returning " + COLUMNS)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Row(rs).outcome() : find(id).orElseThrow();
            }
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "payment order #" + id + " not updated: " + e.getMessage(), e);
        }
    }

    private int update(long id, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "payment order #" + id + " not updated: " + e.getMessage(), e);
        }
    }

    private static final class Row {
        final long id;
        final String channel;
        final String payer;
        final String number;
        final java.time.LocalDate date;
        final byte[] contentHash;
        final String referenceKind;
        final String reference;
        final String payee;
        final long amount;
        final Long net;
        final Long vat;
        final String status;
        final String reasonCode;
        final String reasonMessage;
        final byte[] txId;
        final Long quarantineId;
        final String updatedAt;
        final String payerBin;
        final String payeeBin;
        final String currency;
        final Long statedVat;
        final String format;
        final byte[] original;

        Row(ResultSet rs) throws SQLException {
            id = rs.getLong(1);
            channel = rs.getString(2);
            payer = rs.getString(3);
            number = rs.getString(4);
            date = rs.getObject(5, java.time.LocalDate.class);
            contentHash = rs.getBytes(6);
            referenceKind = rs.getString(7);
            reference = rs.getString(8);
            payee = rs.getString(9);
            amount = rs.getLong(10);
            net = (Long) rs.getObject(11);
            vat = (Long) rs.getObject(12);
            status = rs.getString(13);
            reasonCode = rs.getString(14);
            reasonMessage = rs.getString(15);
            txId = rs.getBytes(16);
            quarantineId = (Long) rs.getObject(17);
            updatedAt = rs.getTimestamp(18).toInstant().toString();
            payerBin = rs.getString(19);
            payeeBin = rs.getString(20);
            currency = rs.getString(21);
            statedVat = (Long) rs.getObject(22);
            format = rs.getString(23);
            original = rs.getBytes(24);
        }

        Outcome outcome() {
            return new Outcome(id, number, date.toString(), status, referenceKind, reference, Tiyn.format(amount),
                    net == null ? null : Tiyn.format(net), vat == null ? null : Tiyn.format(vat), reasonCode, reasonMessage,
                    txId == null ? null : HEX.formatHex(txId), quarantineId, updatedAt);
        }

        PayerOutcome withPayer() {
            return new PayerOutcome(outcome(), payerBin, payer);
        }

        /** The order as it was recorded. */
        PaymentRequest request() {
            return new PaymentRequest(channel, format, number, date, amount, statedVat, currency, payerBin, payer, payeeBin, payee,
                    referenceKind, reference, original, Map.of());
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
