package kz.digitaltenge.routes.subsidy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** The small parts of an XLSX workbook read before its sheet (the 1904 flag, shared strings, date styles), and the problems
 * a SAX callback carries out to {@link RegisterXlsx}. */
final class XlsxParts {
    private XlsxParts() {
    }

    /** A limit passed while reading a part. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /** A part that is not what an XLSX writes. */
    static final class BadSheet extends RuntimeException {
        BadSheet(String message) {
            super(message, null, false, false);
        }
    }

    /** Carries a problem out of a SAX callback. */
    static final class Wrapped extends SAXException {
        Wrapped(RuntimeException cause) {
            super(cause);
        }
    }

    /** {@code workbookPr date1904}: dates counted from 1904 (old Mac Excel). */
    static final class WorkbookHandler extends DefaultHandler {
        boolean date1904;

        @Override
        public void startElement(String uri, String local, String qName, Attributes a) {
            if ("workbookPr".equals(local)) {
                String v = a.getValue("date1904");
                date1904 = "1".equals(v) || "true".equals(v);
            }
        }
    }

    /** The shared strings, in order: each {@code si}'s text runs, without phonetic runs ({@code rPh}). */
    static final class SharedStringsHandler extends DefaultHandler {
        final List<String> strings = new ArrayList<>();
        private final RegisterLimits limits;
        private final long maxStrings;
        private StringBuilder current;
        private boolean inText;
        private int phonetic;

        SharedStringsHandler(RegisterLimits limits) {
            this.limits = limits;
            this.maxStrings = (long) limits.maxRows() * XlsxSheet.MAX_COLUMNS;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes a) throws SAXException {
            switch (local) {
                case "si" -> {
                    if (strings.size() >= maxStrings) {
                        throw new Wrapped(new TooLarge("the XLSX file has more than " + maxStrings + " shared strings; a"
                                + " register export of " + limits.maxRows() + " rows has fewer"));
                    }
                    current = new StringBuilder();
                }
                case "rPh" -> phonetic++;
                case "t" -> inText = current != null && phonetic == 0;
                default -> { }
            }
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            switch (local) {
                case "si" -> {
                    strings.add(current.toString());
                    current = null;
                }
                case "rPh" -> phonetic--;
                case "t" -> inText = false;
                default -> { }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inText && current.length() < limits.maxCellChars()) {
                current.append(ch, start, Math.min(length, limits.maxCellChars() - current.length()));
            }
        }
    }

    /** Which cell styles ({@code cellXfs}, by index) show a number as a date or time. */
    static final class StylesHandler extends DefaultHandler {
        private final Map<Integer, String> customFormats = new HashMap<>();
        private final List<Integer> xfFormats = new ArrayList<>();
        private boolean inCellXfs;

        @Override
        public void startElement(String uri, String local, String qName, Attributes a) {
            switch (local) {
                case "numFmt" -> {
                    Integer id = integer(a.getValue("numFmtId"));
                    if (id != null && customFormats.size() < 10_000) {
                        customFormats.put(id, String.valueOf(a.getValue("formatCode")));
                    }
                }
                case "cellXfs" -> inCellXfs = true;
                case "xf" -> {
                    if (inCellXfs && xfFormats.size() < 100_000) {
                        Integer id = integer(a.getValue("numFmtId"));
                        xfFormats.add(id == null ? 0 : id);
                    }
                }
                default -> { }
            }
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            if ("cellXfs".equals(local)) {
                inCellXfs = false;
            }
        }

        Map<Integer, Boolean> dateStyles() {
            Map<Integer, Boolean> out = new HashMap<>();
            for (int i = 0; i < xfFormats.size(); i++) {
                int id = xfFormats.get(i);
                String format = customFormats.containsKey(id) ? customFormats.get(id) : BuiltinFormats.getBuiltinFormat(id);
                if (format != null && DateUtil.isADateFormat(id, format)) {
                    out.put(i, true);
                }
            }
            return out;
        }
    }

    static Integer integer(String s) {
        if (s == null || s.length() > 9 || !s.chars().allMatch(c -> c >= '0' && c <= '9') || s.isEmpty()) {
            return null;
        }
        return Integer.parseInt(s);
    }
}
