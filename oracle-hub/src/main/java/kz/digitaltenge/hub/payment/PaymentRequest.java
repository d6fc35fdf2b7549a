package kz.digitaltenge.hub.payment;

import java.time.LocalDate;
import java.util.Map;

/**
 * A payment order as the orchestration sees it, whatever channel it came by (a document of a 1C file, the JSON
 * API): who pays whom, how much (tiyn), the VAT the order states (null when it states none), and what it pays —
 * an e-invoice ({@code INVOICE}, its registration number) or a contract ({@code CONTRACT}, a prepayment).
 * {@code original} is what the payer sent (the document's text, or the JSON), kept in the quarantine when the
 * order is refused; {@code format} says how to read it again on a retry.
 */
public record PaymentRequest(String channel, String format, String number, LocalDate date, long amount, Long vat,
                             String currency, String payerBin, String payerAccount, String payeeBin, String payeeAccount,
                             String referenceKind, String reference, byte[] original, Map<String, String> headers) {
    public PaymentRequest {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** What makes two submissions of one order (same payer account, number, date) the same order. */
    String contentKey() {
        return String.join("|", number, date.toString(), Long.toString(amount), vat == null ? "" : Long.toString(vat), currency,
                payerBin, payerAccount, payeeBin, payeeAccount, referenceKind, reference);
    }
}
