package kz.digitaltenge.routes.subsidy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Register exports of the subsidy system as it gives them, for tests, the demo and the bench (a test-jar of this
 * module: the hub's main code writes no test documents): a title block in rows 1–4, the header in row 5, one application
 * per row; as CSV (UTF-8 with or without a byte order mark, or windows-1251; {@code ;} or {@code ,}) or as XLSX (cells
 * as text, or typed: numbers as numbers, the date as a date cell).
 *
 * <pre>{@code
 * byte[] csv = new SubsidyRegister()
 *         .row(SubsidyRegister.Row.of(1, "25010100000001", "Одобрена", "1250000.50"))
 *         .row(SubsidyRegister.Row.of(2, "25010100000002", "Отклонена", ""))
 *         .csv();
 * }</pre>
 */
public final class SubsidyRegister {
    /** The header row, as the export writes it. */
    public static final List<String> HEADER = List.of("№ п/п", "Дата поступления", "Область", "Акимат", "Номер заявки",
            "Направление", "Наименование субсидирования", "Статус заявки", "Норматив", "Причитающая сумма",
            "Район хозяйства");
    /** {@code ДД.ММ.ГГГГ ЧЧ:ММ:СС}. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");
    public static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    private static final Pattern NUMERIC = Pattern.compile("\\d{1,15}(\\.\\d+)?");

    /** One application's row; every cell is text, so a test can write anything into any column. */
    public record Row(String no, String receivedAt, String region, String akimat, String applicationNumber,
                      String direction, String subsidyName, String status, String normative, String amountDue,
                      String district) {
        /** A row of an Akmola leasing subsidy received 15.01.2025 10:30:00 (Almaty time). */
        public static Row of(int no, String applicationNumber, String status, String amountDue) {
            return new Row(Integer.toString(no), "15.01.2025 10:30:00", "Акмолинская область",
                    "ГУ \"Управление сельского хозяйства Акмолинской области\"", applicationNumber,
                    "Субсидирование инвестиций", "Возмещение части затрат на приобретение сельхозтехники по лизингу",
                    status, "3500000.00", amountDue, "Целиноградский район");
        }

        public List<String> cells() {
            return List.of(no, receivedAt, region, akimat, applicationNumber, direction, subsidyName, status, normative,
                    amountDue, district);
        }

        public Row withNo(String v) {
            return new Row(v, receivedAt, region, akimat, applicationNumber, direction, subsidyName, status, normative, amountDue, district);
        }

        public Row withReceivedAt(String v) {
            return new Row(no, v, region, akimat, applicationNumber, direction, subsidyName, status, normative, amountDue, district);
        }

        public Row withReceivedAt(LocalDateTime v) {
            return withReceivedAt(v.format(TIME));
        }

        public Row withRegion(String v) {
            return new Row(no, receivedAt, v, akimat, applicationNumber, direction, subsidyName, status, normative, amountDue, district);
        }

        public Row withAkimat(String v) {
            return new Row(no, receivedAt, region, v, applicationNumber, direction, subsidyName, status, normative, amountDue, district);
        }

        public Row withApplicationNumber(String v) {
            return new Row(no, receivedAt, region, akimat, v, direction, subsidyName, status, normative, amountDue, district);
        }

        public Row withDirection(String v) {
            return new Row(no, receivedAt, region, akimat, applicationNumber, v, subsidyName, status, normative, amountDue, district);
        }

        public Row withSubsidyName(String v) {
            return new Row(no, receivedAt, region, akimat, applicationNumber, direction, v, status, normative, amountDue, district);
        }

        public Row withStatus(String v) {
            return new Row(no, receivedAt, region, akimat, applicationNumber, direction, subsidyName, v, normative, amountDue, district);
        }

        public Row withNormative(String v) {
            return new Row(no, receivedAt, region, akimat, applicationNumber, direction, subsidyName, status, v, amountDue, district);
        }

        public Row withAmountDue(String v) {
            return new Row(no, receivedAt, region, akimat, applicationNumber, direction, subsidyName, status, normative, v, district);
        }

        public Row withDistrict(String v) {
            return new Row(no, receivedAt, region, akimat, applicationNumber, direction, subsidyName, status, normative, amountDue, v);
        }

        /** Region and district together. */
        public Row in(String region, String district) {
            return withRegion(region).withDistrict(district);
        }
    }

    private List<List<String>> title = List.of(
            List.of("Реестр заявок на получение субсидий"),
            List.of("Год: 2025"),
            List.of(),
            List.of("Сформирован: 20.01.2025 09:00:00"));
    private List<String> header = HEADER;
    private final List<List<String>> rows = new ArrayList<>();

    /** Another title block (its length moves the header: 4 rows put it in row 5). */
    public SubsidyRegister title(List<List<String>> rowsAboveHeader) {
        this.title = List.copyOf(rowsAboveHeader);
        return this;
    }

    /** Another header row (to write a wrong one). */
    public SubsidyRegister header(List<String> cells) {
        this.header = List.copyOf(cells);
        return this;
    }

    public SubsidyRegister row(Row row) {
        rows.add(row.cells());
        return this;
    }

    /** A row of any cells (too few, too many, blank). */
    public SubsidyRegister rawRow(String... cells) {
        rows.add(List.of(cells));
        return this;
    }

    /** All rows as written: the title block, the header, the rows. */
    public List<List<String>> lines() {
        List<List<String>> all = new ArrayList<>(title);
        all.add(header);
        all.addAll(rows);
        return all;
    }

    /** CSV as Excel writes "CSV UTF-8" on a Russian Windows: a byte order mark, {@code ;}, CRLF. */
    public byte[] csv() {
        return csv(StandardCharsets.UTF_8, true, ';');
    }

    /** CSV in an encoding, with or without a UTF-8 byte order mark, with a separator. */
    public byte[] csv(Charset charset, boolean bom, char separator) {
        StringBuilder b = new StringBuilder();
        for (List<String> line : lines()) {
            b.append(csvLine(line, separator)).append("\r\n");
        }
        byte[] text = b.toString().getBytes(charset);
        if (!bom) {
            return text;
        }
        byte[] out = new byte[text.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(text, 0, out, 3, text.length);
        return out;
    }

    /** One CSV line: a cell is quoted when it holds the separator, a quote or a line break. */
    public static String csvLine(List<String> cells, char separator) {
        List<String> out = new ArrayList<>();
        for (String c : cells) {
            boolean quote = c.indexOf(separator) >= 0 || c.contains("\"") || c.contains("\n") || c.contains("\r");
            out.add(quote ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        return String.join(String.valueOf(separator), out);
    }

    /** XLSX with every cell as text (shared strings), as a system's export usually writes it. */
    public byte[] xlsx() {
        return xlsx(false);
    }

    /**
     * XLSX; {@code typed}: the row number, the application number and the amounts as number cells where they are
     * numbers, the date as a date cell {@code dd.mm.yyyy hh:mm:ss} where it is one.
     */
    public byte[] xlsx(boolean typed) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = wb.createSheet("Реестр");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("dd.mm.yyyy hh:mm:ss"));
            List<List<String>> all = lines();
            int headerRow = title.size();
            for (int r = 0; r < all.size(); r++) {
                XSSFRow row = sheet.createRow(r);
                List<String> cells = all.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    String v = cells.get(c);
                    if (v.isEmpty()) {
                        continue;
                    }
                    XSSFCell cell = row.createCell(c);
                    boolean data = r > headerRow;
                    if (typed && data && (c == 0 || c == 4 || c == 8 || c == 9) && NUMERIC.matcher(v).matches()) {
                        cell.setCellValue(Double.parseDouble(v));
                    } else if (typed && data && c == 1 && isTime(v)) {
                        cell.setCellValue(LocalDateTime.parse(v, TIME));
                        cell.setCellStyle(date);
                    } else {
                        cell.setCellValue(v);
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isTime(String v) {
        try {
            LocalDateTime.parse(v, TIME);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
