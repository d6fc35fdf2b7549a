package kz.digitaltenge.routes.einvoice;

import kz.digitaltenge.canonical.ReasonCode;

import static kz.digitaltenge.routes.einvoice.EsfValues.present;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.routes.einvoice.esf.Consignee;
import kz.digitaltenge.routes.einvoice.esf.Customer;
import kz.digitaltenge.routes.einvoice.esf.DeliveryTerm;
import kz.digitaltenge.routes.einvoice.esf.EsfNamespaces;
import kz.digitaltenge.routes.einvoice.esf.InvoiceContainer;
import kz.digitaltenge.routes.einvoice.esf.InvoiceV2;
import kz.digitaltenge.routes.einvoice.esf.Participant;
import kz.digitaltenge.routes.einvoice.esf.Product;
import kz.digitaltenge.routes.einvoice.esf.ProductSet;
import kz.digitaltenge.routes.einvoice.esf.ProductShare;
import kz.digitaltenge.routes.einvoice.esf.PublicOffice;
import kz.digitaltenge.routes.einvoice.esf.RelatedInvoice;
import kz.digitaltenge.routes.einvoice.esf.Seller;

/**
 * Checks an invoice in two passes and reports every problem of a pass at once, each with its element path (and
 * product line), so the back office can fix the invoice in one go:
 * <ol>
 *   <li>against the schema ({@code SCHEMA_INVALID}): required elements, dd.MM.yyyy dates, patterns (num, TINs,
 *       BIK, IIK...), enumerations, and decimals — money has at most 2 decimals and 17 digits;</li>
 *   <li>against invoice rules ({@code BUSINESS_RULE}): the type's related invoice, per-line and total arithmetic,
 *       VAT on lines without a rate, signs (only an additional invoice may be negative, and then consistently),
 *       the contract flag, joint-activity shares pointing at real lines — and the hub's limits: no excise.</li>
 * </ol>
 * Amounts are compared exactly (BigDecimal); a mismatch is always an error, never resolved by picking one side.
 */
public final class InvoiceValidator {
    public static final String ORDINARY_INVOICE = "ORDINARY_INVOICE";
    public static final String FIXED_INVOICE = "FIXED_INVOICE";
    public static final String ADDITIONAL_INVOICE = "ADDITIONAL_INVOICE";
    /** The one {@code ndsRateType}: "without VAT — not Kazakhstan", the whole invoice carries no VAT. */
    public static final String WITHOUT_VAT = "WITHOUT_NDS_NOT_KZ";
    /** The customer category whose TIN may be absent. */
    public static final String NONRESIDENT = "NONRESIDENT";

    private static final Set<String> INVOICE_TYPES = Set.of(ORDINARY_INVOICE, FIXED_INVOICE, ADDITIONAL_INVOICE);
    private static final Set<String> SELLER_TYPES = Set.of("COMMITTENT", "BROKER", "FORWARDER", "LESSOR",
            "JOINT_ACTIVITY_PARTICIPANT", "SHARING_AGREEMENT_PARTICIPANT", "EXPORTER", "TRANSPORTER", "PRINCIPAL",
            "LAWYER", "BAILIFF", "MEDIATOR", "NOTARY");
    private static final Set<String> CUSTOMER_TYPES = Set.of("COMMITTENT", "BROKER", "LESSEE",
            "JOINT_ACTIVITY_PARTICIPANT", "PUBLIC_OFFICE", NONRESIDENT, "SHARING_AGREEMENT_PARTICIPANT", "PRINCIPAL",
            "RETAIL", "INDIVIDUAL", "LAWYER", "BAILIFF", "MEDIATOR", "NOTARY");
    private static final Set<String> PAPER_REASONS = Set.of("DOWN_TIME", "MISSING_REQUIREMENT",
            "UNLAWFUL_REMOVAL_REGISTRATION");
    private static final String TREASURY_BIK = "KKMFKZ2A";

    static final Pattern REGISTRATION_NUMBER = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern NUM = Pattern.compile("[0-9]{1,30}");
    private static final Pattern TIN = Pattern.compile("[0-9]{12}");
    private static final Pattern BIK = Pattern.compile("[0-9A-Z]{8}");
    private static final Pattern IIK = Pattern.compile("[0-9A-Z]{20}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern UNIT_CODE = Pattern.compile("[0-9]{1,10}");
    private static final Pattern ORIGIN_CODE = Pattern.compile("[1-6]");
    private static final Pattern PAY_PURPOSE = Pattern.compile("[^\\s:][^:\\n\\r\\t]*");
    private static final int MAX_OPERATOR_NAME = 200;
    /** Enough for a back-office reader; a document with more problems is wrong throughout. */
    static final int MAX_LISTED_PROBLEMS = 20;

    /**
     * @return the container's only invoice, valid against the schema and the invoice rules
     * @throws SourceMessageRejected SCHEMA_INVALID or BUSINESS_RULE, listing every problem found in that pass
     */
    public InvoiceV2 validate(InvoiceContainer container) {
        InvoiceV2 invoice = singleInvoice(container);
        Findings schema = new Findings();
        checkSchema(invoice, schema);
        schema.throwIfAny(ReasonCode.SCHEMA_INVALID, invoice);
        Findings rules = new Findings();
        checkRules(invoice, rules);
        rules.throwIfAny(ReasonCode.BUSINESS_RULE, invoice);
        return invoice;
    }

    /** The container's one v2 invoice; an invoice event is about exactly one invoice. */
    static InvoiceV2 singleInvoice(InvoiceContainer container) {
        if (!container.unsupportedEntries().isEmpty()) {
            throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "invoiceSet holds " + String.join(", ",
                    container.unsupportedEntries()) + "; only version 2 invoices (v2:invoice in namespace '"
                    + EsfNamespaces.V2 + "') are accepted");
        }
        int count = container.invoices().size();
        if (count != 1) {
            throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, (count == 0
                    ? "the container holds no invoice (invoiceSet is missing or empty)"
                    : "the container holds " + count + " invoices")
                    + "; an invoice event carries exactly one v2:invoice");
        }
        return container.invoices().get(0);
    }

    private static void checkSchema(InvoiceV2 invoice, Findings f) {
        String at = "invoice";
        f.date(at + "/date", invoice.date(), true);
        f.oneOf(at + "/invoiceType", invoice.invoiceType(), true, INVOICE_TYPES);
        f.matches(at + "/num", invoice.num(), true, NUM, "1 to 30 digits");
        if (f.required(at + "/operatorFullname", invoice.operatorFullname())
                && invoice.operatorFullname().length() > MAX_OPERATOR_NAME) {
            f.add(at + "/operatorFullname is longer than " + MAX_OPERATOR_NAME + " characters");
        }
        RelatedInvoice related = invoice.relatedInvoice();
        if (related != null) {
            f.date(at + "/relatedInvoice/date", related.date(), true);
            f.matches(at + "/relatedInvoice/num", related.num(), true, NUM, "1 to 30 digits");
            f.matches(at + "/relatedInvoice/registrationNumber", related.registrationNumber(), false,
                    REGISTRATION_NUMBER, "1 to 64 letters, digits and hyphens");
        }
        f.date(at + "/turnoverDate", invoice.turnoverDate(), true);
        Consignee consignee = invoice.consignee();
        if (consignee != null && f.required(at + "/consignee/countryCode", consignee.countryCode())) {
            // A foreign consignee's tax number has its own country's format.
            if ("KZ".equals(consignee.countryCode().strip())) {
                f.matches(at + "/consignee/tin", consignee.tin(), false, TIN, "12 digits");
            }
        }
        if (invoice.consignor() != null) {
            f.matches(at + "/consignor/tin", invoice.consignor().tin(), false, TIN, "12 digits");
        }
        f.date(at + "/customerAgentDocDate", invoice.customerAgentDocDate(), false);
        f.matches(at + "/customerAgentTin", invoice.customerAgentTin(), false, TIN, "12 digits");
        checkParticipants(at + "/customerParticipants", invoice.customerParticipants(), f);
        checkCustomers(invoice, f);
        f.date(at + "/datePaper", invoice.datePaper(), false);
        f.date(at + "/deliveryDocDate", invoice.deliveryDocDate(), false);
        f.date(at + "/deliveryDocDate2", invoice.deliveryDocDate2(), false);
        DeliveryTerm term = invoice.deliveryTerm();
        if (term != null) {
            f.date(at + "/deliveryTerm/contractDate", term.contractDate(), false);
            f.bool(at + "/deliveryTerm/hasContract", term.hasContract(), true);
            f.date(at + "/deliveryTerm/warrantDate", term.warrantDate(), false);
        }
        checkProductSet(invoice.productSet(), f);
        PublicOffice office = invoice.publicOffice();
        if (office != null && f.required(at + "/publicOffice/bik", office.bik())
                && !TREASURY_BIK.equals(office.bik().strip())) {
            f.add(at + "/publicOffice/bik " + quoted(office.bik()) + " is not the treasury's " + TREASURY_BIK);
        }
        if (office != null) {
            f.matches(at + "/publicOffice/iik", office.iik(), false, IIK, "20 capital letters and digits");
            f.matches(at + "/publicOffice/payPurpose", office.payPurpose(), false, PAY_PURPOSE,
                    "text without colons, tabs or line breaks");
        }
        f.oneOf(at + "/reasonPaper", invoice.reasonPaper(), false, PAPER_REASONS);
        f.date(at + "/sellerAgentDocDate", invoice.sellerAgentDocDate(), false);
        f.matches(at + "/sellerAgentTin", invoice.sellerAgentTin(), false, TIN, "12 digits");
        checkParticipants(at + "/sellerParticipants", invoice.sellerParticipants(), f);
        checkSellers(invoice, f);
    }

    private static void checkCustomers(InvoiceV2 invoice, Findings f) {
        if (!invoice.hasCustomersElement()) {
            f.add("invoice/customers is missing");
            return;
        }
        if (invoice.customers().isEmpty()) {
            f.add("invoice/customers has no customer");
        }
        List<Customer> customers = invoice.customers();
        for (int i = 0; i < customers.size(); i++) {
            Customer c = customers.get(i);
            String at = "invoice/customers/customer[" + (i + 1) + "]";
            f.matches(at + "/branchTin", c.branchTin(), false, TIN, "12 digits");
            f.required(at + "/countryCode", c.countryCode());
            f.required(at + "/name", c.name());
            f.matches(at + "/reorganizedTin", c.reorganizedTin(), false, TIN, "12 digits");
            f.decimal(at + "/shareParticipation", c.shareParticipation(), false, 6, 18);
            for (int j = 0; j < c.statuses().size(); j++) {
                f.oneOf(at + "/statuses/status[" + (j + 1) + "]", c.statuses().get(j), true, CUSTOMER_TYPES);
            }
            boolean nonresident = c.statuses().stream().anyMatch(s -> s != null && NONRESIDENT.equals(s.strip()));
            if (!nonresident) {
                f.matches(at + "/tin", c.tin(), true, TIN, "12 digits");
            } else if (c.tin() != null && c.tin().isBlank()) {
                f.add(at + "/tin is empty; leave it out for a non-resident without a Kazakh TIN");
            }
        }
    }

    private static void checkSellers(InvoiceV2 invoice, Findings f) {
        if (!invoice.hasSellersElement()) {
            f.add("invoice/sellers is missing");
            return;
        }
        if (invoice.sellers().isEmpty()) {
            f.add("invoice/sellers has no seller");
        }
        List<Seller> sellers = invoice.sellers();
        for (int i = 0; i < sellers.size(); i++) {
            Seller s = sellers.get(i);
            String at = "invoice/sellers/seller[" + (i + 1) + "]";
            f.matches(at + "/bik", s.bik(), false, BIK, "8 capital letters and digits");
            f.matches(at + "/branchTin", s.branchTin(), false, TIN, "12 digits");
            f.matches(at + "/iik", s.iik(), false, IIK, "20 capital letters and digits");
            f.bool(at + "/isBranchNonResident", s.isBranchNonResident(), false);
            f.required(at + "/name", s.name());
            f.matches(at + "/reorganizedTin", s.reorganizedTin(), false, TIN, "12 digits");
            f.decimal(at + "/shareParticipation", s.shareParticipation(), false, 6, 18);
            for (int j = 0; j < s.statuses().size(); j++) {
                f.oneOf(at + "/statuses/status[" + (j + 1) + "]", s.statuses().get(j), true, SELLER_TYPES);
            }
            f.matches(at + "/tin", s.tin(), true, TIN, "12 digits");
        }
    }

    private static void checkParticipants(String at, List<Participant> participants, Findings f) {
        for (int i = 0; i < participants.size(); i++) {
            Participant p = participants.get(i);
            String pAt = at + "/participant[" + (i + 1) + "]";
            if (!p.hasProductSharesElement()) {
                f.add(pAt + "/productShares is missing");
            } else if (p.productShares().isEmpty()) {
                f.add(pAt + "/productShares has no share");
            }
            for (int j = 0; j < p.productShares().size(); j++) {
                ProductShare s = p.productShares().get(j);
                String sAt = pAt + "/productShares/share[" + (j + 1) + "]";
                f.money(sAt + "/exciseAmount", s.exciseAmount(), false);
                f.money(sAt + "/ndsAmount", s.ndsAmount(), true);
                f.money(sAt + "/priceWithTax", s.priceWithTax(), true);
                f.money(sAt + "/priceWithoutTax", s.priceWithoutTax(), true);
                f.integer(sAt + "/productNumber", s.productNumber(), true, 1, 200);
                f.decimal(sAt + "/quantity", s.quantity(), false, 6, 18);
                f.money(sAt + "/turnoverSize", s.turnoverSize(), true);
            }
            f.matches(pAt + "/reorganizedTin", p.reorganizedTin(), false, TIN, "12 digits");
            f.matches(pAt + "/tin", p.tin(), true, TIN, "12 digits");
        }
    }

    private static void checkProductSet(ProductSet set, Findings f) {
        String at = "invoice/productSet";
        if (set == null) {
            f.add(at + " is missing");
            return;
        }
        f.matches(at + "/currencyCode", set.currencyCode(), true, CURRENCY, "three capital letters (ISO 4217)");
        BigDecimal rate = f.decimal(at + "/currencyRate", set.currencyRate(), false, 6, 18);
        if (rate != null && rate.signum() <= 0) {
            f.add(at + "/currencyRate " + quoted(set.currencyRate()) + " is not positive");
        }
        f.oneOf(at + "/ndsRateType", set.ndsRateType(), false, Set.of(WITHOUT_VAT));
        if (!set.hasProductsElement()) {
            f.add(at + "/products is missing");
        } else if (set.products().isEmpty()) {
            f.add(at + "/products has no product");
        }
        List<Product> products = set.products();
        for (int i = 0; i < products.size(); i++) {
            Product p = products.get(i);
            String pAt = at + "/products/product[" + (i + 1) + "]";
            f.required(pAt + "/catalogTruId", p.catalogTruId());
            f.money(pAt + "/exciseAmount", p.exciseAmount(), false);
            BigDecimal exciseRate = f.decimal(pAt + "/exciseRate", p.exciseRate(), false, 2, 14);
            if (exciseRate != null && exciseRate.signum() < 0) {
                f.add(pAt + "/exciseRate " + quoted(p.exciseRate()) + " is negative");
            }
            f.money(pAt + "/ndsAmount", p.ndsAmount(), true);
            f.integer(pAt + "/ndsRate", p.ndsRate(), false, 0, 100);
            f.money(pAt + "/priceWithTax", p.priceWithTax(), true);
            f.money(pAt + "/priceWithoutTax", p.priceWithoutTax(), true);
            f.decimal(pAt + "/quantity", p.quantity(), false, 6, 18);
            f.matches(pAt + "/truOriginCode", p.truOriginCode(), true, ORIGIN_CODE, "a digit 1 to 6");
            f.integer(pAt + "/turnoverAdjustment", p.turnoverAdjustment(), false, Integer.MIN_VALUE,
                    Integer.MAX_VALUE);
            f.money(pAt + "/turnoverSize", p.turnoverSize(), true);
            f.matches(pAt + "/unitCode", p.unitCode(), false, UNIT_CODE, "1 to 10 digits");
            f.decimal(pAt + "/unitPrice", p.unitPrice(), false, 6, 18);
        }
        f.money(at + "/totalExciseAmount", set.totalExciseAmount(), true);
        f.money(at + "/totalNdsAmount", set.totalNdsAmount(), true);
        f.money(at + "/totalPriceWithTax", set.totalPriceWithTax(), true);
        f.money(at + "/totalPriceWithoutTax", set.totalPriceWithoutTax(), true);
        f.money(at + "/totalTurnoverSize", set.totalTurnoverSize(), true);
    }

    /** Runs only on a schema-valid invoice, so every value below parses. */
    private static void checkRules(InvoiceV2 invoice, Findings f) {
        String type = invoice.invoiceType().strip();
        boolean additional = ADDITIONAL_INVOICE.equals(type);
        RelatedInvoice related = invoice.relatedInvoice();
        if (related == null && !ORDINARY_INVOICE.equals(type)) {
            f.add((additional ? "an " : "a ") + type + " must name the invoice it " + (additional ? "adds to" : "fixes")
                    + " in invoice/relatedInvoice (date, num and, if the original was registered, registrationNumber)");
        }
        if (related != null && ORDINARY_INVOICE.equals(type)) {
            f.add("an ORDINARY_INVOICE must not have invoice/relatedInvoice; only FIXED_INVOICE and ADDITIONAL_INVOICE"
                    + " refer to another invoice");
        }
        if (related != null && EsfValues.date(related.date()).isAfter(EsfValues.date(invoice.date()))) {
            f.add("invoice/relatedInvoice/date " + related.date().strip() + " is after the invoice's own date "
                    + invoice.date().strip() + "; the original must come first");
        }
        DeliveryTerm term = invoice.deliveryTerm();
        if (term != null) {
            boolean hasContract = EsfValues.bool(term.hasContract());
            if (hasContract && !present(term.contractNum())) {
                f.add("invoice/deliveryTerm/hasContract is true but contractNum is missing");
            }
            if (!hasContract && (present(term.contractNum()) || present(term.contractDate()))) {
                f.add("invoice/deliveryTerm/hasContract is false but a contract (contractNum or contractDate) is"
                        + " given");
            }
        }
        checkAmounts(invoice.productSet(), additional, f);
        checkShares("invoice/customerParticipants", invoice.customerParticipants(),
                invoice.productSet().products().size(), f);
        checkShares("invoice/sellerParticipants", invoice.sellerParticipants(),
                invoice.productSet().products().size(), f);
    }

    private static void checkAmounts(ProductSet set, boolean additional, Findings f) {
        boolean withoutVat = present(set.ndsRateType()) && WITHOUT_VAT.equals(set.ndsRateType().strip());
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal vat = BigDecimal.ZERO;
        BigDecimal gross = BigDecimal.ZERO;
        BigDecimal excise = BigDecimal.ZERO;
        BigDecimal turnover = BigDecimal.ZERO;
        List<Product> products = set.products();
        for (int i = 0; i < products.size(); i++) {
            Product p = products.get(i);
            String line = "product line " + (i + 1) + " (invoice/productSet/products/product[" + (i + 1) + "])";
            BigDecimal lineNet = EsfValues.decimal(p.priceWithoutTax());
            BigDecimal lineVat = EsfValues.decimal(p.ndsAmount());
            BigDecimal lineGross = EsfValues.decimal(p.priceWithTax());
            BigDecimal lineExcise = present(p.exciseAmount()) ? EsfValues.decimal(p.exciseAmount()) : BigDecimal.ZERO;
            BigDecimal lineTurnover = EsfValues.decimal(p.turnoverSize());
            if (lineExcise.signum() != 0) {
                f.add(line + ": exciseAmount " + plain(lineExcise) + " — excise is not supported: the hub's invoice"
                        + " fact has no excise term and its net + VAT must make the gross");
            }
            if (lineNet.add(lineVat).compareTo(lineGross) != 0) {
                f.add(line + ": priceWithoutTax " + plain(lineNet) + " + ndsAmount " + plain(lineVat) + " = "
                        + plain(lineNet.add(lineVat)) + ", but priceWithTax is " + plain(lineGross));
            }
            Integer rate = present(p.ndsRate()) ? EsfValues.integer(p.ndsRate()) : null;
            if (withoutVat && rate != null && rate != 0) {
                f.add(line + ": ndsRate is " + rate + "% but invoice/productSet/ndsRateType is " + WITHOUT_VAT
                        + " (no VAT)");
            }
            if ((rate == null || rate == 0) && lineVat.signum() != 0) {
                f.add(line + ": ndsAmount " + plain(lineVat) + " on a line without VAT (ndsRate "
                        + (rate == null ? "absent" : "0") + ")");
            }
            if (!additional) {
                refuseNegative(line, "priceWithoutTax", lineNet, f);
                refuseNegative(line, "ndsAmount", lineVat, f);
                refuseNegative(line, "priceWithTax", lineGross, f);
                refuseNegative(line, "turnoverSize", lineTurnover, f);
            }
            net = net.add(lineNet);
            vat = vat.add(lineVat);
            gross = gross.add(lineGross);
            excise = excise.add(lineExcise);
            turnover = turnover.add(lineTurnover);
        }
        compareTotal("priceWithoutTax", net, "totalPriceWithoutTax", set.totalPriceWithoutTax(), f);
        compareTotal("ndsAmount", vat, "totalNdsAmount", set.totalNdsAmount(), f);
        compareTotal("priceWithTax", gross, "totalPriceWithTax", set.totalPriceWithTax(), f);
        compareTotal("exciseAmount", excise, "totalExciseAmount", set.totalExciseAmount(), f);
        compareTotal("turnoverSize", turnover, "totalTurnoverSize", set.totalTurnoverSize(), f);
        if (additional) {
            checkAdjustmentDirection(set, f);
        }
    }

    /**
     * An additional invoice raises or lowers the original; the hub records which and the absolute amounts, so the
     * totals must all point the same way (zeros aside) and must not all be zero.
     */
    private static void checkAdjustmentDirection(ProductSet set, Findings f) {
        int netSign = EsfValues.decimal(set.totalPriceWithoutTax()).signum();
        int vatSign = EsfValues.decimal(set.totalNdsAmount()).signum();
        int grossSign = EsfValues.decimal(set.totalPriceWithTax()).signum();
        boolean up = netSign > 0 || vatSign > 0 || grossSign > 0;
        boolean down = netSign < 0 || vatSign < 0 || grossSign < 0;
        String totals = "totalPriceWithoutTax " + set.totalPriceWithoutTax().strip() + ", totalNdsAmount "
                + set.totalNdsAmount().strip() + ", totalPriceWithTax " + set.totalPriceWithTax().strip();
        if (up && down) {
            f.add("an ADDITIONAL_INVOICE either increases or decreases the original, but its totals go both ways ("
                    + totals + ")");
        } else if (!up && !down) {
            f.add("an ADDITIONAL_INVOICE whose totals are all zero changes nothing (" + totals + ")");
        }
    }

    private static void checkShares(String at, List<Participant> participants, int lines, Findings f) {
        for (int i = 0; i < participants.size(); i++) {
            List<ProductShare> shares = participants.get(i).productShares();
            for (int j = 0; j < shares.size(); j++) {
                int line = EsfValues.integer(shares.get(j).productNumber());
                if (line > lines) {
                    f.add(at + "/participant[" + (i + 1) + "]/productShares/share[" + (j + 1) + "]/productNumber "
                            + line + " names no product line (the invoice has " + lines + ")");
                }
            }
        }
    }

    private static void refuseNegative(String line, String element, BigDecimal value, Findings f) {
        if (value.signum() < 0) {
            f.add(line + ": " + element + " " + plain(value) + " is negative; only an ADDITIONAL_INVOICE that"
                    + " decreases the original has negative amounts");
        }
    }

    private static void compareTotal(String lineElement, BigDecimal sum, String totalElement, String totalText,
                                     Findings f) {
        BigDecimal total = EsfValues.decimal(totalText);
        if (sum.compareTo(total) != 0) {
            f.add("the product lines' " + lineElement + " add up to " + plain(sum) + ", but invoice/productSet/"
                    + totalElement + " is " + plain(total));
        }
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }

    /** The value as written, shortened: messages must stay readable whatever the document holds. */
    static String quoted(String text) {
        String s = text.strip();
        return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
    }

    /** Problems found in one pass, each already naming its element path. */
    private static final class Findings {
        private final List<String> problems = new ArrayList<>();

        void add(String problem) {
            problems.add(problem);
        }

        void throwIfAny(ReasonCode reason, InvoiceV2 invoice) {
            if (problems.isEmpty()) {
                return;
            }
            String subject = "invoice" + (present(invoice.num()) ? " num " + invoice.num().strip() : "")
                    + (present(invoice.date()) ? " of " + invoice.date().strip() : "");
            String listed = String.join("; ", problems.subList(0, Math.min(problems.size(), MAX_LISTED_PROBLEMS)));
            String more = problems.size() > MAX_LISTED_PROBLEMS
                    ? "; and " + (problems.size() - MAX_LISTED_PROBLEMS) + " more" : "";
            throw new SourceMessageRejected(reason, subject + ": " + listed + more);
        }

        /** Whether the element is there; a required one that is not is reported. */
        boolean required(String path, String text) {
            if (text == null) {
                add(path + " is missing");
                return false;
            }
            return true;
        }

        /** Whether an optional element is there, or a required one is (reporting it if not). */
        private boolean given(String path, String text, boolean required) {
            return required ? required(path, text) : text != null;
        }

        void date(String path, String text, boolean required) {
            if (given(path, text, required) && EsfValues.date(text) == null) {
                add(path + " " + quoted(text) + " is not a date in dd.MM.yyyy");
            }
        }

        void matches(String path, String text, boolean required, Pattern pattern, String expectation) {
            if (given(path, text, required) && !pattern.matcher(text.strip()).matches()) {
                add(path + " " + quoted(text) + " is not " + expectation);
            }
        }

        void oneOf(String path, String text, boolean required, Set<String> allowed) {
            if (given(path, text, required) && !allowed.contains(text.strip())) {
                add(path + " " + quoted(text) + " is not one of " + String.join(", ", allowed.stream().sorted()
                        .toList()));
            }
        }

        void integer(String path, String text, boolean required, int min, int max) {
            if (!given(path, text, required)) {
                return;
            }
            Integer value = EsfValues.integer(text);
            if (value == null) {
                add(path + " " + quoted(text) + " is not a whole number");
            } else if (value < min || value > max) {
                add(path + " " + value + " is outside " + min + "–" + max);
            }
        }

        void bool(String path, String text, boolean required) {
            if (given(path, text, required) && EsfValues.bool(text) == null) {
                add(path + " " + quoted(text) + " is not true or false");
            }
        }

        /** Money: at most 2 decimals and 17 digits (the schema's fractionDigits and totalDigits). */
        BigDecimal money(String path, String text, boolean required) {
            return decimal(path, text, required, 2, 17);
        }

        BigDecimal decimal(String path, String text, boolean required, int maxFraction, int maxTotal) {
            if (!given(path, text, required)) {
                return null;
            }
            BigDecimal value = EsfValues.decimal(text);
            if (value == null) {
                add(path + " " + quoted(text) + " is not a decimal number (digits 0-9 with an optional '.', at most "
                        + EsfValues.MAX_DECIMAL_TEXT + " characters; no exponent, no thousands separators)");
                return null;
            }
            if (EsfValues.fractionDigits(value) > maxFraction) {
                add(path + " " + quoted(text) + " has " + EsfValues.fractionDigits(value) + " decimals; at most "
                        + maxFraction + " are allowed");
                return null;
            }
            if (EsfValues.totalDigits(value) > maxTotal) {
                add(path + " " + quoted(text) + " has more than " + maxTotal + " digits");
                return null;
            }
            return value;
        }
    }
}
