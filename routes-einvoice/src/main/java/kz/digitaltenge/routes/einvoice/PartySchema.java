package kz.digitaltenge.routes.einvoice;

import static kz.digitaltenge.routes.einvoice.InvoiceValidator.NONRESIDENT;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import kz.digitaltenge.routes.einvoice.esf.Customer;
import kz.digitaltenge.routes.einvoice.esf.InvoiceV2;
import kz.digitaltenge.routes.einvoice.esf.Participant;
import kz.digitaltenge.routes.einvoice.esf.ProductShare;
import kz.digitaltenge.routes.einvoice.esf.Seller;

/**
 * The schema's rules ({@code SCHEMA_INVALID}) for the invoice's parties: its sellers, its customers and the
 * participants of a joint activity on either side, with the identifiers they are known by (TIN, BIK, IIK).
 *
 * <p>Why on its own: parties are lists, each entry checked alike and reported by its position
 * ({@code customer[2]}, {@code participant[1]/productShares/share[3]}); {@link InvoiceSchema} calls these where the
 * schema has them, so the problems keep the document's order.
 */
final class PartySchema {
    private static final Set<String> SELLER_TYPES = Set.of("COMMITTENT", "BROKER", "FORWARDER", "LESSOR",
            "JOINT_ACTIVITY_PARTICIPANT", "SHARING_AGREEMENT_PARTICIPANT", "EXPORTER", "TRANSPORTER", "PRINCIPAL",
            "LAWYER", "BAILIFF", "MEDIATOR", "NOTARY");
    private static final Set<String> CUSTOMER_TYPES = Set.of("COMMITTENT", "BROKER", "LESSEE",
            "JOINT_ACTIVITY_PARTICIPANT", "PUBLIC_OFFICE", NONRESIDENT, "SHARING_AGREEMENT_PARTICIPANT", "PRINCIPAL",
            "RETAIL", "INDIVIDUAL", "LAWYER", "BAILIFF", "MEDIATOR", "NOTARY");

    static final Pattern TIN = Pattern.compile("[0-9]{12}");
    private static final Pattern BIK = Pattern.compile("[0-9A-Z]{8}");
    static final Pattern IIK = Pattern.compile("[0-9A-Z]{20}");

    private PartySchema() {
    }

    static void customers(InvoiceV2 invoice, Findings f) {
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

    static void sellers(InvoiceV2 invoice, Findings f) {
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

    static void participants(String at, List<Participant> participants, Findings f) {
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
}
