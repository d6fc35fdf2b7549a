package kz.digitaltenge.routes.procurement.contract;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * How much of a contract's money its supplier may cash out ({@code maxCashOut}), per programme:
 * <ul>
 *   <li>{@link Kind#ACTS}: the running total of the contract's approved acts' {@code sum_transfer} (the format note's
 *       rule, and the default), at most {@code maxTransfer};</li>
 *   <li>{@link Kind#PERCENT}: a fixed share of {@code maxTransfer}, rounded down to the tiyn (a programme that lets
 *       its suppliers cash out, say, 30% whatever the acts say).</li>
 * </ul>
 * Written into the fact as the term {@code cashOut} ({@code ACTS} or {@code PERCENT:<p>}), so a later act or Treasury
 * record computes the same limit without the programme's configuration.
 */
public record CashOutPolicy(Kind kind, BigDecimal percent) {
    public enum Kind { ACTS, PERCENT }

    public static final CashOutPolicy ACTS = new CashOutPolicy(Kind.ACTS, null);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public CashOutPolicy {
        Objects.requireNonNull(kind, "cash-out kind");
        if (kind == Kind.ACTS && percent != null) {
            throw new IllegalArgumentException("a cash-out by ACTS takes no percent");
        }
        if (kind == Kind.PERCENT) {
            if (percent == null || percent.signum() < 0 || percent.compareTo(HUNDRED) > 0
                    || percent.stripTrailingZeros().scale() > 2) {
                throw new IllegalArgumentException("a cash-out PERCENT needs a percent from 0 to 100 with at most two decimals, not "
                        + percent);
            }
            percent = percent.signum() == 0 ? BigDecimal.ZERO : percent.stripTrailingZeros();
            if (percent.scale() < 0) {
                percent = percent.setScale(0);
            }
        }
    }

    public static CashOutPolicy percent(BigDecimal percent) {
        return new CashOutPolicy(Kind.PERCENT, percent);
    }

    /** The limit for a contract of {@code maxTransfer} whose approved acts add up to {@code approvedActs}. */
    public long maxCashOut(long maxTransfer, long approvedActs) {
        if (kind == Kind.ACTS) {
            return Math.max(0, Math.min(approvedActs, maxTransfer));
        }
        return BigDecimal.valueOf(maxTransfer).multiply(percent).divide(HUNDRED, 0, RoundingMode.DOWN).longValueExact();
    }

    /** The term's text: {@code ACTS} or {@code PERCENT:30}. */
    public String term() {
        return kind == Kind.ACTS ? "ACTS" : "PERCENT:" + percent.toPlainString();
    }

    static CashOutPolicy parse(String term) {
        try {
            if ("ACTS".equals(term)) {
                return ACTS;
            }
            if (term != null && term.startsWith("PERCENT:") && term.substring(8).matches("[0-9]{1,3}(\\.[0-9]{1,2})?")) {
                return percent(new BigDecimal(term.substring(8)));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new RecordProblem(ReasonCode.CONFLICT, "the registered fact's cashOut '" + Values.excerpt(term)
                + "' is not ACTS or PERCENT:<p>");
    }
}
