package kz.digitaltenge.routes.subsidy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import kz.digitaltenge.routes.subsidy.XlsxParts.BadSheet;
import kz.digitaltenge.routes.subsidy.XlsxParts.TooLarge;
import kz.digitaltenge.routes.subsidy.XlsxParts.Wrapped;
import org.apache.poi.ss.usermodel.DateUtil;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** The sheet's rows: each cell's text by its column, the row's number as the sheet numbers it. */
final class XlsxSheet extends DefaultHandler {
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,20}(\\.\\d{1,20})?([eE][-+]?\\d{1,2})?");
    private static final MathContext EXCEL = new MathContext(15, RoundingMode.HALF_EVEN);
    /** The columns kept of a row: the register's eleven and a few more to see that they are empty. */
    static final int MAX_COLUMNS = 32;

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

    XlsxSheet(List<String> strings, Map<Integer, Boolean> dateStyles, boolean date1904, RegisterLimits limits) {
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
        Integer r = XlsxParts.integer(a.getValue("r"));
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
        Integer s = XlsxParts.integer(a.getValue("s"));
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
            rows.add(new Register.Row(rowNumber, cells, String.join(";", cells.stream().map(XlsxSheet::csvCell).toList())));
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
                Integer i = XlsxParts.integer(v.strip());
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
