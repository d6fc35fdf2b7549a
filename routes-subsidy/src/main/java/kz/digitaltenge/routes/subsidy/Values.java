package kz.digitaltenge.routes.subsidy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.regex.Pattern;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.canonical.text.Text;

/**
 * The values of the subsidy formats, read strictly: each method returns the canonical form or throws a
 * {@link RecordProblem} that names the field ({@code what}) and quotes the value safely.
 */
final class Values {
    /** The subsidy system's local time. */
    static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    /** {@code ДД.ММ.ГГГГ ЧЧ:ММ:СС}, the register's times. */
    static final DateTimeFormatter REGISTER_TIME = DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern REGISTER_TIME_SHAPE = Pattern.compile("\\d{2}\\.\\d{2}\\.\\d{4} \\d{2}:\\d{2}:\\d{2}");
    /** RFC 3339 date-time: seconds and an offset always, a fraction optionally. */
    private static final Pattern INSTANT_SHAPE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern APPLICATION_NUMBER = Pattern.compile("\\d{14}");
    private static final Pattern ROW_NUMBER = Pattern.compile("\\d{1,9}");
    /**
     * A tenge amount as a spreadsheet writes it: digits, optionally grouped by thousands with a blank (space, no-break
     * space, narrow no-break space), a point or a comma before one or two decimals. Anything else is refused, never
     * guessed ("1,250" has three decimals after a comma and is refused too).
     */
    private static final Pattern GROUPED = Pattern.compile("\\d{1,3}([ \\u00A0\\u202F]\\d{3})+([.,]\\d{1,2})?");
    private static final Pattern COMMA_DECIMAL = Pattern.compile("\\d+,\\d{1,2}");
    /** The longest value quoted in a message. */
    private static final int QUOTE = 40;
    /** The longest message of another component passed on. */
    private static final int SAFE = 200;

    private Values() {
    }

    /** A present, non-blank text that obeys the ledger's text rule for terms, stripped of surrounding blanks. */
    static String text(String what, String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw new RecordProblem(ReasonCode.SCHEMA_INVALID, what + " is missing");
        }
        return termText(what, v);
    }

    /** An optional text: null when absent or blank, else as {@link #text}. */
    static String optionalText(String what, String value) {
        return value == null || value.isBlank() ? null : text(what, value);
    }

    private static String termText(String what, String v) {
        try {
            return Text.require(Text.Field.TERM_VALUE, what, v);
        } catch (LedgerException e) {
            throw new RecordProblem(ReasonCode.MALFORMED, e.getMessage());
        }
    }

    /** A subsidy application number: exactly 14 digits 0-9. */
    static String applicationNumber(String what, String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw new RecordProblem(ReasonCode.SCHEMA_INVALID, what + " is missing");
        }
        if (!APPLICATION_NUMBER.matcher(v).matches()) {
            throw new RecordProblem(ReasonCode.SCHEMA_INVALID, what + " " + quote(v) + " is not an application number"
                    + " (14 digits 0-9, " + v.length() + " characters given)");
        }
        return v;
    }

    /** The register's row number: 1 to 9 digits. */
    static long rowNumber(String what, String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw new RecordProblem(ReasonCode.SCHEMA_INVALID, what + " is missing");
        }
        if (!ROW_NUMBER.matcher(v).matches() || Long.parseLong(v) == 0) {
            throw new RecordProblem(ReasonCode.MALFORMED, what + " " + quote(v) + " is not a row number (a positive whole number)");
        }
        return Long.parseLong(v);
    }

    /** A BIN or IIN with its check digit. */
    static String partyId(String what, String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw new RecordProblem(ReasonCode.SCHEMA_INVALID, what + " is missing");
        }
        try {
            return PartyId.of(v).value();
        } catch (LedgerException e) {
            throw new RecordProblem(ReasonCode.INVALID_IDENTIFIER, what + ": " + safe(e.getMessage()));
        }
    }

    /** An IIK, written as the ledger writes it (upper case, no blanks), mod-97 checked. */
    static String account(String what, String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw new RecordProblem(ReasonCode.SCHEMA_INVALID, what + " is missing");
        }
        try {
            return new AccountNumber(v).value();
        } catch (LedgerException e) {
            throw new RecordProblem(ReasonCode.INVALID_IDENTIFIER, what + ": " + safe(e.getMessage()));
        }
    }

    /**
     * A tenge amount to tiyn, through {@link Tiyn#parse} (never a double). {@code grouped} also takes a spreadsheet's
     * writing ({@code 1 250 000,50}, {@code 1250,5}); the JSON format takes the plain form only.
     */
    static long tenge(String what, String value, boolean grouped) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw new RecordProblem(ReasonCode.SCHEMA_INVALID, what + " is missing");
        }
        String plain = v;
        if (grouped) {
            if (GROUPED.matcher(v).matches()) {
                plain = v.replaceAll("[ \\u00A0\\u202F]", "").replace(',', '.');
            } else if (COMMA_DECIMAL.matcher(v).matches()) {
                plain = v.replace(',', '.');
            }
        }
        try {
            long tiyn = Tiyn.parse(plain);
            if (tiyn > Tiyn.MAX_OUTPUT) {
                throw new RecordProblem(ReasonCode.OVER_LIMIT, what + " " + quote(v) + " is above the ledger's largest amount "
                        + Tiyn.format(Tiyn.MAX_OUTPUT));
            }
            return tiyn;
        } catch (LedgerException e) {
            throw new RecordProblem(ReasonCode.MALFORMED, what + " " + quote(v) + " is not an amount in tenge like 1250.50"
                    + (grouped ? " or 1 250,50" : "") + " (digits, at most two decimals, no sign)");
        }
    }

    /** As {@link #tenge}, and more than zero. */
    static long positiveTenge(String what, String value, boolean grouped) {
        long tiyn = tenge(what, value, grouped);
        if (tiyn <= 0) {
            throw new RecordProblem(ReasonCode.OVER_LIMIT, what + " must be more than 0.00, not " + quote(value.strip()));
        }
        return tiyn;
    }

    /** An ISO-8601 instant with its offset ({@code 2025-03-01T10:00:00Z}, {@code 2025-03-01T15:00:00+05:00}). */
    static Instant instant(String what, String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw new RecordProblem(ReasonCode.SCHEMA_INVALID, what + " is missing");
        }
        try {
            if (!INSTANT_SHAPE.matcher(v).matches()) {
                throw new DateTimeException("shape");
            }
            return OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw new RecordProblem(ReasonCode.MALFORMED, what + " " + quote(v) + " is not an ISO-8601 instant with an offset"
                    + " (like 2025-03-01T10:00:00Z or 2025-03-01T15:00:00+05:00)");
        }
    }

    /**
     * The register's local time {@code ДД.ММ.ГГГГ ЧЧ:ММ:СС} in Asia/Almaty, by the JDK's time-zone rules (UTC+5 from
     * 1 March 2024, UTC+6 before). A local time the clocks skipped or passed twice is refused, not guessed.
     */
    static Instant registerTime(String what, String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw new RecordProblem(ReasonCode.SCHEMA_INVALID, what + " is missing");
        }
        LocalDateTime local;
        try {
            if (!REGISTER_TIME_SHAPE.matcher(v).matches()) {
                throw new DateTimeException("shape");
            }
            local = LocalDateTime.parse(v, REGISTER_TIME);
        } catch (DateTimeException e) {
            throw new RecordProblem(ReasonCode.MALFORMED, what + " " + quote(v) + " is not a date and time ДД.ММ.ГГГГ ЧЧ:ММ:СС"
                    + " (like 15.01.2025 10:30:00)");
        }
        List<ZoneOffset> offsets = ALMATY.getRules().getValidOffsets(local);
        if (offsets.size() != 1) {
            throw new RecordProblem(ReasonCode.MALFORMED, what + " " + quote(v) + (offsets.isEmpty()
                    ? " does not exist in Asia/Almaty (the clocks skipped it)"
                    : " is ambiguous in Asia/Almaty (the clocks passed it twice)"));
        }
        return local.toInstant(offsets.get(0));
    }

    /** A value quoted for a message: at most {@value #QUOTE} characters, invisible and control characters as U+XXXX. */
    static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder(QUOTE + 8).append('\'');
        int n = 0;
        for (int i = 0; i < value.length() && n < QUOTE; n++) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            if (visible(c)) {
                b.appendCodePoint(c);
            } else {
                b.append(Text.codePoint(c));
            }
        }
        if (value.codePointCount(0, value.length()) > QUOTE) {
            b.append("...");
        }
        return b.append('\'').toString();
    }

    /**
     * A message of another component (which may quote a raw value) made safe to pass on: invisible and control
     * characters as U+XXXX, at most {@value #SAFE} characters.
     */
    static String safe(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(message.length(), SAFE) + 8);
        for (int i = 0; i < message.length() && b.length() < SAFE; ) {
            int c = message.codePointAt(i);
            i += Character.charCount(c);
            if (visible(c)) {
                b.appendCodePoint(c);
            } else {
                b.append(Text.codePoint(c));
            }
        }
        return b.length() >= SAFE ? b.append("...").toString() : b.toString();
    }

    private static boolean visible(int c) {
        if (Character.isISOControl(c) || Character.isSurrogate((char) c) && c <= 0xFFFF) {
            return false;
        }
        int type = Character.getType(c);
        return type != Character.FORMAT && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && type != Character.UNASSIGNED && type != Character.PRIVATE_USE;
    }
}
