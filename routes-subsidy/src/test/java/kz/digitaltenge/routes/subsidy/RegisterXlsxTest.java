package kz.digitaltenge.routes.subsidy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.source.BatchTranslator.Batch;
import kz.digitaltenge.canonical.source.BatchTranslator.RejectedRecord;
import kz.digitaltenge.routes.subsidy.testing.SubsidyRegister;
import kz.digitaltenge.routes.subsidy.testing.SubsidyRegister.Row;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The register export as XLSX: the same rows as the CSV, cells as a spreadsheet shows them, and hostile workbooks. */
class RegisterXlsxTest {
    static final String APP = "25010100000001";
    private final SubsidyTranslator translator = new SubsidyTranslator();

    private Batch read(byte[] xlsx) {
        return translator.translateBatch(xlsx, Map.of());
    }

    private static SubsidyRegister register() {
        return new SubsidyRegister()
                .row(Row.of(1, APP, "Одобрена", "1250000.50"))
                .row(Row.of(2, "25010100000002", "Отклонена", "").in("Алматинская область", "Илийский район"))
                .row(Row.of(3, "25010100000003", "Сформировано поручение", "980000").withReceivedAt("01.03.2024 00:00:00"))
                .row(Row.of(4, "25010100000004", "Получена", "1.5").withAkimat("=HYPERLINK(\"http://x\")"));
    }

    private static ReasonCode code(ThrowingCallable call) {
        try {
            call.call();
        } catch (SourceMessageRejected e) {
            return e.code();
        } catch (Throwable t) {
            throw new AssertionError("expected a SourceMessageRejected, got " + t, t);
        }
        throw new AssertionError("expected a SourceMessageRejected, nothing thrown");
    }

    @Test
    void anXlsxOfTextCellsSaysWhatTheCsvSays() {
        Batch xlsx = read(register().xlsx());
        Batch csv = translator.translateBatch(register().csv(), Map.of());

        assertThat(xlsx.rejected()).isEmpty();
        assertThat(xlsx.messages()).hasSize(4).isEqualTo(csv.messages());
        assertThat(xlsx.messages().get(3).terms()).containsEntry("akimat", "=HYPERLINK(\"http://x\")");
    }

    @Test
    void typedCellsReadAsTheSpreadsheetShowsThem() {
        Batch typed = read(register().xlsx(true));

        assertThat(typed.rejected()).isEmpty();
        assertThat(typed.messages()).isEqualTo(read(register().xlsx()).messages());
        assertThat(typed.messages().get(2).terms()).containsEntry("amount", "98000000")
                .containsEntry("receivedAt", "2024-02-29T19:00:00Z");
    }

    @Test
    void numbersAreTheirValueToExcelsPrecisionInPlainDigits() {
        List<List<String>> lines = register().lines().subList(0, 5);
        String row = "<row r=\"6\"><c r=\"A6\"><v>1</v></c>"
                + inline("B6", "15.01.2025 10:30:00") + inline("C6", "Акмолинская область") + inline("D6", "Акимат")
                + "<c r=\"E6\"><v>2.5010100000001E13</v></c>"
                + inline("F6", "Субсидирование инвестиций") + inline("G6", "Лизинг") + inline("H6", "Одобрена")
                + "<c r=\"I6\" t=\"n\"><v>3500000</v></c><c r=\"J6\"><v>1250.0999999999999</v></c>"
                + inline("K6", "Целиноградский район") + "</row>";
        Batch b = read(new RawXlsx().sheetData(RawXlsx.inlineRows(lines) + row).bytes());

        assertThat(b.rejected()).isEmpty();
        CanonicalMessage m = b.messages().get(0);
        assertThat(m.subject()).isEqualTo("SUBSIDY-25010100000001");
        assertThat(m.terms()).containsEntry("amount", "125010").containsEntry("normative", "350000000");
    }

    @Test
    void aDateCellIsLocalAlmatyTimeIn1900And1904Workbooks() {
        List<List<String>> lines = register().lines().subList(0, 5);
        for (boolean mac : new boolean[] {false, true}) {
            String serial = mac ? "44210.4375" : "45672.4375"; // 15.01.2025 10:30:00
            String row = "<row r=\"6\">" + inline("A6", "1") + "<c r=\"B6\" s=\"1\"><v>" + serial + "</v></c>"
                    + cells(6, Row.of(1, APP, "Получена", "").cells(), 2) + "</row>";
            RawXlsx x = new RawXlsx().sheetData(RawXlsx.inlineRows(lines) + row)
                    .styles("<numFmt numFmtId=\"164\" formatCode=\"dd.mm.yyyy hh:mm:ss\"/>",
                            "<xf numFmtId=\"0\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/>");
            if (mac) {
                x.date1904();
            }
            Batch b = read(x.bytes());
            assertThat(b.rejected()).isEmpty();
            assertThat(b.messages().get(0).terms()).containsEntry("receivedAt", "2025-01-15T05:30:00Z");
        }
    }

    @Test
    void aNumberNotStyledAsADateIsNotADate() {
        List<List<String>> lines = register().lines().subList(0, 5);
        String row = "<row r=\"6\">" + inline("A6", "1") + "<c r=\"B6\"><v>45672.4375</v></c>"
                + cells(6, Row.of(1, APP, "Получена", "").cells(), 2) + "</row>";

        RejectedRecord r = read(new RawXlsx().sheetData(RawXlsx.inlineRows(lines) + row).bytes()).rejected().get(0);
        assertThat(r.message()).contains("column 'Дата поступления' '45672.4375' is not a date");
    }

    @Test
    void aFormulaIsItsStoredValueAndIsNeverEvaluated() {
        List<List<String>> lines = register().lines().subList(0, 5);
        String approved = rowXml(6, Row.of(1, APP, "Одобрена", "").cells(), Map.of(9, "<c r=\"J6\"><f>1+1</f><v>100</v></c>"));
        String noCache = rowXml(7, Row.of(2, "25010100000002", "Одобрена", "").cells(), Map.of(9, "<c r=\"J7\"><f>SUM(J1:J6)</f></c>"));
        String text = rowXml(8, Row.of(3, "25010100000003", "Получена", "").cells(),
                Map.of(3, "<c r=\"D8\" t=\"str\"><f>\"Аки\"&amp;\"мат\"</f><v>Акимат района</v></c>"));
        Batch b = read(new RawXlsx().sheetData(RawXlsx.inlineRows(lines) + approved + noCache + text).bytes());

        assertThat(b.messages()).hasSize(2);
        assertThat(b.messages().get(0).terms()).containsEntry("amount", "10000"); // 100.00 stored, not 1+1
        assertThat(b.rejected()).extracting(RejectedRecord::record).containsExactly("row 7");
        assertThat(b.rejected().get(0).message()).contains("column 'Причитающая сумма' is missing");
        assertThat(b.messages().get(1).terms()).containsEntry("akimat", "Акимат района");
    }

    @Test
    void sharedStringsRichTextAndPhoneticRunsReadAsTheirText() {
        String row = rowXml(6, Row.of(1, APP, "Одобрена", "100").cells(),
                Map.of(2, "<c r=\"C6\" t=\"s\"><v>1</v></c>", 7, "<c r=\"H6\" t=\"s\"><v>0</v></c>"));
        Batch b = read(new RawXlsx().sharedStrings("<si><r><t>Одоб</t></r><r><rPr><b/></rPr><t>рена</t></r></si>"
                        + "<si><t>Акмолинская область</t><rPh sb=\"0\" eb=\"1\"><t>фонетика</t></rPh></si>")
                .sheetData(RawXlsx.inlineRows(register().lines().subList(0, 5)) + row).bytes());

        assertThat(b.rejected()).isEmpty();
        assertThat(b.messages().get(0).terms()).containsEntry("status", "APPROVED").containsEntry("region", "Акмолинская область");
    }

    @Test
    void aRejectedRowKeepsItsCellsAsText() {
        Batch b = read(new SubsidyRegister().row(Row.of(1, APP, "Одобрена", "1;5")).xlsx());

        RejectedRecord r = b.rejected().get(0);
        assertThat(r.record()).isEqualTo("row 6");
        assertThat(new String(r.original(), StandardCharsets.UTF_8))
                .startsWith("1;15.01.2025 10:30:00;Акмолинская область;\"ГУ \"\"Управление").contains(";\"1;5\";");
    }

    @Test
    void onlyTheFirstSheetIsTheRegister() throws Exception {
        byte[] xlsx;
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(register().xlsx()));
             var out = new java.io.ByteArrayOutputStream()) {
            wb.createSheet("Справка").createRow(0).createCell(0).setCellValue("не реестр");
            wb.write(out);
            xlsx = out.toByteArray();
        }
        assertThat(read(xlsx).messages()).hasSize(4);
    }

    // hostile and broken workbooks: each refused whole, with a reason

    @Test
    @Timeout(20)
    void aZipBombIsRefusedBeforeItIsExpanded() {
        byte[] bomb = RawXlsx.bomb(register().lines(), 256L << 20); // 256 MiB of sheet XML

        assertThat(bomb.length).isLessThan(2 << 20);
        assertThatThrownBy(() -> read(bomb)).isInstanceOf(SourceMessageRejected.class).hasMessageContaining("zip bomb")
                .hasMessageContaining("inflates more than 100 times");
        assertThat(code(() -> read(bomb))).isEqualTo(ReasonCode.TOO_LARGE);
    }

    @Test
    void entriesInflatingPastTheLimitsAreRefused() {
        byte[] xlsx = register().xlsx();
        SubsidyTranslator oneEntry = new SubsidyTranslator(KatoTable.bundled(), RegisterLimits.DEFAULT.withInflated(1_000, 1L << 20));
        SubsidyTranslator all = new SubsidyTranslator(KatoTable.bundled(), RegisterLimits.DEFAULT.withInflated(1L << 20, 3_000));

        assertThatThrownBy(() -> oneEntry.translateBatch(xlsx, Map.of())).hasMessageContaining("inflates past 1000 bytes");
        assertThatThrownBy(() -> all.translateBatch(xlsx, Map.of())).hasMessageContaining("3000 bytes in all");
        assertThat(code(() -> all.translateBatch(xlsx, Map.of()))).isEqualTo(ReasonCode.TOO_LARGE);
    }

    @Test
    void aZipOfThousandsOfEntriesIsRefused() {
        Map<String, byte[]> entries = new LinkedHashMap<>(new RawXlsx().sheetData("").parts());
        for (int i = 0; i < 1_001; i++) {
            entries.put("xl/media/image" + i + ".png", new byte[] {1});
        }
        assertThatThrownBy(() -> read(RawXlsx.zip(entries))).hasMessageContaining("more than 1000 entries");
    }

    @Test
    void aTruncatedWorkbookIsRefusedWhereverItIsCut() {
        byte[] xlsx = register().xlsx();
        for (int cut : new int[] {10, xlsx.length / 3, xlsx.length / 2, xlsx.length - 30, xlsx.length - 1}) {
            byte[] part = Arrays.copyOf(xlsx, cut);
            assertThat(code(() -> read(part))).as("cut at %d of %d", cut, xlsx.length).isEqualTo(ReasonCode.TRUNCATED);
        }
    }

    @Test
    void aZipThatIsNotAWorkbookIsMalformed() {
        byte[] zip = RawXlsx.zip(Map.of("hello.txt", "hello".getBytes(StandardCharsets.UTF_8)));

        assertThat(code(() -> read(zip))).isEqualTo(ReasonCode.MALFORMED);
        assertThatThrownBy(() -> read(zip)).hasMessageContaining("not an XLSX workbook");
        byte[] empty = {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThat(code(() -> read(empty))).isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void xmlWithADoctypeOrEntitiesIsRefused() {
        Map<String, byte[]> parts = new RawXlsx().sheetData(RawXlsx.inlineRows(register().lines())).parts();
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
                + "<worksheet xmlns=\"" + RawXlsx.MAIN + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol2;</t>"
                + "</is></c></row></sheetData></worksheet>";
        parts.put("xl/worksheets/sheet1.xml", laughs.getBytes(StandardCharsets.UTF_8));

        assertThat(code(() -> read(RawXlsx.zip(parts)))).isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void aCellNamingASharedStringTheWorkbookLacksIsMalformed() {
        String row = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>";
        assertThatThrownBy(() -> read(new RawXlsx().sharedStrings("<si><t>один</t></si>").sheetData(row).bytes()))
                .hasMessageContaining("shared string '7'");
    }

    @Test
    void rowsOrCellsOutOfOrderAreMalformed() {
        assertThat(code(() -> read(new RawXlsx().sheetData("<row r=\"5\"></row><row r=\"3\"></row>").bytes())))
                .isEqualTo(ReasonCode.MALFORMED);
        assertThat(code(() -> read(new RawXlsx().sheetData("<row r=\"1\"><c r=\"B1\"/><c r=\"A1\"/></row>").bytes())))
                .isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void tooManyRowsOrTooManyBytesAreRefused() {
        SubsidyRegister many = new SubsidyRegister();
        for (int i = 1; i <= 30; i++) {
            many.row(Row.of(i, String.format("250101%08d", i), "Получена", ""));
        }
        SubsidyTranslator fewRows = new SubsidyTranslator(KatoTable.bundled(), RegisterLimits.DEFAULT.withMaxRows(20));
        SubsidyTranslator small = new SubsidyTranslator(KatoTable.bundled(), RegisterLimits.DEFAULT.withMaxFileBytes(1_000));

        assertThatThrownBy(() -> fewRows.translateBatch(many.xlsx(), Map.of())).hasMessageContaining("more than 20 rows");
        assertThat(code(() -> small.translateBatch(many.xlsx(), Map.of()))).isEqualTo(ReasonCode.TOO_LARGE);
        assertThat(read(many.xlsx()).messages()).hasSize(30);
    }

    @Test
    void anOldXlsWorkbookIsRefusedWithAHint() {
        byte[] xls = new byte[512];
        xls[0] = (byte) 0xD0;
        xls[1] = (byte) 0xCF;
        xls[2] = 0x11;
        xls[3] = (byte) 0xE0;
        assertThatThrownBy(() -> read(xls)).hasMessageContaining(".xls").hasMessageContaining("save the register as .xlsx");
    }

    @Test
    void aWrongHeaderInAnXlsxRefusesIt() {
        List<String> header = new ArrayList<>(SubsidyRegister.HEADER);
        header.remove(10);
        assertThatThrownBy(() -> read(new SubsidyRegister().header(header).row(Row.of(1, APP, "Получена", "")).xlsx()))
                .hasMessageContaining("column 11 is '', expected 'Район хозяйства'");
    }

    /** Row r of inline cells, with raw cell XML for some columns, in column order. */
    private static String rowXml(int r, List<String> cells, Map<Integer, String> raw) {
        StringBuilder b = new StringBuilder("<row r=\"" + r + "\">");
        for (int c = 0; c < cells.size(); c++) {
            if (raw.containsKey(c)) {
                b.append(raw.get(c));
            } else if (!cells.get(c).isEmpty()) {
                b.append(inline(RawXlsx.column(c) + r, cells.get(c)));
            }
        }
        return b.append("</row>").toString();
    }

    private static String inline(String ref, String text) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + RawXlsx.escape(text) + "</t></is></c>";
    }

    /** Inline cells of row r for cells[from..]. */
    private static String cells(int r, List<String> cells, int from) {
        StringBuilder b = new StringBuilder();
        for (int c = from; c < cells.size(); c++) {
            if (!cells.get(c).isEmpty()) {
                b.append("<c r=\"").append(RawXlsx.column(c)).append(r).append("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
                        .append(RawXlsx.escape(cells.get(c))).append("</t></is></c>");
            }
        }
        return b.toString();
    }
}
