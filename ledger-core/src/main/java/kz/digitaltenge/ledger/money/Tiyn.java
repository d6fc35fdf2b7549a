package kz.digitaltenge.ledger.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import kz.digitaltenge.ledger.LedgerException;
import kz.digitaltenge.ledger.ReasonCode;

/**
 * Money is counted in integer tiyn (1 tenge = 100 tiyn). Arithmetic is overflow-checked; decimal tenge
 * strings with exactly two decimals are only produced and accepted at the edges.
 *
 * <p>Limits (TigerBeetle style: explicit and static):
 * <ul>
 *   <li>{@link #MAX_OUTPUT}: one output holds at most 1 trillion tenge (10^14 tiyn). The whole pilot issued
 *       336.6 billion tenge, so one output can carry all of it three times over.</li>
 *   <li>{@link #MAX_TRANSACTION}: the outputs (or inputs) of one transaction add up to at most 10 trillion
 *       tenge (10^15 tiyn), far below {@code Long.MAX_VALUE} so sums of a whole batch cannot overflow.</li>
 * </ul>
 */
public final class Tiyn {
    public static final long PER_TENGE = 100;
    public static final long MAX_OUTPUT = 100_000_000_000_000L;
    public static final long MAX_TRANSACTION = 1_000_000_000_000_000L;

    private Tiyn() {
    }

    /** Checks that an amount is a legal output amount: positive and at most {@link #MAX_OUTPUT}. */
    public static long requireOutputAmount(long tiyn) {
        if (tiyn <= 0) {
            throw new LedgerException(ReasonCode.OVER_LIMIT, "amount must be positive, got " + tiyn + " tiyn");
        }
        if (tiyn > MAX_OUTPUT) {
            throw new LedgerException(ReasonCode.OVER_LIMIT,
                    "amount " + format(tiyn) + " exceeds the per-output maximum " + format(MAX_OUTPUT));
        }
        return tiyn;
    }

    /** Overflow-checked addition; a sum above {@link #MAX_TRANSACTION} is refused as over the limit. */
    public static long addWithinTransaction(long a, long b) {
        long sum;
        try {
            sum = Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new LedgerException(ReasonCode.OVER_LIMIT, "amount overflow");
        }
        if (sum > MAX_TRANSACTION) {
            throw new LedgerException(ReasonCode.OVER_LIMIT,
                    "transaction total exceeds the per-transaction maximum " + format(MAX_TRANSACTION));
        }
        return sum;
    }

    /** "1250.50" for 125050 tiyn; negative values keep their sign. */
    public static String format(long tiyn) {
        return BigDecimal.valueOf(tiyn, 2).toPlainString();
    }

    /**
     * Parses a tenge amount with at most two decimals ("1250.5", "1250.50", "1250"). More decimals are refused,
     * never rounded: money is not silently changed at the edge.
     */
    public static long parse(String tenge) {
        if (tenge == null || tenge.isBlank()) {
            throw new LedgerException(ReasonCode.MALFORMED, "amount is missing");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(tenge.trim());
        } catch (NumberFormatException e) {
            throw new LedgerException(ReasonCode.MALFORMED, "amount '" + tenge + "' is not a decimal number");
        }
        if (value.scale() > 2 && value.stripTrailingZeros().scale() > 2) {
            throw new LedgerException(ReasonCode.MALFORMED, "amount '" + tenge + "' has more than two decimals");
        }
        try {
            return value.setScale(2, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new LedgerException(ReasonCode.OVER_LIMIT, "amount '" + tenge + "' is out of range");
        }
    }
}
