package kz.digitaltenge.ledger.store;

/**
 * A transaction's use of a limit a fact sets: {@code amount} more of a contract's transfer or cash-out
 * allowance, which must stay within {@code limit}. Checked when validating, and again in the commit under a row
 * lock (the authority, as the spent markers are for single spend).
 */
public record LimitUse(String contract, Kind kind, long amount, long limit) {
    public enum Kind { CONTRACT_TRANSFER, CONTRACT_CASH_OUT }
}
