package kz.digitaltenge.ledger.programmable;

/**
 * A transaction's use of a limit a fact sets: {@code amount} more of {@code kind} for {@code subject} (a
 * contract's transfer or cash-out allowance, an invoice's outstanding net or VAT), which must stay within
 * {@code limit}. Checked when validating, and again in the commit under a row lock — the authority, as the spent
 * markers are for single spend.
 */
public record LimitUse(String subject, Kind kind, long amount, long limit) {
    public enum Kind { CONTRACT_TRANSFER, CONTRACT_CASH_OUT, INVOICE_NET, INVOICE_VAT, EVENT_HELD, APPROVAL_USED, OCCURRENCE_RELEASED, PREPAID,
        /** The VAT part of what was prepaid under a contract (recorded, not limited: the total is limited by PREPAID). */
        PREPAID_VAT }

    public static String contract(String number) {
        return "CONTRACT:" + number;
    }

    public static String invoice(String registrationNumber) {
        return "INVOICE:" + registrationNumber;
    }

    public static String event(String eventId) {
        return "EVENT:" + eventId;
    }

    public static String fact(kz.digitaltenge.ledger.fact.FactId id) {
        return "FACT:" + id.hex();
    }

    /** Row key in {@code limit_usage}; public because the store, which writes the rows, lives in another package. */
    public String key() {
        return subject + "\u0000" + kind.name();
    }
}
