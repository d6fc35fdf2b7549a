package kz.digitaltenge.routes.einvoice;

import static kz.digitaltenge.routes.einvoice.InvoiceValidator.ADDITIONAL_INVOICE;
import static kz.digitaltenge.routes.einvoice.InvoiceValidator.FIXED_INVOICE;
import static kz.digitaltenge.routes.einvoice.InvoiceValidator.ORDINARY_INVOICE;
import static kz.digitaltenge.routes.einvoice.InvoiceValidator.REGISTRATION_NUMBER;
import static kz.digitaltenge.routes.einvoice.InvoiceValidator.WITHOUT_VAT;
import static kz.digitaltenge.routes.einvoice.InvoiceValidator.quoted;
import static kz.digitaltenge.routes.einvoice.PartySchema.IIK;
import static kz.digitaltenge.routes.einvoice.PartySchema.TIN;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import kz.digitaltenge.routes.einvoice.esf.Consignee;
import kz.digitaltenge.routes.einvoice.esf.DeliveryTerm;
import kz.digitaltenge.routes.einvoice.esf.InvoiceV2;
import kz.digitaltenge.routes.einvoice.esf.Product;
import kz.digitaltenge.routes.einvoice.esf.ProductSet;
import kz.digitaltenge.routes.einvoice.esf.PublicOffice;
import kz.digitaltenge.routes.einvoice.esf.RelatedInvoice;

/**
 * The first pass of the {@link InvoiceValidator}: the invoice against the schema ({@code SCHEMA_INVALID}) —
 * required elements, dd.MM.yyyy dates, patterns, enumerations and decimals — in the order the schema has the
 * elements; the parties' elements are {@link PartySchema}'s.
 *
 * <p>Why on its own: the JAXB model keeps every leaf as the document's text, so this pass is what makes the values
 * safe to read; the rules pass and the mapper run only on an invoice that passed it.
 */
final class InvoiceSchema {
    private static final Set<String> INVOICE_TYPES = Set.of(ORDINARY_INVOICE, FIXED_INVOICE, ADDITIONAL_INVOICE);
    private static final Set<String> PAPER_REASONS = Set.of("DOWN_TIME", "MISSING_REQUIREMENT",
            "UNLAWFUL_REMOVAL_REGISTRATION");
    private static final String TREASURY_BIK = "KKMFKZ2A";

    private static final Pattern NUM = Pattern.compile("[0-9]{1,30}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern UNIT_CODE = Pattern.compile("[0-9]{1,10}");
    private static final Pattern ORIGIN_CODE = Pattern.compile("[1-6]");
    private static final Pattern PAY_PURPOSE = Pattern.compile("[^\\s:][^:\\n\\r\\t]*");
    private static final int MAX_OPERATOR_NAME = 200;

    private InvoiceSchema() {
    }

    static void check(InvoiceV2 invoice, Findings f) {
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
        PartySchema.participants(at + "/customerParticipants", invoice.customerParticipants(), f);
        PartySchema.customers(invoice, f);
        f.date(at + "/datePaper", invoice.datePaper(), false);
        f.date(at + "/deliveryDocDate", invoice.deliveryDocDate(), false);
        f.date(at + "/deliveryDocDate2", invoice.deliveryDocDate2(), false);
        DeliveryTerm term = invoice.deliveryTerm();
        if (term != null) {
            f.date(at + "/deliveryTerm/contractDate", term.contractDate(), false);
            f.bool(at + "/deliveryTerm/hasContract", term.hasContract(), true);
            f.date(at + "/deliveryTerm/warrantDate", term.warrantDate(), false);
        }
        productSet(invoice.productSet(), f);
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
        PartySchema.participants(at + "/sellerParticipants", invoice.sellerParticipants(), f);
        PartySchema.sellers(invoice, f);
    }

    private static void productSet(ProductSet set, Findings f) {
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
}
