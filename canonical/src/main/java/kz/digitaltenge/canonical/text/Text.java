package kz.digitaltenge.canonical.text;

import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * The one rule for text the ledger accepts: single-line, no invisible or direction-changing characters, well-formed
 * UTF-16, and a cap per kind of field. Text that breaks it is refused with {@link ReasonCode#MALFORMED} and a
 * message that names the field and the offending code point as {@code U+XXXX}, never the character itself (a raw
 * control or bidi character in a message would reach logs and screens and do there what it was sent to do).
 *
 * <p>Why each class of character is refused:
 * <ul>
 *   <li>C0 controls (U+0000–U+001F, including TAB, CR, LF), DEL (U+007F) and C1 controls (U+0080–U+009F): NUL cannot
 *       be stored by PostgreSQL at all (it failed whole group commits), the others forge lines in logs and
 *       statements;</li>
 *   <li>U+2028/U+2029 (line and paragraph separator): line breaks in JSON and JavaScript consumers;</li>
 *   <li>bidi controls U+202A–U+202E, U+2066–U+2069, the marks U+200E/U+200F and U+061C: they reorder what a reader
 *       sees (a reference that displays as one value and is another — "Trojan Source");</li>
 *   <li>unpaired surrogates: not text; encoders replace them silently, so the bytes signed would differ from what
 *       was shown.</li>
 * </ul>
 * Caps count UTF-16 code units ({@link String#length()}), like every other length limit of the ledger; they are
 * listed in {@code ledger-core/README.md}. Depends on nothing but {@link LedgerException} and {@link ReasonCode}.
 */
public final class Text {
    /** The kinds of text field the ledger accepts, each with its cap. */
    public enum Field {
        PARTICIPANT_NAME("participant name", 200),
        KEY_ID("key id", 128),
        /** Same cap as {@code Transaction.MAX_REFERENCE_LENGTH}, which the transaction's constructor enforces. */
        REFERENCE("transaction reference", 64),
        /** {@code CONTRACT:} and a contract number of up to 128 characters is the longest marking. */
        MARKING("marking", 9 + 128),
        /** {@code EVENT:} and an event id (a fact subject). */
        HOLD("hold", 6 + 128),
        /** Same cap as {@code Fact.MAX_SUBJECT}. */
        FACT_SUBJECT("fact subject", 128),
        TERM_KEY("fact term key", 64),
        /** Same cap as {@code Fact.MAX_TERM_LENGTH}. */
        TERM_VALUE("fact term value", 512),
        /** One field of a source's document (a 1C payment order's name, purpose, number ...). */
        DOCUMENT_FIELD("document field", 1024),
        /** A query parameter of the hub's API (a filter, a search text, an identifier). */
        QUERY_PARAMETER("query parameter", 1024);

        private final String label;
        private final int cap;

        Field(String label, int cap) {
            this.label = label;
            this.cap = cap;
        }

        public String label() {
            return label;
        }

        public int cap() {
            return cap;
        }
    }

    /** How many characters of a refused value {@link #excerpt} shows. */
    public static final int EXCERPT = 16;

    private Text() {
    }

    /** A present, non-blank value that obeys the rule; returns it unchanged. */
    public static String require(Field field, String value) {
        return require(field, field.label(), value);
    }

    /** As {@link #require(Field, String)}, naming the field {@code name} in a refusal (e.g. "fact term 'net'"). */
    public static String require(Field field, String name, String value) {
        if (value == null || value.isBlank()) {
            throw new LedgerException(ReasonCode.MALFORMED, name + " is missing");
        }
        return check(field, name, value);
    }

    /** A value that may be absent ({@code null}); a present one obeys the rule. */
    public static String optional(Field field, String value) {
        return value == null ? null : check(field, field.label(), value);
    }

    /** As {@link #optional(Field, String)}, naming the field {@code name} in a refusal. */
    public static String optional(Field field, String name, String value) {
        return value == null ? null : check(field, name, value);
    }

    private static String check(Field field, String name, String value) {
        // the cap first: a huge value is refused without being scanned
        if (value.length() > field.cap()) {
            throw new LedgerException(ReasonCode.MALFORMED, name + " is longer than " + field.cap() + " characters ("
                    + value.length() + ")");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a well-formed pair: a supplementary character, allowed
                continue;
            }
            if (refused(c)) {
                throw new LedgerException(ReasonCode.MALFORMED, name + " contains " + codePoint(c) + " at position " + i
                        + (Character.isSurrogate(c) ? " (an unpaired surrogate)" : "") + ", which is not allowed");
            }
        }
        return value;
    }

    /** True for a UTF-16 unit that may not appear (a lone surrogate here is unpaired: pairs are skipped). */
    private static boolean refused(char c) {
        return c <= 0x1F
                || (c >= 0x7F && c <= 0x9F)
                || c == 0x2028 || c == 0x2029
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E || c == 0x200F
                || c == 0x061C
                || Character.isSurrogate(c);
    }

    /** {@code U+0000} style, four hex digits at least. */
    public static String codePoint(int c) {
        return String.format("U+%04X", c);
    }

    /**
     * A short, safe rendering of untrusted input for a refusal message: at most {@link #EXCERPT} characters,
     * everything outside printable ASCII written as {@code U+XXXX}, an ellipsis when cut.
     */
    public static String excerpt(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(EXCERPT + 8);
        int n = Math.min(value.length(), EXCERPT);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                b.append(c);
            } else {
                b.append(codePoint(c));
            }
        }
        if (value.length() > n) {
            b.append("...");
        }
        return b.toString();
    }
}
