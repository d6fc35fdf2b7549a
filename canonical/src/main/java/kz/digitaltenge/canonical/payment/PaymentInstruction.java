package kz.digitaltenge.canonical.payment;

import java.time.LocalDate;
import java.util.Objects;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;

/**
 * A payment order in the hub's own terms, whatever format it came in: who pays whom, how much, and what it pays. It is
 * a request, not a fact: nobody attests it, the payer asks for it, so it goes to the payment orchestration rather
 * than to the oracle. The source's reader has checked every digit (BIN/IIN and IIK check digits, the amount's
 * scale) before one is made.
 *
 * @param amount       in tiyn, positive
 * @param vat          the VAT the order states, in tiyn, or null when it states none
 * @param currency     ISO 4217 letters
 * @param startLine    where the document starts in its file (0 for a message of its own, e.g. JSON)
 * @param endLine      where it ends (0 for a message of its own)
 * @param documentText the document as the payer's system wrote it (UTF-8), kept as the original if it is refused
 */
public record PaymentInstruction(String number, LocalDate date, long amount, Long vat, String currency,
                                 PartyId payer, AccountNumber payerAccount, PartyId payee, AccountNumber payeeAccount,
                                 ReferenceKind referenceKind, String reference, int startLine, int endLine,
                                 byte[] documentText) {
    public PaymentInstruction {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(payerAccount, "payerAccount");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(payeeAccount, "payeeAccount");
        Objects.requireNonNull(referenceKind, "referenceKind");
        Objects.requireNonNull(reference, "reference");
        if (amount <= 0) {
            throw new IllegalArgumentException("a payment order moves a positive amount, not " + amount);
        }
        documentText = documentText == null ? new byte[0] : documentText.clone();
    }
}
