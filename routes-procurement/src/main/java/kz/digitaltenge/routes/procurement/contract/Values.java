package kz.digitaltenge.routes.procurement.contract;

/** Quoting values in refusals: short, and never a control or direction character (they would reach logs and screens). */
final class Values {
    static final int EXCERPT = 24;

    private Values() {
    }

    /** A longer excerpt, for a parser's own message (it may quote the document). */
    static String excerptLong(String value) {
        return excerpt(value, 200);
    }

    static String excerpt(String value) {
        return excerpt(value, EXCERPT);
    }

    private static String excerpt(String value, int max) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (int i = 0; i < value.length() && n < max; ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            n++;
            if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e)
                    || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f || cp == 0x061c
                    || Character.getType(cp) == Character.SURROGATE) {
                out.append(String.format("U+%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        }
        return value.codePointCount(0, value.length()) > max ? out + "…" : out.toString();
    }
}
