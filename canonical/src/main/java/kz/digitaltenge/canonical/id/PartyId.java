package kz.digitaltenge.canonical.id;

import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * A Kazakh business or individual identification number (BIN / IIN): 12 digits, the last one a check digit.
 *
 * <p>Check digit: weights 1..11 over the first eleven digits, sum mod 11. If that gives 10, the weights
 * 3,4,5,6,7,8,9,10,11,1,2 are used instead; if that gives 10 again the number is not valid (such numbers are
 * never issued).
 */
public record PartyId(String value) {
    private static final int[] FIRST = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    private static final int[] SECOND = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};

    public PartyId {
        String reason = problem(value);
        if (reason != null) {
            throw new LedgerException(ReasonCode.INVALID_IDENTIFIER, "BIN/IIN '" + value + "': " + reason);
        }
    }

    public static PartyId of(String value) {
        return new PartyId(value);
    }

    public static boolean isValid(String value) {
        return problem(value) == null;
    }

    /** The check digit for the first eleven digits, or -1 when no valid number starts with them. */
    public static int checkDigit(String first11) {
        int sum = weighted(first11, FIRST) % 11;
        if (sum == 10) {
            sum = weighted(first11, SECOND) % 11;
        }
        return sum == 10 ? -1 : sum;
    }

    private static int weighted(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        return sum;
    }

    private static String problem(String value) {
        if (value == null) {
            return "missing";
        }
        if (value.length() != 12) {
            return "must have 12 digits, has " + value.length() + " characters";
        }
        for (int i = 0; i < 12; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return "must contain digits only";
            }
        }
        int check = checkDigit(value);
        if (check < 0 || check != value.charAt(11) - '0') {
            return "check digit does not match";
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
