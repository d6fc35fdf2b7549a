package kz.digitaltenge.ledger.fact;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.text.Text;

/** What each fact type must state (see docs/programmable-money.md). Refuses a fact that would not be usable. */
public final class FactTerms {
    public static final Set<String> HOLD_TYPES = Set.of("SINGLE", "UNLIMITED");
    private static final Pattern VAT_RATE = Pattern.compile("[0-9]{1,3}");

    private FactTerms() {
    }

    public static void validate(Fact f) {
        // the text rule first: no term is read (or quoted in a refusal) before it is known to be clean
        Text.require(Text.Field.FACT_SUBJECT, f.subject());
        for (Map.Entry<String, String> term : f.terms().entrySet()) {
            Text.require(Text.Field.TERM_KEY, term.getKey());
            // values may be empty (an optional term left blank); present ones obey the rule
            Text.optional(Text.Field.TERM_VALUE, "fact term '" + term.getKey() + "'", term.getValue());
        }
        switch (f.type()) {
            case CONTRACT_REGISTERED -> {
                f.account("sender");
                f.account("recipient");
                f.tiyn("maxTransfer");
                f.tiyn("maxCashOut");
                if (f.optional("vatRate") != null) {
                    f.text("buyerTin");
                    f.text("sellerTin");
                    // ASCII digits only: Long.parseLong alone would take "+12" and "١٢"; later readers parse it unchecked
                    String rate = f.text("vatRate");
                    if (!VAT_RATE.matcher(rate).matches() || Integer.parseInt(rate) > 100) {
                        throw new LedgerException(ReasonCode.INVALID_FACT, "contract " + f.subject() + ": vatRate is a whole percent 0-100");
                    }
                }
                if (f.instant("validTo").isBefore(f.instant("validFrom"))) {
                    throw new LedgerException(ReasonCode.INVALID_FACT, "contract " + f.subject() + " ends before it starts");
                }
            }
            case INVOICE_REGISTERED -> {
                f.text("sellerTin");
                f.text("buyerTin");
                long net = f.tiyn("net");
                long vat = f.tiyn("vat");
                long gross = f.tiyn("gross");
                if (net + vat != gross) {
                    throw new LedgerException(ReasonCode.INVALID_FACT, "invoice " + f.subject() + ": net + vat != gross");
                }
                f.text("currency");
                f.text("status");
                long settledNet = f.tiynOrZero("prepaidNet") + f.tiynOrZero("creditedNet");
                long settledVat = f.tiynOrZero("prepaidVat") + f.tiynOrZero("creditedVat");
                if (settledNet > net || settledVat > vat) {
                    throw new LedgerException(ReasonCode.INVALID_FACT, "invoice " + f.subject()
                            + ": prepaid and credited amounts exceed the invoice's net or VAT");
                }
            }
            case EVENT_REGISTERED -> {
                f.account("sender");
                f.account("recipient");
                f.tiyn("amount");
                f.instant("validUntil");
                if (!HOLD_TYPES.contains(f.text("holdType"))) {
                    throw new LedgerException(ReasonCode.INVALID_FACT, "event " + f.subject() + ": holdType must be SINGLE or UNLIMITED");
                }
            }
            case EVENT_OCCURRED -> {
                f.text("occurrence");
                // what the occurrence is worth, when the source says it (an approved subsidy); an animal's owner change
                // says nothing of money: its price comes from the event's own terms, by the oracle's approval
                if (f.optional("amount") != null) {
                    f.tiyn("amount");
                }
            }
            case HOLD_APPROVED -> f.tiyn("amount");
            case RELEASE_APPROVED -> {
                FactId.parse(f.text("occurrence"));
                f.tiyn("amount");
            }
            case VOID_APPROVED -> FactId.parse(f.text("occurrence"));
            case PROJECT_DEFINED -> {
                f.text("rootContract");
                String depth = f.text("depth");
                if (!depth.matches("[0-9]{1,2}") || Integer.parseInt(depth) < 2 || Integer.parseInt(depth) > 16) {
                    throw new LedgerException(ReasonCode.INVALID_FACT, "project " + f.subject() + ": depth is 2-16 levels");
                }
            }
        }
    }
}
