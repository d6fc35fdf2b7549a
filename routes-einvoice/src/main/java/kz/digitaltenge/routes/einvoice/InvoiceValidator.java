package kz.digitaltenge.routes.einvoice;

import kz.digitaltenge.canonical.ReasonCode;

import static kz.digitaltenge.routes.einvoice.EsfValues.present;

import java.util.List;
import java.util.regex.Pattern;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.routes.einvoice.esf.DeliveryTerm;
import kz.digitaltenge.routes.einvoice.esf.EsfNamespaces;
import kz.digitaltenge.routes.einvoice.esf.InvoiceContainer;
import kz.digitaltenge.routes.einvoice.esf.InvoiceV2;
import kz.digitaltenge.routes.einvoice.esf.Participant;
import kz.digitaltenge.routes.einvoice.esf.ProductShare;
import kz.digitaltenge.routes.einvoice.esf.RelatedInvoice;

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
 *
 * <p>This class runs the passes and keeps the rules about the invoice as a whole (its related invoice, the contract
 * flag, joint-activity shares); the schema pass is {@link InvoiceSchema} and {@link PartySchema}, the arithmetic
 * {@link InvoiceArithmetic}, and every problem is collected in {@link Findings}.
 */
public final class InvoiceValidator {
    public static final String ORDINARY_INVOICE = "ORDINARY_INVOICE";
    public static final String FIXED_INVOICE = "FIXED_INVOICE";
    public static final String ADDITIONAL_INVOICE = "ADDITIONAL_INVOICE";
    /** The one {@code ndsRateType}: "without VAT — not Kazakhstan", the whole invoice carries no VAT. */
    public static final String WITHOUT_VAT = "WITHOUT_NDS_NOT_KZ";
    /** The customer category whose TIN may be absent. */
    public static final String NONRESIDENT = "NONRESIDENT";

    static final Pattern REGISTRATION_NUMBER = Pattern.compile("[A-Za-z0-9-]{1,64}");

    /**
     * @return the container's only invoice, valid against the schema and the invoice rules
     * @throws SourceMessageRejected SCHEMA_INVALID or BUSINESS_RULE, listing every problem found in that pass
     */
    public InvoiceV2 validate(InvoiceContainer container) {
        InvoiceV2 invoice = singleInvoice(container);
        Findings schema = new Findings();
        InvoiceSchema.check(invoice, schema);
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
        InvoiceArithmetic.check(invoice.productSet(), additional, f);
        checkShares("invoice/customerParticipants", invoice.customerParticipants(),
                invoice.productSet().products().size(), f);
        checkShares("invoice/sellerParticipants", invoice.sellerParticipants(),
                invoice.productSet().products().size(), f);
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

    /** The value as written, shortened: messages must stay readable whatever the document holds. */
    static String quoted(String text) {
        String s = text.strip();
        return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
    }
}
