package kz.digitaltenge.routes.livestock;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import kz.digitaltenge.canonical.ReasonCode;

/** The value rules of the event format, each refusing with a message that names the field and quotes the value safely. */
final class Values {
    /** A loan number: ASCII letters, digits and {@code . _ / -}, 1-64, starting with a letter or digit. */
    static final Pattern LOAN_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");
    /** The identification system's own event id: as a loan number, with {@code :}, 1-100. */
    static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}");
    /** The individual number (ИНЖ): KZ, a region letter, the species digit, an 8-digit serial. */
    static final Pattern ANIMAL_NUMBER = Pattern.compile("KZ[A-Z][1-5][0-9]{8}");
    /** An ISO 11784/11785 carrier of Kazakhstan: 398 and 12 digits. */
    static final Pattern RFID = Pattern.compile("398[0-9]{12}");
    static final Pattern KATO = Pattern.compile("[0-9]{9}");
    /** A veterinary passport number: letters of any script, digits 0-9, blanks, {@code . / - №}; up to 32. */
    static final Pattern PASSPORT = Pattern.compile("[\\p{L}0-9][\\p{L}0-9 ./№-]{0,31}");
    /** Breed and colour: words of letters with blanks, {@code - . , ' ( )}; up to 64; never a formula. */
    static final Pattern WORDS = Pattern.compile("\\p{L}[\\p{L} .,'()-]{0,63}");
    static final Pattern COUNT = Pattern.compile("[0-9]{1,9}");
    /** Instants are refused outside these years: a typo, not an animal's life. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
    static final LocalDate EARLIEST_BIRTH = LocalDate.of(1990, 1, 1);
    static final int MAX_HEADS = 100_000;

    private Values() {
    }

    static String required(RecordFields f, String name) {
        String v = f.text(name);
        if (v == null) {
            throw new RecordRefused(ReasonCode.SCHEMA_INVALID, "field '" + name + "' is missing");
        }
        return v;
    }

    static String matching(String name, String value, Pattern pattern, ReasonCode reason, String what) {
        if (value == null) {
            return null;
        }
        if (!pattern.matcher(value).matches()) {
            throw new RecordRefused(reason, "field '" + name + "': " + quote(value) + " is not " + what);
        }
        return value;
    }

    /** An ISO-8601 instant with {@code Z} or an offset ({@code +05:00}), as UTC {@code ...Z}; null stays null. */
    static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        Instant t;
        try {
            t = value.length() > 40 ? null : OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            t = null;
        }
        if (t == null) {
            throw new RecordRefused(ReasonCode.MALFORMED, "field '" + name + "': " + quote(value)
                    + " is not an ISO-8601 instant with a zone (2026-03-02T09:00:00+05:00 or 2026-03-02T04:00:00Z)");
        }
        if (t.isBefore(EARLIEST) || !t.isBefore(LATEST)) {
            throw new RecordRefused(ReasonCode.MALFORMED, "field '" + name + "': " + quote(value)
                    + " is outside the years 2000-2099");
        }
        return t;
    }

    static LocalDate date(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
            }
        } catch (DateTimeException e) {
            // refused below
        }
        throw new RecordRefused(ReasonCode.MALFORMED, "field '" + name + "': " + quote(value)
                + " is not a date (yyyy-MM-dd, a real day)");
    }

    /** The value quoted for a refusal: at most 16 characters, anything outside printable ASCII as U+XXXX. */
    static String quote(String value) {
        return "'" + kz.digitaltenge.canonical.text.Text.excerpt(value) + "'";
    }

    /** A message from a library made safe for the back office's screens and logs: printable, at most 300 characters. */
    static String safe(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(message.length(), 300) + 8);
        for (int i = 0; i < message.length() && b.length() < 300; i++) {
            char c = message.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                b.append(c);
            } else if (Character.isLetterOrDigit(c) && !Character.isSurrogate(c)) {
                b.append(c);
            } else {
                b.append(kz.digitaltenge.canonical.text.Text.codePoint(c));
            }
        }
        if (b.length() >= 300) {
            b.append("...");
        }
        return b.toString();
    }
}
