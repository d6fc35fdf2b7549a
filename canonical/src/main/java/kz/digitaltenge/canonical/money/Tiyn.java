package kz.digitaltenge.canonical.money;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.text.Text;

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
     * Parses a tenge amount: plain ASCII digits, optionally a point and one or two decimals ("1250", "1250.5",
     * "1250.50"), at most {@link #MAX_AMOUNT_TEXT} characters, no sign. More decimals are refused, never rounded:
     * money is not silently changed at the edge. The text is matched against a precompiled pattern before any
     * arithmetic, so exponents ("1E10000000" cost seconds of CPU in {@code new BigDecimal}), other scripts' digits
     * ("١٠٠", "１００"), signs and surrounding blanks are refused for the price of a regex match on 20 characters.
     */
    public static long parse(String tenge) {
        return parse(tenge, UNSIGNED);
    }

    /**
     * As {@link #parse}, with an optional leading minus: only for amounts that may be negative by their nature,
     * such as the opening and closing balances of a 1C statement. Never {@code +}.
     */
    public static long parseSigned(String tenge) {
        return parse(tenge, SIGNED);
    }

    /**
     * An amount written in whole tiyn, as fact terms carry it: 1 to {@link #MAX_TIYN_TEXT} ASCII digits, no sign.
     * {@code Long.parseLong} alone would accept "+5" and any script's digits.
     */
    public static long parseWholeTiyn(String tiyn) {
        if (tiyn == null || !WHOLE_TIYN.matcher(tiyn).matches()) {
            throw new LedgerException(ReasonCode.MALFORMED, "amount '" + Text.excerpt(tiyn)
                    + "' is not a whole number of tiyn (1-" + MAX_TIYN_TEXT + " digits 0-9)");
        }
        return Long.parseLong(tiyn); // 18 digits always fit a long
    }

    /** The longest amount text {@link #parse} reads; MAX_TRANSACTION is "10000000000000.00", 17 characters. */
    public static final int MAX_AMOUNT_TEXT = 20;
    /** The longest whole-tiyn text {@link #parseWholeTiyn} reads: 18 digits, below 10^18, always a long. */
    public static final int MAX_TIYN_TEXT = 18;
    // Java's \d is [0-9] (no UNICODE_CHARACTER_CLASS flag): other scripts' digits do not match
    private static final Pattern UNSIGNED = Pattern.compile("\\d{1,20}(\\.\\d{1,2})?");
    private static final Pattern SIGNED = Pattern.compile("-?\\d{1,20}(\\.\\d{1,2})?");
    private static final Pattern TOO_MANY_DECIMALS = Pattern.compile("-?\\d+\\.\\d{3,}");
    private static final Pattern WHOLE_TIYN = Pattern.compile("\\d{1," + MAX_TIYN_TEXT + "}");

    private static long parse(String tenge, Pattern rule) {
        if (tenge == null || tenge.isEmpty()) {
            throw new LedgerException(ReasonCode.MALFORMED, "amount is missing");
        }
        if (tenge.length() > MAX_AMOUNT_TEXT) {
            throw new LedgerException(ReasonCode.MALFORMED, "amount '" + Text.excerpt(tenge) + "' is longer than "
                    + MAX_AMOUNT_TEXT + " characters");
        }
        if (!rule.matcher(tenge).matches()) {
            throw new LedgerException(ReasonCode.MALFORMED, "amount '" + Text.excerpt(tenge)
                    + (TOO_MANY_DECIMALS.matcher(tenge).matches() ? "' has more than two decimals"
                    : "' is not a decimal number like 1250.50 (digits 0-9, a point, at most two decimals"
                    + (rule == SIGNED ? ", an optional leading minus)" : ", no sign)")));
        }
        // only ASCII digits, a point and a leading minus are left, at most 20 of them: plain long arithmetic
        boolean negative = tenge.charAt(0) == '-';
        int point = tenge.indexOf('.');
        String whole = tenge.substring(negative ? 1 : 0, point < 0 ? tenge.length() : point);
        String fraction = point < 0 ? "" : tenge.substring(point + 1);
        try {
            long tiyn = Math.addExact(Math.multiplyExact(Long.parseLong(whole), PER_TENGE),
                    fraction.isEmpty() ? 0 : Long.parseLong(fraction) * (fraction.length() == 1 ? 10 : 1));
            return negative ? -tiyn : tiyn;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new LedgerException(ReasonCode.OVER_LIMIT, "amount '" + Text.excerpt(tenge) + "' is out of range");
        }
    }
}
