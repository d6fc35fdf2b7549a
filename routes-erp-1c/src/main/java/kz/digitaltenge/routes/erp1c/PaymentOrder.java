package kz.digitaltenge.routes.erp1c;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A payment order from a taxpayer's 1C: who pays whom, how much, and which e-invoice or contract it pays. Both
 * document variants of {@code 1CClientBankExchange} and the JSON form map to this one record.
 *
 * @param amount     in tiyn, positive
 * @param currency   ISO 4217 letters; {@code KZT} when the document does not say
 * @param knp        the 3-digit payment purpose code (КНП), or null when the document has none
 * @param vat        the VAT the order states, in tiyn, or null when it states none
 * @param startLine  the line of {@code СекцияДокумент} (0 for JSON)
 * @param endLine    the line of {@code КонецДокумента} (0 for JSON)
 * @param fields     every field of the document in file order, with its line
 */
public record PaymentOrder(
        String number,
        LocalDate date,
        long amount,
        String currency,
        Party payer,
        Party payee,
        String purpose,
        String knp,
        Long vat,
        PaymentReference reference,
        int startLine,
        int endLine,
        Map<String, DocumentField> fields) {

    /**
     * One side of the payment.
     *
     * @param binIin  12-digit BIN or IIN with a valid check digit
     * @param account IIK ({@code KZ..}, 20 characters, valid check digits), upper case without spaces
     * @param bankBic the bank's BIC, or null when the document does not give it
     * @param kbe     the 2-digit beneficiary code (КБе / КОд), or null when the document does not give it
     */
    public record Party(String name, String binIin, String account, String bankBic, String kbe) {
    }

    public PaymentOrder {
        // Kept in file order: the back office reads a rejected or disputed order field by field as 1C wrote it.
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
