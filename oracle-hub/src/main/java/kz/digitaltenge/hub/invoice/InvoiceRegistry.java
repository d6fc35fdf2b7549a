package kz.digitaltenge.hub.invoice;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactBook;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.ledger.programmable.VatMarking;
import kz.digitaltenge.ledger.query.LedgerQueries;
import kz.digitaltenge.ledger.programmable.LimitUse;

/**
 * The invoice registry (Digital VAT): every invoice's current state, kept from its INVOICE_REGISTERED facts, with
 * what is paid taken from the ledger (its {@code limit_usage} is the authority) and what the oracle settled
 * otherwise. The fact pipeline asks it twice: before signing, whether a new state agrees with what is registered
 * (routes-einvoice's own check, before signing); and for the terms to sign, which add the prepayment allocated to the invoice
 * ({@link #settle}).
 */
public final class InvoiceRegistry implements kz.digitaltenge.hub.pipeline.FactHook {
    private final DataSource db;
    private final FactBook facts;
    private final LedgerQueries ledger;

    public InvoiceRegistry(DataSource db, FactBook facts, LedgerQueries ledger) {
        this.db = db;
        this.facts = facts;
        this.ledger = ledger;
    }

    @Override
    public FactType type() {
        return FactType.INVOICE_REGISTERED;
    }

    /**
     * The terms the oracle signs for an invoice state: the source's terms plus, for an invoice under a contract that
     * was prepaid, the prepayment allocated to it ({@code prepaidNet}, {@code prepaidVat}). The allocation is
     * decided once, when the invoice is first signed, under a lock per contract (two invoices never share one
     * prepaid tiyn), and read back for every later state and every redelivery, so the same message always signs
     * the same fact.
     */
    @Override
    public Map<String, String> settle(CanonicalMessage m) {
        Map<String, String> terms = new TreeMap<>(m.terms());
        String contract = terms.get("contractNumber");
        if (contract == null || contract.isBlank() || "DECREASE".equals(terms.get("adjustment"))) {
            return terms;
        }
        // read before the transaction: the allocation's transaction holds one connection and never waits for another
        Optional<Fact> contractFact = facts.latest(FactType.CONTRACT_REGISTERED, contract).map(SignedFact::fact);
        Map<LimitUse.Kind, Long> prepaid = ledger.usage(LimitUse.contract(contract));
        long[] allocation = inTransaction(c -> allocate(c, m.subject(), contract, terms, contractFact, prepaid));
        if (allocation[0] > 0 || allocation[1] > 0) {
            terms.put("prepaidNet", Long.toString(allocation[0]));
            terms.put("prepaidVat", Long.toString(allocation[1]));
        }
        return terms;
    }

    private long[] allocate(Connection c, String registrationNumber, String contract, Map<String, String> terms,
                            Optional<Fact> contractFact, Map<LimitUse.Kind, Long> used) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, "prepayment:" + contract);
            ps.execute();
        }
        try (PreparedStatement ps = c.prepareStatement("select net, vat from prepayment_allocations where registration_number = ?")) {
            ps.setString(1, registrationNumber);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new long[] {rs.getLong(1), rs.getLong(2)};
                }
            }
        }
        long net = 0;
        long vat = 0;
        if (contractFact.isPresent() && contractFact.get().optional("vatRate") != null
                && terms.get("buyerTin").equals(contractFact.get().optional("buyerTin"))
                && terms.get("sellerTin").equals(contractFact.get().optional("sellerTin"))) {
            long prepaidVat = used.get(LimitUse.Kind.PREPAID_VAT);
            long prepaidNet = used.get(LimitUse.Kind.PREPAID) - prepaidVat;
            try (PreparedStatement ps = c.prepareStatement("select coalesce(sum(net), 0), coalesce(sum(vat), 0)"
                    + " from prepayment_allocations where contract_number = ?")) {
                ps.setString(1, contract);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    prepaidNet -= rs.getLong(1);
                    prepaidVat -= rs.getLong(2);
                }
            }
            net = Math.max(0, Math.min(prepaidNet, Long.parseLong(terms.get("net"))));
            vat = Math.max(0, Math.min(prepaidVat, Long.parseLong(terms.get("vat"))));
        }
        try (PreparedStatement ps = c.prepareStatement("insert into prepayment_allocations(registration_number, contract_number, net, vat)"
                + " values (?,?,?,?)")) {
            ps.setString(1, registrationNumber);
            ps.setString(2, contract);
            ps.setLong(3, net);
            ps.setLong(4, vat);
            ps.executeUpdate();
        }
        return new long[] {net, vat};
    }

    /** Records a stored invoice fact as the invoice's current state. */
    @Override
    public void recorded(kz.digitaltenge.ledger.fact.CompanionStatements statements, SignedFact signed) throws SQLException {
        Fact f = signed.fact();
        PreparedStatement ps = statements.batched("insert into invoices(registration_number, seller_tin, buyer_tin, net, vat,"
                + " gross, currency, status, invoice_type, adjustment, related_registration_number, contract_number, seller_iik,"
                + " prepaid_net, prepaid_vat, fact_id) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                + " on conflict (registration_number) do update set status = excluded.status, fact_id = excluded.fact_id,"
                + " prepaid_net = excluded.prepaid_net, prepaid_vat = excluded.prepaid_vat, updated_at = clock_timestamp()");
        ps.setString(1, f.subject());
        ps.setString(2, f.text("sellerTin"));
        ps.setString(3, f.text("buyerTin"));
        ps.setLong(4, f.tiyn("net"));
        ps.setLong(5, f.tiyn("vat"));
        ps.setLong(6, f.tiyn("gross"));
        ps.setString(7, f.text("currency"));
        ps.setString(8, f.text("status"));
        ps.setString(9, f.optional("invoiceType"));
        ps.setString(10, f.optional("adjustment"));
        ps.setString(11, f.optional("relatedRegistrationNumber"));
        ps.setString(12, f.optional("contractNumber"));
        ps.setString(13, f.optional("sellerIik"));
        ps.setLong(14, f.tiynOrZero("prepaidNet"));
        ps.setLong(15, f.tiynOrZero("prepaidVat"));
        ps.setBytes(16, signed.id().bytes());
        ps.addBatch();
    }

    /** An invoice's state, what is paid on it and the invoices correcting it; empty when the number is unknown. */
    public Optional<InvoiceState> find(String registrationNumber) {
        return find(registrationNumber, true);
    }

    /** As {@link #find(String)}; without the corrections (one query less) when {@code withCorrections} is false. */
    public Optional<InvoiceState> find(String registrationNumber, boolean withCorrections) {
        // the fact and what is paid on it in one read, from one snapshot
        kz.digitaltenge.ledger.programmable.FactWithUsage read = ledger.latestWithUsage(FactType.INVOICE_REGISTERED, registrationNumber,
                LimitUse.invoice(registrationNumber));
        return read.fact().map(signed -> {
            Fact f = signed.fact();
            Map<LimitUse.Kind, Long> used = read.usage();
            long paidNet = used.get(LimitUse.Kind.INVOICE_NET);
            long paidVat = used.get(LimitUse.Kind.INVOICE_VAT);
            long settledNet = f.tiyn("net") - VatMarking.payableNet(f);
            long settledVat = f.tiyn("vat") - VatMarking.payableVat(f);
            return new InvoiceState(signed, paidNet, paidVat, settledNet, settledVat,
                    withCorrections ? corrections(registrationNumber) : List.of());
        });
    }

    private List<String> corrections(String registrationNumber) {
        return inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select registration_number from invoices"
                    + " where related_registration_number = ? order by first_registered_at, registration_number")) {
                ps.setString(1, registrationNumber);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /**
     * One invoice: its current fact, what was paid through the ledger by invoice (net, VAT), what the oracle settled
     * otherwise (prepayment allocated, credit applied), and the invoices that correct it.
     */
    public record InvoiceState(SignedFact current, long paidNet, long paidVat, long settledNet, long settledVat,
                               List<String> corrections) {
        public Fact fact() {
            return current.fact();
        }

        public long paid() {
            return paidNet + paidVat + settledNet + settledVat;
        }

        public boolean dead() {
            return VatMarking.DEAD_STATUSES.contains(fact().text("status")); // the ledger's own list: it refuses these
        }

        /** Net still to pay by invoice (never negative). */
        public long outstandingNet() {
            return dead() ? 0 : Math.max(0, VatMarking.payableNet(fact()) - paidNet);
        }

        public long outstandingVat() {
            return dead() ? 0 : Math.max(0, VatMarking.payableVat(fact()) - paidVat);
        }

        public long outstanding() {
            return outstandingNet() + outstandingVat();
        }

        /** PAID, PARTLY_PAID or UNPAID (a credit note: what was refunded). */
        public String paymentStatus() {
            if (paid() > 0 && outstanding() == 0) {
                return "PAID";
            }
            return paid() > 0 ? "PARTLY_PAID" : "UNPAID";
        }
    }

    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "invoice registry unavailable: " + e.getMessage(), e);
        }
    }
}
