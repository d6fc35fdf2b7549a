package kz.digitaltenge.routes.erp1c;

import kz.digitaltenge.canonical.ReasonCode;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.Bic;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.canonical.text.Text;

/**
 * The fields of one document by key, and the checks every field value goes through whatever variant it came in.
 * An empty value counts as absent: 1C writes {@code Key=} for fields it has nothing for.
 */
final class OrderFields {
    static final DateTimeFormatter DOTTED_DATE =
            DateTimeFormatter.ofPattern("dd.MM.uuuu", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    static final DateTimeFormatter ISO_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    // ASCII digits only: Java's \\d without UNICODE_CHARACTER_CLASS is [0-9]
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern MORE_THAN_TWO_DECIMALS = Pattern.compile("-?\\d+\\.\\d{3,}");
    private static final Pattern KNP = Pattern.compile("\\d{3}");
    private static final Pattern KBE = Pattern.compile("\\d{2}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final Map<String, DocumentField> byKey;
    private final int startLine;

    /**
     * Every value follows the ledger's text rule (no control or direction characters, a length cap): a NUL or a
     * right-to-left override in a name or purpose is refused here, never stored, printed on a statement or sent on.
     */
    OrderFields(Map<String, DocumentField> byKey, int startLine) {
        this.byKey = new LinkedHashMap<>(byKey);
        this.startLine = startLine;
        for (DocumentField f : byKey.values()) {
            try {
                Text.optional(Text.Field.DOCUMENT_FIELD, "field " + f.key(), f.value());
            } catch (LedgerException e) {
                throw DocumentProblem.at(ReasonCode.MALFORMED, f, e.getMessage());
            }
        }
    }

    Map<String, DocumentField> all() {
        return byKey;
    }

    /** The first of the keys that is present with a value. */
    Optional<DocumentField> optional(String... keys) {
        for (String key : keys) {
            DocumentField field = byKey.get(key);
            if (field != null && !field.value().isBlank()) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    DocumentField required(String... keys) {
        return optional(keys).orElseThrow(() -> new DocumentProblem(ReasonCode.SCHEMA_INVALID, startLine,
                "required field " + String.join(" or ", keys) + " is missing or empty"
                        + (startLine > 0 ? " in the document starting at line " + startLine : "")));
    }

    static LocalDate date(DocumentField field, DateTimeFormatter format) {
        try {
            return LocalDate.parse(field.value().strip(), format);
        } catch (DateTimeParseException e) {
            throw DocumentProblem.at(ReasonCode.SCHEMA_INVALID, field,
                    "'" + field.value() + "' is not a valid date (" + (format == ISO_DATE ? "yyyy-MM-dd" : "dd.MM.yyyy") + ")");
        }
    }

    /**
     * A signed tenge amount with at most two decimals, in tiyn (statement balances may be negative; payment amounts
     * and VAT are checked for their sign by the caller). 1C's format is {@code -?digits[.digits]} in ASCII digits,
     * never an exponent; the text is capped and matched before any arithmetic, then read by the ledger's one rule
     * ({@link Tiyn#parseSigned}). A refusal quotes a short escaped prefix, never the whole field.
     */
    static long money(DocumentField field) {
        String text = field.value().strip();
        if (text.length() > Tiyn.MAX_AMOUNT_TEXT || !DECIMAL.matcher(text).matches()) {
            throw DocumentProblem.at(ReasonCode.SCHEMA_INVALID, field,
                    "amount '" + Text.excerpt(text) + "' must be written like 1250.50 (digits, a dot, at most two decimals)");
        }
        if (MORE_THAN_TWO_DECIMALS.matcher(text).matches()) {
            throw DocumentProblem.at(ReasonCode.SCHEMA_INVALID, field,
                    "amount '" + text + "' has more than two decimals");
        }
        try {
            return Tiyn.parseSigned(text);
        } catch (LedgerException e) {
            throw DocumentProblem.at(ReasonCode.BUSINESS_RULE, field, e.getMessage());
        }
    }

    /** The amount of a payment: positive and within what one ledger output can carry. */
    static long paymentAmount(DocumentField field, long tiyn) {
        try {
            return Tiyn.requireOutputAmount(tiyn);
        } catch (LedgerException e) {
            throw DocumentProblem.at(ReasonCode.BUSINESS_RULE, field, e.getMessage());
        }
    }

    static String binIin(DocumentField field) {
        String value = field.value().strip();
        try {
            return PartyId.of(value).value();
        } catch (LedgerException e) {
            throw DocumentProblem.at(ReasonCode.SCHEMA_INVALID, field, e.getMessage());
        }
    }

    static String account(DocumentField field) {
        try {
            return AccountNumber.parse(field.value().strip()).value();
        } catch (LedgerException e) {
            throw DocumentProblem.at(ReasonCode.SCHEMA_INVALID, field, e.getMessage());
        }
    }

    static String bic(DocumentField field) {
        try {
            return Bic.of(field.value().strip().toUpperCase(Locale.ROOT)).value();
        } catch (LedgerException e) {
            throw DocumentProblem.at(ReasonCode.SCHEMA_INVALID, field, e.getMessage());
        }
    }

    static String knp(DocumentField field) {
        return matching(field, KNP, "a payment purpose code (КНП) has 3 digits");
    }

    static String kbe(DocumentField field) {
        return matching(field, KBE, "a beneficiary code (КБе) has 2 digits");
    }

    static String currency(DocumentField field) {
        return matching(field, CURRENCY, "a currency is 3 upper-case ISO 4217 letters such as KZT");
    }

    private static String matching(DocumentField field, Pattern shape, String rule) {
        String value = field.value().strip();
        if (!shape.matcher(value).matches()) {
            throw DocumentProblem.at(ReasonCode.SCHEMA_INVALID, field, "'" + value + "': " + rule);
        }
        return value;
    }
}
