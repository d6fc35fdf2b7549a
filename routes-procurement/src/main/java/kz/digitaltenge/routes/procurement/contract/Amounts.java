package kz.digitaltenge.routes.procurement.contract;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.money.Tiyn;

/**
 * The portal's money (JSON numbers that may carry decimals, or strings such as the units' {@code "14049"}) to whole
 * tiyn, exactly: a {@link BigDecimal} from the text as the portal wrote it, never a double. More than two decimals that
 * are not zeros are refused, never rounded; a sign, an exponent beyond the limit, other scripts' digits are refused.
 * The limit is the ledger's largest transaction, {@link Tiyn#MAX_TRANSACTION} (10 trillion tenge): no contract, act or
 * payment is larger, and sums of a contract's acts stay far inside a {@code long}.
 */
final class Amounts {
    static final BigDecimal MAX_TENGE = BigDecimal.valueOf(Tiyn.MAX_TRANSACTION, 2);
    // a money string: ASCII digits, an optional point and decimals (their number is judged after, to say why)
    private static final Pattern DECIMAL_TEXT = Pattern.compile("[0-9]{1,40}(\\.[0-9]{1,40})?");

    private Amounts() {
    }

    /** A string amount, strictly: digits, an optional point and decimals. */
    static BigDecimal parseText(String text, String field) {
        String t = text.strip();
        if (!DECIMAL_TEXT.matcher(t).matches()) {
            throw new RecordProblem(ReasonCode.MALFORMED, field + " '" + Values.excerpt(t)
                    + "' is not an amount (digits 0-9, a point, at most two decimals, no sign)");
        }
        return new BigDecimal(t);
    }

    /** Tenge to whole tiyn: at most two decimals (trailing zeros aside), not negative, at most {@link #MAX_TENGE}. */
    static long tiyn(BigDecimal tenge, String field) {
        if (tenge.signum() < 0) {
            throw new RecordProblem(ReasonCode.MALFORMED, field + " is negative (" + Values.excerpt(tenge.toString()) + ")");
        }
        // compared before any scaling: a number like 1e999999999 costs nothing to compare and a lot to expand
        if (tenge.compareTo(MAX_TENGE) > 0) {
            throw new RecordProblem(ReasonCode.OVER_LIMIT, field + " " + Values.excerpt(tenge.toString())
                    + " is above the largest amount the ledger takes (" + MAX_TENGE.toPlainString() + " tenge)");
        }
        BigDecimal exact = tenge.signum() == 0 ? BigDecimal.ZERO : tenge.stripTrailingZeros();
        if (exact.scale() > 2) {
            // toPlainString of 1e-999999999 is a billion characters: only a short number is written out plainly
            String shown = tenge.scale() <= 40 && tenge.precision() <= 40 ? tenge.toPlainString() : tenge.toString();
            throw new RecordProblem(ReasonCode.MALFORMED, field + " " + Values.excerpt(shown)
                    + " has more than two decimals: tiyn are not rounded");
        }
        return exact.movePointRight(2).longValueExact();
    }

    /** Overflow-checked sum (inputs are within {@link Tiyn#MAX_TRANSACTION}, so only absurd counts could overflow). */
    static long add(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new RecordProblem(ReasonCode.OVER_LIMIT, "a sum of amounts overflows");
        }
    }
}
