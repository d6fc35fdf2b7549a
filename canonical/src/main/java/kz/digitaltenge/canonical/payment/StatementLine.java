package kz.digitaltenge.canonical.payment;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One movement on the statement's account.
 *
 * @param credit        true when money came in (the counterparty paid the owner), false when it went out
 * @param amount        in tiyn, positive
 * @param knp           the 3-digit payment purpose code, or null
 * @param transactionId the ledger transaction that made the movement, so 1C can match it on a later load
 */
public record StatementLine(
        String number,
        LocalDate date,
        boolean credit,
        long amount,
        Counterparty counterparty,
        String purpose,
        String knp,
        String transactionId) {

    /** The other side of the movement. {@code bankBic} may be null. */
    public record Counterparty(String name, String binIin, String account, String bankBic) {
        public Counterparty {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(binIin, "binIin");
            Objects.requireNonNull(account, "account");
        }
    }

    public StatementLine {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(counterparty, "counterparty");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(transactionId, "transactionId");
    }
}
