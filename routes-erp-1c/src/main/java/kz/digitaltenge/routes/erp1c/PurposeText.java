package kz.digitaltenge.routes.erp1c;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the free text of {@code НазначениеПлатежа} says about the payment: the e-invoices and contracts it names and
 * the VAT it states. Used only when the order has no dedicated field for the same thing. The patterns are the
 * documented rule (module README); they are deliberately narrow, because a wrong match would pay the wrong
 * invoice while no match only sends the order back to the accountant.
 */
final class PurposeText {

    /**
     * An e-invoice registration number: {@code ESF-} and letters, digits and hyphens, not ending in a hyphen. The
     * words before it ("ЭСФ", "ЭСФ №", "по ЭСФ") are allowed but not needed.
     */
    static final Pattern INVOICE = Pattern.compile("(?<![A-Za-z0-9])ESF-[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?");

    /**
     * A contract number: the token right after "договор", "договора", "договору" or "дог." (any letter case), with
     * an optional "№". The token is letters, digits and {@code / . -}, starts and ends with a letter or digit, and
     * must contain a digit, so "договор поставки" does not name a contract "поставки".
     */
    static final Pattern CONTRACT = Pattern.compile(
            "(?<!\\p{L})(?:договор[ау]?(?!\\p{L})|дог\\.)\\s*(?:№\\s*)?([\\p{L}\\p{N}](?:[\\p{L}\\p{N}/.-]*[\\p{L}\\p{N}])?)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /**
     * A stated VAT amount: "в т.ч. НДС" or "в том числе НДС", an optional rate ("12%", "(12 %)"), an optional dash,
     * colon or equals sign, then the amount. The amount may group thousands with spaces (also no-break spaces) and
     * use a comma or a dot before at most two decimals: "1 234,56", "1234.56", "150". A number followed by another
     * digit, a "%" or a separator and digit is not taken (so "1.234,56" is not read as 1 tenge).
     */
    static final Pattern VAT = Pattern.compile(
            "(?<!\\p{L})в\\s*(?:т\\.\\s*ч\\.?|том\\s+числе)\\s*НДС\\s*"
                    + "(?:\\(?\\s*\\d{1,2}(?:[.,]\\d{1,2})?\\s*%\\s*\\)?)?\\s*[-–—:=]?\\s*"
                    + "(\\d{1,3}(?:[ \\u00A0\\u202F]\\d{3})+|\\d+)(?:[.,](\\d{1,2}))?(?![\\d%]|[.,]\\d)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private PurposeText() {
    }

    /** Every distinct e-invoice and contract the text names, in the order they appear (invoices first). */
    static Set<PaymentReference> references(String purpose) {
        Set<PaymentReference> found = new LinkedHashSet<>();
        Matcher invoice = INVOICE.matcher(purpose);
        while (invoice.find()) {
            found.add(PaymentReference.invoice(invoice.group()));
        }
        Matcher contract = CONTRACT.matcher(purpose);
        while (contract.find()) {
            String number = contract.group(1);
            if (number.chars().anyMatch(Character::isDigit)) {
                found.add(PaymentReference.contract(number));
            }
        }
        return found;
    }

    /**
     * Far more whole digits than any payment can have (one ledger output carries at most 10^12 tenge, 13 digits): such
     * a "VAT amount" is refused before it becomes a number, since a file of 10 MB could state one of millions of
     * digits and {@code new BigDecimal} on it costs minutes of CPU.
     */
    static final int MAX_VAT_DIGITS = 20;

    /**
     * Every distinct VAT amount the text states, in tenge with two decimals (may be too large for tiyn).
     *
     * @throws IllegalArgumentException when a stated amount has more than {@link #MAX_VAT_DIGITS} whole digits
     */
    static Set<BigDecimal> vatAmounts(String purpose) {
        Set<BigDecimal> found = new LinkedHashSet<>();
        Matcher vat = VAT.matcher(purpose);
        while (vat.find()) {
            String whole = vat.group(1).replaceAll("[ \\u00A0\\u202F]", "");
            if (whole.length() > MAX_VAT_DIGITS) {
                throw new IllegalArgumentException("the purpose states a VAT amount of " + whole.length()
                        + " digits; no payment has more than " + MAX_VAT_DIGITS);
            }
            String fraction = vat.group(2) == null ? "0" : vat.group(2);
            found.add(new BigDecimal(whole + "." + fraction).setScale(2));
        }
        return found;
    }
}
