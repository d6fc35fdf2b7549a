package kz.digitaltenge.canonical.payment;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An account statement for a period, as the hub sends it back to the account owner's 1C. Amounts are in tiyn. The hub builds it from the ledger; a payment-order source writes it in its own format ({@link PaymentOrderFormat#writeStatement}).
 *
 * @param account  the owner's IIK
 * @param opening  the balance at the start of {@code from}
 * @param debits   the total of the debit lines (money out)
 * @param credits  the total of the credit lines (money in)
 * @param closing  the balance at the end of {@code to}
 */
public record Statement(
        String account,
        LocalDate from,
        LocalDate to,
        String ownerName,
        String ownerBin,
        long opening,
        long debits,
        long credits,
        long closing,
        List<StatementLine> lines) {

    public Statement {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(ownerName, "ownerName");
        Objects.requireNonNull(ownerBin, "ownerBin");
        lines = List.copyOf(lines);
    }
}
