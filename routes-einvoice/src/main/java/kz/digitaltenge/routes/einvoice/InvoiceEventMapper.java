package kz.digitaltenge.routes.einvoice;

import kz.digitaltenge.canonical.ReasonCode;

import static kz.digitaltenge.routes.einvoice.EsfValues.present;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.text.Text;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.routes.einvoice.esf.Customer;
import kz.digitaltenge.routes.einvoice.esf.DeliveryTerm;
import kz.digitaltenge.routes.einvoice.esf.InvoiceContainer;
import kz.digitaltenge.routes.einvoice.esf.InvoiceV2;
import kz.digitaltenge.routes.einvoice.esf.Product;
import kz.digitaltenge.routes.einvoice.esf.ProductSet;
import kz.digitaltenge.routes.einvoice.esf.RelatedInvoice;
import kz.digitaltenge.routes.einvoice.esf.Seller;

/**
 * Maps an invoice event — the container, plus the registration number and status the IS reports in
 * {@code InvoiceInfo} — to the hub's canonical {@code INVOICE_REGISTERED} message. The invoice is validated first
 * ({@link InvoiceValidator}); the mapping table is in the module README.
 *
 * <p>Amounts become tiyn from the invoice totals, which the validator has already cross-checked against the lines.
 * An additional invoice that lowers the original carries negative totals; the hub's amounts are never negative, so
 * the message says {@code adjustment=DECREASE} and carries the absolute values.
 */
public final class InvoiceEventMapper {
    public static final String FACT_TYPE = "INVOICE_REGISTERED";
    public static final String DEFAULT_STATUS = "CREATED";
    /** Invoice statuses in the IS ({@code InvoiceStatus} in {@code InvoiceInfo.xsd}). */
    public static final Set<String> IS_STATUSES = Set.of("IN_QUEUE", "IN_PROCESSING", "CREATED", "DELIVERED",
            "CANCELED", "CANCELED_BY_OGD", "CANCELED_BY_SNT_DECLINE", "CANCELED_BY_SNT_REVOKE", "REVOKED", "IMPORTED",
            "DRAFT", "FAILED", "DELETED", "DECLINED");
    public static final String INCREASE = "INCREASE";
    public static final String DECREASE = "DECREASE";

    private final InvoiceValidator validator = new InvoiceValidator();

    /**
     * @param registrationNumber the IS registration number: the fact's subject; 1–64 letters, digits and hyphens
     * @param status             the IS status of the invoice; {@code null} or blank means {@value #DEFAULT_STATUS}
     * @throws SourceMessageRejected SCHEMA_INVALID for a bad registration number, status or invoice; BUSINESS_RULE
     *                               for an invoice that breaks a rule or that the hub's fact cannot express
     */
    public CanonicalMessage map(InvoiceContainer container, String registrationNumber, String status) {
        String subject = registrationNumber(registrationNumber);
        String isStatus = status(status);
        InvoiceV2 invoice = validator.validate(container);
        ProductSet products = invoice.productSet();
        SortedMap<String, String> terms = new TreeMap<>();

        List<Seller> sellers = invoice.sellers();
        terms.put("sellerTin", sellers.get(0).tin().strip());
        if (sellers.size() > 1) {
            terms.put("sellerTins", tinList("sellerTins", sellers.stream().map(Seller::tin).toList()));
        }
        List<Customer> customers = invoice.customers();
        for (int i = 0; i < customers.size(); i++) {
            if (!present(customers.get(i).tin())) {
                throw new SourceMessageRejected(ReasonCode.BUSINESS_RULE, "invoice " + invoice.num().strip() + ": invoice/customers/customer["
                        + (i + 1) + "] is a non-resident without a TIN; the hub's invoice fact needs every buyer's TIN");
            }
        }
        terms.put("buyerTin", customers.get(0).tin().strip());
        if (customers.size() > 1) {
            terms.put("buyerTins", tinList("buyerTins", customers.stream().map(Customer::tin).toList()));
        }

        BigDecimal net = EsfValues.decimal(products.totalPriceWithoutTax());
        BigDecimal vat = EsfValues.decimal(products.totalNdsAmount());
        BigDecimal gross = EsfValues.decimal(products.totalPriceWithTax());
        String type = invoice.invoiceType().strip();
        if (InvoiceValidator.ADDITIONAL_INVOICE.equals(type)) {
            // The validator guarantees the totals do not point both ways and are not all zero.
            boolean decrease = net.signum() < 0 || vat.signum() < 0 || gross.signum() < 0;
            terms.put("adjustment", decrease ? DECREASE : INCREASE);
        }
        terms.put("net", Long.toString(EsfValues.tiyn(net.abs())));
        terms.put("vat", Long.toString(EsfValues.tiyn(vat.abs())));
        terms.put("gross", Long.toString(EsfValues.tiyn(gross.abs())));
        terms.put("currency", products.currencyCode().strip());
        if (present(products.currencyRate())) {
            terms.put("currencyRate", EsfValues.decimal(products.currencyRate()).toPlainString());
        }
        terms.put("status", isStatus);
        terms.put("invoiceType", type);
        terms.put("num", invoice.num().strip());
        terms.put("date", iso(invoice.date()));
        terms.put("turnoverDate", iso(invoice.turnoverDate()));

        RelatedInvoice related = invoice.relatedInvoice();
        if (related != null) {
            if (present(related.registrationNumber())) {
                terms.put("relatedRegistrationNumber", related.registrationNumber().strip());
            }
            terms.put("relatedNum", related.num().strip());
            terms.put("relatedDate", iso(related.date()));
        }
        DeliveryTerm delivery = invoice.deliveryTerm();
        if (delivery != null && EsfValues.bool(delivery.hasContract())) {
            terms.put("contractNumber", delivery.contractNum().strip());
            if (present(delivery.contractDate())) {
                terms.put("contractDate", iso(delivery.contractDate()));
            }
        }
        Seller seller = sellers.get(0);
        if (present(seller.iik())) {
            terms.put("sellerIik", seller.iik().strip());
        }
        if (present(seller.bik())) {
            terms.put("sellerBik", seller.bik().strip());
        }
        String vatRates = products.products().stream().map(Product::ndsRate).filter(EsfValues::present)
                .map(EsfValues::integer).distinct().sorted().map(String::valueOf).collect(Collectors.joining(","));
        if (!vatRates.isEmpty()) {
            terms.put("vatRates", vatRates);
        }
        if (present(products.ndsRateType())) {
            terms.put("vatRateType", products.ndsRateType().strip());
        }
        terms.put("lines", Integer.toString(products.products().size()));

        return new CanonicalMessage("esf:" + subject + ":" + isStatus, FACT_TYPE, subject,
                Collections.unmodifiableSortedMap(terms), null);
    }

    private static String registrationNumber(String registrationNumber) {
        if (registrationNumber == null || registrationNumber.isBlank()) {
            throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "the invoice event has no registration number; the IS registration"
                    + " number is the invoice's identity in the hub");
        }
        if (!InvoiceValidator.REGISTRATION_NUMBER.matcher(registrationNumber).matches()) {
            throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "registration number " + InvoiceValidator.quoted(registrationNumber)
                    + " is not 1 to 64 letters, digits and hyphens");
        }
        return registrationNumber;
    }

    private static String status(String status) {
        if (status == null || status.isBlank()) {
            return DEFAULT_STATUS;
        }
        if (!IS_STATUSES.contains(status)) {
            throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "status " + InvoiceValidator.quoted(status)
                    + " is not an IS invoice status (" + String.join(", ", IS_STATUSES.stream().sorted().toList()) + ")");
        }
        return status;
    }

    /** Every TIN, comma-joined; refused if longer than a fact term may be, rather than cut. */
    private static String tinList(String term, List<String> tins) {
        String joined = tins.stream().map(String::strip).collect(Collectors.joining(","));
        if (joined.length() > Text.Field.TERM_VALUE.cap()) {
            throw new SourceMessageRejected(ReasonCode.BUSINESS_RULE, "the invoice lists " + tins.size() + " parties; " + term
                    + " would be " + joined.length() + " characters, more than the hub's " + Text.Field.TERM_VALUE.cap());
        }
        return joined;
    }

    private static String iso(String esfDate) {
        return EsfValues.date(esfDate).toString();
    }
}
