package kz.digitaltenge.routes.einvoice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.canonical.payment.InvoicePaymentStatus;
import kz.digitaltenge.canonical.text.Text;

/**
 * What the hub reports back to the IS about an invoice's payment in digital tenge: how much of its gross has been
 * paid, by which transactions. Amounts are tenge with exactly two decimals ("1250.50"), as the IS writes money;
 * {@link #tenge(long)} formats the hub's tiyn. The record refuses an inconsistent report: net + vat = gross,
 * paid + outstanding = gross, the payments add up to {@code paid}, and the state follows from the amounts.
 *
 * @param registrationNumber the invoice's IS registration number
 * @param status             PAID (nothing outstanding), UNPAID (nothing paid) or PARTLY_PAID
 * @param payments           every payment so far; {@code amount} is what it paid in total, {@code vat} the VAT in it
 * @param updatedAt          when the hub computed this status, an ISO-8601 instant
 */
public record PaymentStatus(String registrationNumber, State status, String net, String vat, String gross, String paid,
                            String outstanding, String currency, List<Payment> payments, String updatedAt) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Exactly two decimals, the status's documented format; then read by the ledger's one rule ({@link Tiyn#parse}). */
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,17}\\.[0-9]{2}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public enum State { PAID, PARTLY_PAID, UNPAID }

    /** One payment of the invoice: the ledger transaction, what it paid (VAT included) and its VAT part. */
    public record Payment(String transactionId, String amount, String vat, String at) {
        public Payment {
            if (transactionId == null || transactionId.isBlank()) {
                throw new IllegalArgumentException("a payment needs its transaction id");
            }
            requireAmount(transactionId + " amount", amount);
            requireAmount(transactionId + " vat", vat);
            requireInstant(transactionId + " at", at);
        }
    }

    public PaymentStatus {
        if (registrationNumber == null || !InvoiceValidator.REGISTRATION_NUMBER.matcher(registrationNumber).matches()) {
            throw new IllegalArgumentException("registration number " + registrationNumber
                    + " is not 1 to 64 letters, digits and hyphens");
        }
        if (status == null) {
            throw new IllegalArgumentException(registrationNumber + ": status is missing");
        }
        BigDecimal netAmount = requireAmount("net", net);
        BigDecimal vatAmount = requireAmount("vat", vat);
        BigDecimal grossAmount = requireAmount("gross", gross);
        BigDecimal paidAmount = requireAmount("paid", paid);
        BigDecimal outstandingAmount = requireAmount("outstanding", outstanding);
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException(registrationNumber + ": currency " + currency + " is not ISO 4217");
        }
        payments = payments == null ? List.of() : List.copyOf(payments);
        requireInstant("updatedAt", updatedAt);
        if (netAmount.add(vatAmount).compareTo(grossAmount) != 0) {
            throw new IllegalArgumentException(registrationNumber + ": net " + net + " + vat " + vat + " != gross "
                    + gross);
        }
        if (paidAmount.add(outstandingAmount).compareTo(grossAmount) != 0) {
            throw new IllegalArgumentException(registrationNumber + ": paid " + paid + " + outstanding " + outstanding
                    + " != gross " + gross);
        }
        BigDecimal paymentsTotal = payments.stream().map(p -> requireAmount("payment amount", p.amount()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (paymentsTotal.compareTo(paidAmount) != 0) {
            throw new IllegalArgumentException(registrationNumber + ": the payments add up to "
                    + paymentsTotal.toPlainString() + ", not to paid " + paid);
        }
        State expected = outstandingAmount.signum() == 0 ? State.PAID
                : paidAmount.signum() == 0 ? State.UNPAID : State.PARTLY_PAID;
        if (status != expected) {
            throw new IllegalArgumentException(registrationNumber + ": paid " + paid + " of " + gross + " is "
                    + expected + ", not " + status);
        }
    }

    /** The hub's status in the IS's form; an inconsistent one is refused like any other. */
    public static PaymentStatus of(InvoicePaymentStatus s) {
        List<Payment> paid = s.payments().stream()
                .map(p -> new Payment(p.transactionId(), tenge(p.amount()), tenge(p.vat()), p.at().toString())).toList();
        return new PaymentStatus(s.registrationNumber(), State.valueOf(s.state()), tenge(s.net()), tenge(s.vat()), tenge(s.gross()),
                tenge(s.paid()), tenge(s.outstanding()), s.currency(), paid, s.at().toString());
    }

    /** Tiyn as tenge with two decimals: 125050 → "1250.50". */
    public static String tenge(long tiyn) {
        return kz.digitaltenge.canonical.money.Tiyn.format(tiyn);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a payment status always serialises", e);
        }
    }

    /** @throws IllegalArgumentException when the JSON is not a consistent payment status */
    public static PaymentStatus fromJson(byte[] json) {
        try {
            return JSON.readValue(json, PaymentStatus.class);
        } catch (JsonProcessingException e) {
            // An inconsistent report fails in the record's constructor; its own words say more than Jackson's.
            String why = e.getCause() instanceof IllegalArgumentException inconsistent
                    ? inconsistent.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException("not a payment status: " + why, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a payment status: " + e.getMessage(), e);
        }
    }

    private static BigDecimal requireAmount(String name, String value) {
        if (value == null || !AMOUNT.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " " + (value == null ? null : Text.excerpt(value))
                    + " is not an amount with two decimals, like 1250.50");
        }
        return BigDecimal.valueOf(Tiyn.parse(value), 2);
    }

    private static void requireInstant(String name, String value) {
        try {
            Instant.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException(name + " " + value + " is not an ISO-8601 instant");
        }
    }
}
