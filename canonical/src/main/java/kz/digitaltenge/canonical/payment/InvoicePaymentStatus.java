package kz.digitaltenge.canonical.payment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An invoice's payment in digital tenge as the hub reports it to whoever issued the invoice: how much of its gross has
 * been paid, by which transactions. Amounts are tiyn. The hub sends one to {@link #ENDPOINT} after each payment (and
 * again from a sweep or a retry: it is the invoice's whole state, so sending it twice is harmless); a route module
 * that reports to the issuing system consumes that endpoint and writes the status in the system's own format. With no
 * such module on the classpath, statuses are computed but sent nowhere.
 *
 * @param state    PAID, PARTLY_PAID or UNPAID, as the hub's invoice registry has it
 * @param payments every payment so far
 * @param at       when the hub computed this status
 */
public record InvoicePaymentStatus(String registrationNumber, String state, long net, long vat, long gross, long paid,
                                   long outstanding, String currency, List<Payment> payments, Instant at) {
    /** Where the hub hands statuses over (a Camel endpoint; the consuming route delivers and retries). */
    public static final String ENDPOINT = "direct:invoice-payment-status";
    /** The exchange header that carries the registration number, for the consuming route and for a failure. */
    public static final String REGISTRATION_NUMBER_HEADER = "registrationNumber";

    /** One payment of the invoice: the ledger transaction, what it paid (VAT included), its VAT part, when. */
    public record Payment(String transactionId, long amount, long vat, Instant at) {
        public Payment {
            Objects.requireNonNull(transactionId, "transactionId");
            Objects.requireNonNull(at, "at");
        }
    }

    public InvoicePaymentStatus {
        Objects.requireNonNull(registrationNumber, "registrationNumber");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(at, "at");
        payments = List.copyOf(payments);
    }
}
