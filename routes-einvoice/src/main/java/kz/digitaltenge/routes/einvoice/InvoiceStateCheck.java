package kz.digitaltenge.routes.einvoice;

import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;

import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.source.FactLookup;
import kz.digitaltenge.canonical.source.KnownFact;
import kz.digitaltenge.canonical.source.RegistryCheck;

/**
 * A later state of a registered invoice keeps its parties and amounts (a change of amounts is an additional or fixed
 * invoice, with its own registration number); a correction names an invoice that is registered (else the event waits
 * in the quarantine until the related invoice has arrived).
 */
final class InvoiceStateCheck implements RegistryCheck {
    private static final String TYPE = "INVOICE_REGISTERED";
    private static final List<String> FIXED_TERMS = List.of("sellerTin", "buyerTin", "net", "vat", "gross", "currency");

    @Override
    public void check(CanonicalMessage m, FactLookup facts) {
        Map<String, String> t = m.terms();
        KnownFact current = facts.latest(TYPE, m.subject()).orElse(null);
        if (current != null) {
            for (String term : FIXED_TERMS) {
                if (!current.term(term).equals(t.get(term))) {
                    throw new SourceMessageRejected(ReasonCode.BUSINESS_RULE, "invoice " + m.subject() + " is registered with " + term + " "
                            + current.term(term) + ", this message says " + t.get(term)
                            + "; a change of parties or amounts is an additional or fixed invoice with its own registration number");
                }
            }
        }
        String related = t.get("relatedRegistrationNumber");
        if (related != null && !related.isBlank() && facts.latest(TYPE, related).isEmpty()) {
            throw new kz.digitaltenge.canonical.SourceMessageRejected(kz.digitaltenge.canonical.ReasonCode.UNKNOWN_REFERENCE, "invoice " + m.subject()
                    + " corrects invoice " + related + ", which is not registered (retry once the related invoice has arrived)");
        }
    }
}
