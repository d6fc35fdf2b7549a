package kz.digitaltenge.hub.payment;

import java.time.LocalDate;
import java.util.Map;
import kz.digitaltenge.canonical.payment.ReferenceKind;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;

/**
 * A payment order as the orchestration sees it, whatever source ({@code source}, its id) and channel it came by (a document of a 1C file, the JSON
 * API): who pays whom, how much (tiyn), the VAT the order states (null when it states none), and what it pays —
 * an e-invoice ({@link ReferenceKind#INVOICE}, its registration number) or a contract ({@link ReferenceKind#CONTRACT}, a
 * prepayment). Parties and accounts are typed: the channel's reader checked their digits before the order gets here.
 * {@code original} is what the payer sent (the document's text, or the JSON), kept in the quarantine when the
 * order is refused; {@code format} says how to read it again on a retry.
 */
public record PaymentRequest(String source, String channel, String format, String number, LocalDate date, long amount, Long vat,
                             String currency, PartyId payerBin, AccountNumber payerAccount, PartyId payeeBin,
                             AccountNumber payeeAccount, ReferenceKind referenceKind, String reference, byte[] original, Map<String, String> headers) {
    public PaymentRequest {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /**
     * What makes two submissions of one order (same payer account, number, date) the same order. Its hash is stored
     * with the order: the text stays as it was when these were strings.
     */
    String contentKey() {
        return String.join("|", number, date.toString(), Long.toString(amount), vat == null ? "" : Long.toString(vat), currency,
                payerBin.value(), payerAccount.value(), payeeBin.value(), payeeAccount.value(), referenceKind.name(), reference);
    }
}
