package kz.digitaltenge.routes.einvoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * Reading the text of ESF leaves as values. Lexical rules follow XML Schema (whitespace around a value is
 * collapsed; an xs:decimal has no exponent; xs:boolean is true/false/1/0); the validator checks every value
 * through these before anything else uses them, so the mapper can call them without further checks.
 */
final class EsfValues {
    /** ESF dates are dd.MM.yyyy; strict, so 31.02.2024 is not quietly read as 02.03.2024. */
    static final DateTimeFormatter ESF_DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    /**
     * xs:decimal's lexical form, in ASCII digits only (Java's {@code \\d} is [0-9] without UNICODE_CHARACTER_CLASS),
     * never an exponent. {@link #MAX_DECIMAL_TEXT} caps it before {@code new BigDecimal} reads it: an ESF value has
     * at most 18 digits, and a leaf of a million digits would otherwise cost seconds of CPU to refuse.
     */
    private static final Pattern XS_DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    static final int MAX_DECIMAL_TEXT = 40;

    private EsfValues() {
    }

    static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    /** The ESF date, or {@code null} when the text is not a dd.MM.yyyy date. */
    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.strip(), ESF_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The xs:decimal, or {@code null} when the text is not one or is longer than {@link #MAX_DECIMAL_TEXT}. */
    static BigDecimal decimal(String text) {
        String s = text.strip();
        return s.length() <= MAX_DECIMAL_TEXT && XS_DECIMAL.matcher(s).matches() ? new BigDecimal(s) : null;
    }

    /** Digits after the point that matter (xs:fractionDigits counts the value, so 12.500 has 1). */
    static int fractionDigits(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    /** Significant digits of the value as xs:totalDigits counts them (100 has 3, 0.05 has 2). */
    static int totalDigits(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0).precision() : Math.max(stripped.precision(), stripped.scale());
    }

    /** An amount in tenge with at most two decimals, as tiyn; exact, never through a double. */
    static long tiyn(BigDecimal tenge) {
        if (fractionDigits(tenge) > 2) {
            throw new ArithmeticException(tenge.toPlainString() + " has more than 2 decimals");
        }
        return tenge.movePointRight(2).longValueExact();
    }

    /** The money text as tiyn; the text must have passed the validator. */
    static long tiyn(String text) {
        return tiyn(decimal(text));
    }

    /** The xs:boolean, or {@code null} when the text is not one. */
    static Boolean bool(String text) {
        return switch (text.strip()) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** The xs:int, or {@code null} when the text is not one. */
    static Integer integer(String text) {
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
