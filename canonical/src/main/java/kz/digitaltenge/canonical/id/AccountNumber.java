package kz.digitaltenge.canonical.id;

import java.math.BigInteger;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * A Kazakh account number (IIK): an IBAN of 20 characters, {@code KZ} + 2 check digits + 3-digit bank code +
 * 13 alphanumeric characters, valid when the ISO 13616 mod-97 remainder is 1. The same string names the
 * account in 1C payment orders (ИИК), e-invoices ({@code iik}) and the ledger, so no translation table is
 * needed. Lower case and spaces are accepted at the edge and normalised.
 */
public record AccountNumber(String value) implements Comparable<AccountNumber> {

    public AccountNumber {
        String reason = problem(value);
        if (reason != null) {
            throw new LedgerException(ReasonCode.INVALID_IDENTIFIER, "account number '" + value + "': " + reason);
        }
    }

    /** Parses user input: removes spaces and upper-cases before checking. */
    public static AccountNumber parse(String raw) {
        if (raw == null) {
            throw new LedgerException(ReasonCode.INVALID_IDENTIFIER, "account number is missing");
        }
        return new AccountNumber(raw.replace(" ", "").toUpperCase(java.util.Locale.ROOT));
    }

    public static boolean isValid(String value) {
        return problem(value) == null;
    }

    /** Builds a valid IIK from a 3-digit bank code and a 13-character account part, computing the check digits. */
    public static AccountNumber of(String bankCode, String accountPart) {
        String bban = bankCode + accountPart;
        int check = 98 - mod97(bban + "KZ00");
        return new AccountNumber(String.format("KZ%02d%s", check, bban));
    }

    public String bankCode() {
        return value.substring(4, 7);
    }

    private static String problem(String value) {
        if (value == null) {
            return "missing";
        }
        if (value.length() != 20) {
            return "must have 20 characters (KZ + 18), has " + value.length();
        }
        if (!value.startsWith("KZ")) {
            return "must start with KZ";
        }
        for (int i = 2; i < 20; i++) {
            char c = value.charAt(i);
            boolean ok = i < 4 ? (c >= '0' && c <= '9') : ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'));
            if (!ok) {
                return "character " + (i + 1) + " ('" + c + "') is not allowed";
            }
        }
        if (mod97(value.substring(4) + value.substring(0, 4)) != 1) {
            return "check digits do not match (mod-97)";
        }
        return null;
    }

    private static int mod97(String rearranged) {
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                digits.append(c - 'A' + 10);
            } else {
                digits.append(c);
            }
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue();
    }

    @Override
    public int compareTo(AccountNumber o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
