package kz.digitaltenge.routes.subsidy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A register export saved as XLSX: the first sheet, read as text with SAX (never a whole workbook in memory), cell by
 * cell as a spreadsheet shows it. Formulas are never evaluated: a formula cell is the value the spreadsheet stored with
 * it (none: an empty cell). Numbers are their stored value to 15 significant digits (Excel's precision; its XML may write
 * 1250.0999999999999 for 1250.1), in plain digits (never 1.23E+13); a number styled as a date or time is that local time
 * as {@code ДД.ММ.ГГГГ ЧЧ:ММ:СС}.
 *
 * <p>Before POI opens the package, {@link ZipGuard} walks the zip with the {@link RegisterLimits} (a zip bomb is refused
 * before it is expanded, a truncated file at once); POI's {@link ZipSecureFile} is then set to limits no looser than
 * its own defaults and these, and the XML parsers are POI's secure ones (no DTD, no external entities).
 */
final class RegisterXlsx {
    static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,20}(\\.\\d{1,20})?([eE][-+]?\\d{1,2})?");
    private static final MathContext EXCEL = new MathContext(15, RoundingMode.HALF_EVEN);
    /** The columns kept of a row: the register's eleven and a few more to see that they are empty. */
    private static final int MAX_COLUMNS = 32;

    private final RegisterLimits limits;

    RegisterXlsx(RegisterLimits limits) {
        this.limits = limits;
        tightenPoi();
    }

    /**
     * POI's own zip-bomb guard (a JVM-wide setting), never looser than its defaults nor than this module's default
     * limits; a reader with stricter limits of its own has them enforced by {@link ZipGuard}.
     */
    private static synchronized void tightenPoi() {
        RegisterLimits d = RegisterLimits.DEFAULT;
        if (ZipSecureFile.getMinInflateRatio() < d.minInflateRatio()) {
            ZipSecureFile.setMinInflateRatio(d.minInflateRatio());
        }
        if (ZipSecureFile.getMaxEntrySize() > d.maxEntryBytes()) {
            ZipSecureFile.setMaxEntrySize(d.maxEntryBytes());
        }
        if (ZipSecureFile.getMaxFileCount() > d.maxEntries()) {
            ZipSecureFile.setMaxFileCount(d.maxEntries());
        }
    }

    /** Whether the bytes are a zip (an XLSX is one): they start {@code PK 03 04} (or {@code PK 05 06}, an empty zip). */
    static boolean isZip(byte[] body) {
        return body.length >= 4 && body[0] == 'P' && body[1] == 'K' && (body[2] == 3 && body[3] == 4 || body[2] == 5 && body[3] == 6);
    }

    /** The rows of the workbook's first sheet, in order (rows with no cell at all are not listed). */
    List<Register.Row> rows(byte[] body) {
        if (body.length > limits.maxFileBytes()) {
            throw new SourceMessageRejected(ReasonCode.TOO_LARGE, "the XLSX file has " + body.length + " bytes; a register"
                    + " export is taken up to " + limits.maxFileBytes() + " bytes");
        }
        ZipGuard.check(body, limits);
        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(new ByteArrayInputStream(body));
            XSSFReader reader = new XSSFReader(pkg);
            boolean date1904;
            try (InputStream workbook = reader.getWorkbookData()) {
                WorkbookHandler h = new WorkbookHandler();
                parse(workbook, h);
                date1904 = h.date1904;
            }
            List<String> strings = List.of();
            InputStream sst = optional(() -> reader.getSharedStringsData());
            if (sst != null) {
                try (sst) {
                    SharedStringsHandler h = new SharedStringsHandler(limits);
                    parse(sst, h);
                    strings = h.strings;
                }
            }
            Map<Integer, Boolean> dateStyles = Map.of();
            InputStream styles = optional(() -> reader.getStylesData());
            if (styles != null) {
                try (styles) {
                    StylesHandler h = new StylesHandler();
                    parse(styles, h);
                    dateStyles = h.dateStyles();
                }
            }
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "the XLSX workbook has no sheet");
            }
            try (InputStream sheet = sheets.next()) {
                SheetHandler h = new SheetHandler(strings, dateStyles, date1904, limits);
                parse(sheet, h);
                return h.rows;
            }
        } catch (SourceMessageRejected e) {
            throw e;
        } catch (TooLarge e) {
            throw new SourceMessageRejected(ReasonCode.TOO_LARGE, e.getMessage());
        } catch (BadSheet e) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the XLSX workbook is broken: " + e.getMessage());
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
            String why = Values.safe(e.getMessage());
            if (why.contains("Zip bomb") || why.contains("zip bomb")) {
                throw new SourceMessageRejected(ReasonCode.TOO_LARGE, "the XLSX file is refused as a zip bomb: " + why);
            }
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the file is a zip but not an XLSX workbook that can be"
                    + " read (" + e.getClass().getSimpleName() + (why.isEmpty() ? "" : ": " + why) + ")");
        } finally {
            if (pkg != null) {
                pkg.revert(); // closes without writing anything back
            }
        }
    }

    private interface Part {
        InputStream open() throws IOException, OpenXML4JException;
    }

    private static InputStream optional(Part part) throws IOException, OpenXML4JException {
        try {
            return part.open();
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException | IllegalArgumentException absent) {
            return null;
        }
    }

    private static void parse(InputStream in, DefaultHandler handler) throws IOException, SAXException,
            ParserConfigurationException {
        XMLReader xml = XMLHelper.newXMLReader();
        xml.setContentHandler(handler);
        xml.setErrorHandler(handler);
        try {
            xml.parse(new InputSource(in));
        } catch (SAXException e) {
            if (e.getCause() instanceof TooLarge t) {
                throw t;
            }
            if (e.getCause() instanceof BadSheet b) {
                throw b;
            }
            if (e instanceof Wrapped w && w.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** A limit passed while reading a part. */
    private static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /** A part that is not what an XLSX writes. */
    private static final class BadSheet extends RuntimeException {
        BadSheet(String message) {
            super(message, null, false, false);
        }
    }

    /** Carries a problem out of a SAX callback. */
    private static final class Wrapped extends SAXException {
        Wrapped(RuntimeException cause) {
            super(cause);
        }
    }

    /** {@code workbookPr date1904}: dates counted from 1904 (old Mac Excel). */
    private static final class WorkbookHandler extends DefaultHandler {
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
    private static final class SharedStringsHandler extends DefaultHandler {
        final List<String> strings = new ArrayList<>();
        private final RegisterLimits limits;
        private final long maxStrings;
        private StringBuilder current;
        private boolean inText;
        private int phonetic;

        SharedStringsHandler(RegisterLimits limits) {
            this.limits = limits;
            this.maxStrings = (long) limits.maxRows() * MAX_COLUMNS;
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
    private static final class StylesHandler extends DefaultHandler {
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

    private static Integer integer(String s) {
        if (s == null || s.length() > 9 || !s.chars().allMatch(c -> c >= '0' && c <= '9') || s.isEmpty()) {
            return null;
        }
        return Integer.parseInt(s);
    }

    /** The sheet's rows: each cell's text by its column, the row's number as the sheet numbers it. */
    private static final class SheetHandler extends DefaultHandler {
        final List<Register.Row> rows = new ArrayList<>();
        private final List<String> strings;
        private final Map<Integer, Boolean> dateStyles;
        private final boolean date1904;
        private final RegisterLimits limits;
        private int rowNumber;
        private List<String> cells;
        private int column;
        private String type;
        private int style;
        private StringBuilder value;
        private boolean inValue;
        private boolean inInline;
        private int phonetic;

        SheetHandler(List<String> strings, Map<Integer, Boolean> dateStyles, boolean date1904, RegisterLimits limits) {
            this.strings = strings;
            this.dateStyles = dateStyles;
            this.date1904 = date1904;
            this.limits = limits;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes a) throws SAXException {
            try {
                switch (local) {
                    case "row" -> startRow(a);
                    case "c" -> startCell(a);
                    case "v" -> {
                        if (cells != null) {
                            inValue = true;
                            value = new StringBuilder();
                        }
                    }
                    case "is" -> {
                        if (cells != null) {
                            inInline = true;
                            value = new StringBuilder();
                        }
                    }
                    case "rPh" -> phonetic++;
                    case "t" -> inValue = inInline && phonetic == 0;
                    default -> { }
                }
            } catch (RuntimeException e) {
                throw new Wrapped(e);
            }
        }

        private void startRow(Attributes a) {
            Integer r = integer(a.getValue("r"));
            int number = r == null ? rowNumber + 1 : r;
            if (number <= rowNumber) {
                throw new BadSheet("row " + number + " comes after row " + rowNumber);
            }
            if (rows.size() >= limits.maxRows() || number > 1_048_576) {
                throw new TooLarge("the XLSX sheet has more than " + limits.maxRows() + " rows; a register export is taken"
                        + " up to " + limits.maxRows());
            }
            rowNumber = number;
            cells = new ArrayList<>();
            column = -1;
        }

        private void startCell(Attributes a) {
            if (cells == null) {
                throw new BadSheet("a cell outside a row");
            }
            String ref = a.getValue("r");
            int c = ref == null ? column + 1 : columnOf(ref);
            if (c <= column) {
                throw new BadSheet("cell " + Values.quote(ref) + " of row " + rowNumber + " comes after column " + (column + 1));
            }
            column = c;
            type = a.getValue("t");
            Integer s = integer(a.getValue("s"));
            style = s == null ? 0 : s;
            value = null;
        }

        @Override
        public void endElement(String uri, String local, String qName) throws SAXException {
            try {
                switch (local) {
                    case "v" -> inValue = false;
                    case "t" -> {
                        if (inInline) {
                            inValue = false;
                        }
                    }
                    case "rPh" -> phonetic--;
                    case "is" -> inInline = false;
                    case "c" -> endCell();
                    case "row" -> endRow();
                    default -> { }
                }
            } catch (RuntimeException e) {
                throw new Wrapped(e);
            }
        }

        private void endCell() {
            if (cells == null || column >= MAX_COLUMNS) {
                if (cells != null && value != null && !value.isEmpty()) {
                    put(MAX_COLUMNS - 1, "(a value in column " + (column + 1) + ")");
                }
                return;
            }
            put(column, text());
        }

        private void put(int c, String text) {
            while (cells.size() <= c) {
                cells.add("");
            }
            cells.set(c, text);
        }

        private void endRow() {
            if (cells != null && !cells.isEmpty()) {
                rows.add(new Register.Row(rowNumber, cells, String.join(";", cells.stream().map(RegisterXlsx::csvCell).toList())));
            }
            cells = null;
        }

        /** The cell as the sheet shows it. */
        private String text() {
            String v = value == null ? "" : value.toString();
            if (v.isEmpty()) {
                return "";
            }
            String t = type == null ? "n" : type;
            return switch (t) {
                case "s" -> {
                    Integer i = integer(v.strip());
                    if (i == null || i >= strings.size()) {
                        throw new BadSheet("cell of row " + rowNumber + " names shared string " + Values.quote(v)
                                + ", which the workbook does not have");
                    }
                    yield strings.get(i);
                }
                case "inlineStr", "str", "e" -> v;
                case "b" -> "1".equals(v.strip()) ? "TRUE" : "FALSE";
                case "d" -> isoDate(v);
                default -> number(v);
            };
        }

        private String number(String raw) {
            String v = raw.strip();
            if (!NUMBER.matcher(v).matches()) {
                return v; // not a number after all: its column's rule says what is wrong
            }
            if (Boolean.TRUE.equals(dateStyles.get(style))) {
                double serial = Double.parseDouble(v);
                if (!DateUtil.isValidExcelDate(serial)) {
                    return v;
                }
                LocalDateTime t = DateUtil.getLocalDateTime(serial, date1904, true);
                return t == null ? v : t.format(Values.REGISTER_TIME);
            }
            BigDecimal d = new BigDecimal(v).round(EXCEL).stripTrailingZeros();
            return d.signum() == 0 ? "0" : d.toPlainString();
        }

        private String isoDate(String v) {
            try {
                return LocalDateTime.parse(v.strip()).format(Values.REGISTER_TIME);
            } catch (DateTimeParseException e) {
                return v;
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inValue && value != null && value.length() < limits.maxCellChars()) {
                value.append(ch, start, Math.min(length, limits.maxCellChars() - value.length()));
            }
        }
    }

    /** The column index (from 0) of a cell reference like {@code K6}. */
    static int columnOf(String ref) {
        int c = 0;
        int i = 0;
        while (i < ref.length() && ref.charAt(i) >= 'A' && ref.charAt(i) <= 'Z') {
            c = c * 26 + (ref.charAt(i) - 'A' + 1);
            i++;
            if (i > 3) {
                throw new BadSheet("cell reference " + Values.quote(ref) + " is not a spreadsheet's");
            }
        }
        if (i == 0) {
            throw new BadSheet("cell reference " + Values.quote(ref) + " is not a spreadsheet's");
        }
        return c - 1;
    }

    /** A cell as a CSV cell (for the row's text in a rejection): quoted when it holds a separator, a quote or a break. */
    static String csvCell(String cell) {
        if (cell.contains(";") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }
}
