package kz.digitaltenge.routes.subsidy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.source.BatchTranslator.Batch;
import kz.digitaltenge.canonical.source.BatchTranslator.RejectedRecord;
import kz.digitaltenge.routes.subsidy.testing.SubsidyRegister;
import kz.digitaltenge.routes.subsidy.testing.SubsidyRegister.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The register export as CSV: every column, both encodings, both separators, bad values row by row, bad files whole. */
class RegisterCsvTest {
    static final String APP = "25010100000001";
    private final SubsidyTranslator translator = new SubsidyTranslator();

    private Batch read(byte[] csv) {
        return translator.translateBatch(csv, Map.of());
    }

    private Batch read(Row row) {
        return read(new SubsidyRegister().row(row).csv());
    }

    private RejectedRecord rejected(Row row) {
        Batch b = read(row);
        assertThat(b.messages()).isEmpty();
        assertThat(b.rejected()).hasSize(1);
        return b.rejected().get(0);
    }

    @Test
    void everyColumnOfARowBecomesTheStatusMessage() {
        Batch b = read(Row.of(1, APP, "Одобрена", "1250000.50"));

        assertThat(b.rejected()).isEmpty();
        CanonicalMessage m = b.messages().get(0);
        assertThat(m.sourceMessageId()).isEqualTo("status:" + APP + ":APPROVED");
        assertThat(m.type()).isEqualTo("EVENT_OCCURRED");
        assertThat(m.subject()).isEqualTo("SUBSIDY-" + APP);
        assertThat(m.occurredAt()).isNull();
        assertThat(m.terms()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("occurrence", "APPROVED@register"),
                Map.entry("status", "APPROVED"),
                Map.entry("amount", "125000050"),
                Map.entry("receivedAt", "2025-01-15T05:30:00Z"), // 10:30 in Almaty, UTC+5 since March 2024
                Map.entry("region", "Акмолинская область"),
                Map.entry("regionKato", "110000000"),
                Map.entry("district", "Целиноградский район"),
                Map.entry("districtKato", "116600000"),
                Map.entry("akimat", "ГУ \"Управление сельского хозяйства Акмолинской области\""),
                Map.entry("direction", "Субсидирование инвестиций"),
                Map.entry("subsidyName", "Возмещение части затрат на приобретение сельхозтехники по лизингу"),
                Map.entry("normative", "350000000")));
    }

    @ParameterizedTest
    @CsvSource({
            "Получена, RECEIVED, 1250000.50, 0",
            "Получена, RECEIVED, '', 0",
            "Одобрена, APPROVED, 1250000.50, 125000050",
            "Отклонена, REJECTED, '', 0",
            "Сформировано поручение, ORDER_FORMED, 1250000.50, 125000050",
            "Исполнена, EXECUTED, 1250000.50, 0",
            "Отозвано, WITHDRAWN, 0.00, 0"})
    void eachStatusHasItsCodeAndOnlyApprovalsCarryTheAmountDue(String status, String code, String due, String amount) {
        CanonicalMessage m = read(Row.of(1, APP, status, due)).messages().get(0);

        assertThat(m.terms()).containsEntry("status", code).containsEntry("occurrence", code + "@register")
                .containsEntry("amount", amount);
        assertThat(m.sourceMessageId()).isEqualTo("status:" + APP + ":" + code);
    }

    @Test
    void windows1251WithCommasReadsTheSameAsUtf8WithABom() {
        SubsidyRegister register = new SubsidyRegister()
                .row(Row.of(1, APP, "Одобрена", "1250000.50"))
                .row(Row.of(2, "25010100000002", "Отклонена", "").withAkimat("Акимат, Целиноградский район"));
        byte[] cp1251 = register.csv(SubsidyRegister.WINDOWS_1251, false, ',');
        byte[] utf8 = register.csv(StandardCharsets.UTF_8, true, ';');
        byte[] plainUtf8 = register.csv(StandardCharsets.UTF_8, false, ';');

        assertThat(RegisterCsv.decode(cp1251)).contains("Одобрена");
        assertThat(read(cp1251).messages()).hasSize(2).isEqualTo(read(utf8).messages()).isEqualTo(read(plainUtf8).messages());
        assertThat(read(cp1251).messages().get(1).terms()).containsEntry("akimat", "Акимат, Целиноградский район");
    }

    @Test
    void amountsAsASpreadsheetWritesThemAreTiyn() {
        assertThat(read(Row.of(1, APP, "Одобрена", "1 250 000,50")).messages().get(0).terms()).containsEntry("amount", "125000050");
        assertThat(read(Row.of(1, APP, "Одобрена", "1\u00A0250\u00A0000,5")).messages().get(0).terms()).containsEntry("amount", "125000050");
        assertThat(read(Row.of(1, APP, "Одобрена", "1250000,5")).messages().get(0).terms()).containsEntry("amount", "125000050");
        assertThat(read(Row.of(1, APP, "Одобрена", "1250000")).messages().get(0).terms()).containsEntry("amount", "125000000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "1,250", "12.345", "1e5", "abc", "1 25 000", "+100", "100.-", "٠١٢", "1250000.50.1"})
    void aBadAmountRejectsTheRowNamingTheColumn(String due) {
        RejectedRecord r = rejected(Row.of(1, APP, "Одобрена", due));

        assertThat(r.reason()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(r.message()).startsWith("row 6: column 'Причитающая сумма'").contains("is not an amount");
    }

    @Test
    void anApprovalNeedsAPositiveAmountDue() {
        assertThat(rejected(Row.of(1, APP, "Одобрена", "")).message()).contains("'Причитающая сумма' is missing");
        assertThat(rejected(Row.of(1, APP, "Сформировано поручение", "0.00")).reason()).isEqualTo(ReasonCode.OVER_LIMIT);
        assertThat(rejected(Row.of(1, APP, "Одобрена", "10000000000000")).reason()).isEqualTo(ReasonCode.OVER_LIMIT);
        assertThat(rejected(Row.of(1, APP, "Получена", "abc")).message()).contains("'Причитающая сумма'");
    }

    @Test
    void aBadNormativeRejectsTheRow() {
        assertThat(rejected(Row.of(1, APP, "Получена", "").withNormative("-1")).message()).contains("column 'Норматив'");
        assertThat(rejected(Row.of(1, APP, "Получена", "").withNormative("")).message()).contains("column 'Норматив' is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"32.01.2025 10:30:00", "15.13.2025 10:30:00", "29.02.2025 10:00:00", "15.01.2025 24:00:00",
            "2025-01-15T10:30:00", "15.01.2025 10:30", "15.01.2025", "15/01/2025 10:30:00", " ", "15.01.25 10:30:00"})
    void aBadDateRejectsTheRow(String date) {
        RejectedRecord r = rejected(Row.of(1, APP, "Получена", "").withReceivedAt(date));

        assertThat(r.message()).contains("column 'Дата поступления'");
        assertThat(r.reason()).isIn(ReasonCode.MALFORMED, ReasonCode.SCHEMA_INVALID);
    }

    @Test
    void datesAreAlmatyTimeByTheRulesInForceThen() {
        assertThat(read(Row.of(1, APP, "Получена", "").withReceivedAt("15.01.2023 10:30:00")).messages().get(0).terms())
                .containsEntry("receivedAt", "2023-01-15T04:30:00Z"); // UTC+6 before 1 March 2024
        assertThat(read(Row.of(1, APP, "Получена", "").withReceivedAt("29.02.2024 00:00:01")).messages().get(0).terms())
                .containsEntry("receivedAt", "2024-02-28T18:00:01Z");
        // the clocks went back at midnight of 1 March 2024: 23:00-23:59 of 29 February happened twice
        assertThat(rejected(Row.of(1, APP, "Получена", "").withReceivedAt("29.02.2024 23:30:00")).message())
                .contains("ambiguous in Asia/Almaty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2501010000000", "250101000000011", "2501010000000A", "25 010100000001", "", "=2501010000000"})
    void theApplicationNumberIsFourteenDigits(String number) {
        RejectedRecord r = rejected(Row.of(1, number, "Получена", ""));

        assertThat(r.message()).contains("column 'Номер заявки'");
        assertThat(r.reason()).isEqualTo(ReasonCode.SCHEMA_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.5", "один", "+7", ""})
    void theRowNumberIsAPositiveWholeNumber(String no) {
        assertThat(rejected(Row.of(1, APP, "Получена", "").withNo(no)).message()).contains("column '№ п/п'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Утверждена", "одобрена", "APPROVED", "Сформировано", ""})
    void anUnknownStatusRejectsTheRow(String status) {
        assertThat(rejected(Row.of(1, APP, status, "")).message()).contains("column 'Статус заявки'");
    }

    @Test
    void aStatusWithExtraBlanksIsTheStatus() {
        assertThat(read(Row.of(1, APP, "  Сформировано   поручение ", "100")).messages().get(0).terms())
                .containsEntry("status", "ORDER_FORMED");
    }

    @Test
    void regionsAndDistrictsAreKatoCodesFromTheTable() {
        assertThat(read(Row.of(1, APP, "Получена", "").in("Алматинская обл.", "Карасайский р-н")).messages().get(0).terms())
                .containsEntry("region", "Алматинская область").containsEntry("regionKato", "190000000")
                .containsEntry("district", "Карасайский район").containsEntry("districtKato", "195200000");
        assertThat(read(Row.of(1, APP, "Получена", "").in("г. Алматы", "Алатауский район")).messages().get(0).terms())
                .containsEntry("regionKato", "750000000").containsEntry("districtKato", "751200000");
    }

    @Test
    void anUnknownRegionOrDistrictIsAnUnknownReferenceNotAGuess() {
        RejectedRecord region = rejected(Row.of(1, APP, "Получена", "").withRegion("Южно-Казахстанская область"));
        RejectedRecord district = rejected(Row.of(1, APP, "Получена", "").withDistrict("Карасайский район"));

        assertThat(region.reason()).isEqualTo(ReasonCode.UNKNOWN_REFERENCE);
        assertThat(region.message()).contains("column 'Область'").contains("Южно-Казахстанская");
        assertThat(district.reason()).isEqualTo(ReasonCode.UNKNOWN_REFERENCE);
        assertThat(district.message()).contains("column 'Район хозяйства'").contains("not a district of Акмолинская область");
    }

    @Test
    void textColumnsAreRequiredAndObeyTheTextRule() {
        assertThat(rejected(Row.of(1, APP, "Получена", "").withAkimat(" ")).message()).contains("column 'Акимат' is missing");
        assertThat(rejected(Row.of(1, APP, "Получена", "").withDirection("")).message()).contains("column 'Направление' is missing");
        assertThat(rejected(Row.of(1, APP, "Получена", "").withSubsidyName("")).message())
                .contains("column 'Наименование субсидирования' is missing");
        RejectedRecord bidi = rejected(Row.of(1, APP, "Получена", "").withDirection("Инвест\u202Eиции"));
        assertThat(bidi.reason()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(bidi.message()).contains("U+202E").doesNotContain("\u202E");
        assertThat(rejected(Row.of(1, APP, "Получена", "").withSubsidyName("x".repeat(600))).message()).contains("longer than 512");
    }

    @Test
    void cellsThatLookLikeFormulasAreDataNeverEvaluated() {
        Batch b = read(new SubsidyRegister()
                .row(Row.of(1, APP, "Получена", "").withAkimat("=1+2").withDirection("@SUM(A1:A9)")
                        .withSubsidyName("+cmd|' /C calc'!A0"))
                .row(Row.of(2, "25010100000002", "Одобрена", "=100*2"))
                .row(Row.of(3, "25010100000003", "Одобрена", "-100"))
                .row(Row.of(4, "25010100000004", "Получена", "").withNo("=ROW()-5"))
                .csv());

        assertThat(b.messages()).hasSize(1);
        assertThat(b.messages().get(0).terms()).containsEntry("akimat", "=1+2").containsEntry("direction", "@SUM(A1:A9)")
                .containsEntry("subsidyName", "+cmd|' /C calc'!A0");
        assertThat(b.rejected()).extracting(RejectedRecord::record).containsExactly("row 7", "row 8", "row 9");
        assertThat(b.rejected().get(0).message()).contains("'Причитающая сумма' '=100*2' is not an amount");
    }

    @Test
    void eachRowIsJudgedOnItsOwnAndARejectedRowKeepsItsText() {
        SubsidyRegister register = new SubsidyRegister()
                .row(Row.of(1, APP, "Одобрена", "100.00"))
                .row(Row.of(2, "25010100000002", "Одобрена", "сто"))
                .row(Row.of(3, "25010100000003", "Отклонена", ""));
        Batch b = read(register.csv());

        assertThat(b.messages()).extracting(CanonicalMessage::subject)
                .containsExactly("SUBSIDY-" + APP, "SUBSIDY-25010100000003");
        RejectedRecord r = b.rejected().get(0);
        assertThat(r.record()).isEqualTo("row 7");
        assertThat(r.reason()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(new String(r.original(), StandardCharsets.UTF_8))
                .isEqualTo(SubsidyRegister.csvLine(register.lines().get(6), ';'));
    }

    @Test
    void translateRefusesTheWholeFileWhenARowIsBad() {
        byte[] csv = new SubsidyRegister().row(Row.of(1, APP, "Одобрена", "100.00"))
                .row(Row.of(2, "2501", "Одобрена", "100.00")).row(Row.of(3, "2502", "Одобрена", "100.00")).csv();

        assertThatThrownBy(() -> translator.translate(csv, Map.of())).isInstanceOf(SourceMessageRejected.class)
                .hasMessageContaining("record row 7").hasMessageContaining("(and 1 more records)");
    }

    @Test
    void blankRowsAreSkippedAndARowShiftedByAnUnquotedSeparatorIsRefused() {
        String shifted = "2;15.01.2025 10:30:00;Акмолинская область;Акимат; Целиноградский район;25010100000002;"
                + "Субсидирование инвестиций;Возмещение;Получена;100;;Целиноградский район";
        byte[] csv = (new String(new SubsidyRegister().row(Row.of(1, APP, "Получена", "")).rawRow().rawRow(";;;;;;;;;;".split(";", -1))
                .csv(), StandardCharsets.UTF_8) + shifted + "\r\n").getBytes(StandardCharsets.UTF_8);

        Batch b = read(csv);
        assertThat(b.messages()).hasSize(1);
        assertThat(b.rejected()).extracting(RejectedRecord::record).containsExactly("row 9");
        assertThat(b.rejected().get(0).message()).contains("value in column 12").contains("separator inside a value");
        assertThat(new String(b.rejected().get(0).original(), StandardCharsets.UTF_8)).isEqualTo(shifted);
    }

    @Test
    void aRowWithTooManyOrTooFewCellsIsRefusedRowByRow() {
        List<String> cells = Row.of(2, "25010100000002", "Получена", "").cells();
        Batch b = read(new SubsidyRegister()
                .row(Row.of(1, APP, "Получена", ""))
                .rawRow(concat(cells, "лишнее"))
                .rawRow(cells.subList(0, 9).toArray(String[]::new))
                .csv());

        assertThat(b.messages()).hasSize(1);
        assertThat(b.rejected()).extracting(RejectedRecord::record).containsExactly("row 7", "row 8");
        assertThat(b.rejected().get(0).message()).contains("value in column 12");
        assertThat(b.rejected().get(1).message()).contains("column 'Район хозяйства' is missing");
    }

    @Test
    void anApplicationTwiceInOneExportIsAConflict() {
        Batch b = read(new SubsidyRegister().row(Row.of(1, APP, "Получена", "")).row(Row.of(2, APP, "Одобрена", "10")).csv());

        assertThat(b.messages()).hasSize(1);
        assertThat(b.rejected().get(0).reason()).isEqualTo(ReasonCode.CONFLICT);
        assertThat(b.rejected().get(0).message()).contains("is on row 6 already");
    }

    @Test
    void theSameRowInALaterExportIsTheSameMessage() {
        Row row = Row.of(1, APP, "Одобрена", "100.00");
        CanonicalMessage first = read(new SubsidyRegister().row(row).csv()).messages().get(0);
        CanonicalMessage later = read(new SubsidyRegister().title(List.of(List.of("Реестр"), List.of("2025"), List.of(),
                        List.of("Сформирован: 01.02.2025")))
                .row(Row.of(7, "25010100000009", "Получена", "")).row(row.withNo("8")).csv()).messages().get(1);

        assertThat(later).isEqualTo(first);
    }

    // whole files

    @Test
    void aHeaderThatIsNotTheRegistersRefusesTheFile() {
        List<String> renamed = new java.util.ArrayList<>(SubsidyRegister.HEADER);
        renamed.set(2, "Регион");
        assertThatThrownBy(() -> read(new SubsidyRegister().header(renamed).row(Row.of(1, APP, "Получена", "")).csv()))
                .isInstanceOf(SourceMessageRejected.class).hasMessageContaining("column 3 is 'Регион', expected 'Область'")
                .extracting(e -> ((SourceMessageRejected) e).code()).isEqualTo(ReasonCode.SCHEMA_INVALID);

        List<String> swapped = new java.util.ArrayList<>(SubsidyRegister.HEADER);
        java.util.Collections.swap(swapped, 8, 9);
        assertThatThrownBy(() -> read(new SubsidyRegister().header(swapped).row(Row.of(1, APP, "Получена", "")).csv()))
                .hasMessageContaining("column 9").hasMessageContaining("column 10");

        assertThatThrownBy(() -> read(new SubsidyRegister().header(List.of(concat(SubsidyRegister.HEADER, "Примечание")))
                .row(Row.of(1, APP, "Получена", "")).csv())).hasMessageContaining("'Примечание' is not a column");
    }

    @Test
    void aFileWithoutTheHeaderIsNotARegisterExport() {
        assertThatThrownBy(() -> read("a;b;c\r\n1;2;3\r\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SourceMessageRejected.class).hasMessageContaining("is not a subsidy register export")
                .hasMessageContaining("must start with '№ п/п'");
        assertThatThrownBy(() -> read(new SubsidyRegister().csv())).hasMessageContaining("no application rows");
    }

    @Test
    void theHeaderMayMoveWithAnotherTitleBlockAndHeaderCellsMayBreakLines() {
        List<String> wrapped = new java.util.ArrayList<>(SubsidyRegister.HEADER);
        wrapped.set(9, "Причитающая\nсумма");
        Batch b = read(new SubsidyRegister().title(List.of(List.of("Реестр"))).header(wrapped)
                .row(Row.of(1, APP, "Получена", "")).csv());

        assertThat(b.messages()).hasSize(1);
        assertThat(b.rejected()).isEmpty();
    }

    @Test
    void encodingsThatAreNeitherRefuseTheFile() {
        byte[] utf16 = ("\uFEFF" + "№ п/п").getBytes(StandardCharsets.UTF_16LE);
        assertThatThrownBy(() -> read(utf16)).extracting(e -> ((SourceMessageRejected) e).code()).isEqualTo(ReasonCode.BAD_ENCODING);

        byte[] broken = new SubsidyRegister().row(Row.of(1, APP, "Получена", "")).csv(StandardCharsets.UTF_8, true, ';');
        broken[broken.length - 10] = (byte) 0xFF; // never a byte of UTF-8, after a UTF-8 byte order mark
        assertThatThrownBy(() -> read(broken)).extracting(e -> ((SourceMessageRejected) e).code()).isEqualTo(ReasonCode.BAD_ENCODING);

        byte[] neither = new SubsidyRegister().row(Row.of(1, APP, "Получена", "")).csv(SubsidyRegister.WINDOWS_1251, false, ';');
        neither[neither.length - 10] = (byte) 0x98; // the one byte windows-1251 does not define
        assertThatThrownBy(() -> read(neither)).extracting(e -> ((SourceMessageRejected) e).code()).isEqualTo(ReasonCode.BAD_ENCODING);
    }

    @Test
    void aQuoteThatIsNeverClosedIsATruncatedFile() {
        byte[] csv = new SubsidyRegister().row(Row.of(1, APP, "Получена", "")).csv();
        byte[] cut = (new String(csv, StandardCharsets.UTF_8) + "2;\"15.01.2025 10:30").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> read(cut)).extracting(e -> ((SourceMessageRejected) e).code()).isEqualTo(ReasonCode.TRUNCATED);
    }

    @Test
    void aFileCutInTheMiddleOfARowLosesThatRowOnly() {
        byte[] csv = new SubsidyRegister().row(Row.of(1, APP, "Одобрена", "100")).row(Row.of(2, "25010100000002", "Одобрена", "100"))
                .csv();
        String text = new String(csv, StandardCharsets.UTF_8);
        byte[] cut = text.substring(0, text.lastIndexOf(';') + 1).getBytes(StandardCharsets.UTF_8);

        Batch b = read(cut);
        assertThat(b.messages()).hasSize(1);
        assertThat(b.rejected()).extracting(RejectedRecord::record).containsExactly("row 7");
        assertThat(b.rejected().get(0).message()).contains("column 'Район хозяйства' is missing");
    }

    @Test
    void aFileCutInsideACharacterIsTruncated() {
        for (boolean bom : new boolean[] {true, false}) {
            byte[] csv = new SubsidyRegister().row(Row.of(1, APP, "Одобрена", "100")).csv(StandardCharsets.UTF_8, bom, ';');
            byte[] cut = java.util.Arrays.copyOf(csv, csv.length - 3); // "...район" loses the second byte of its н and CRLF

            assertThatThrownBy(() -> read(cut)).hasMessageContaining("ends inside a character")
                    .extracting(e -> ((SourceMessageRejected) e).code()).isEqualTo(ReasonCode.TRUNCATED);
        }
    }

    @Test
    void hugeFilesAndTooManyRowsAreRefusedBeforeTheyAreRead() {
        SubsidyTranslator small = new SubsidyTranslator(KatoTable.bundled(), RegisterLimits.DEFAULT.withMaxFileBytes(2_000));
        SubsidyRegister register = new SubsidyRegister();
        for (int i = 1; i <= 30; i++) {
            register.row(Row.of(i, String.format("250101%08d", i), "Получена", ""));
        }
        assertThatThrownBy(() -> small.translateBatch(register.csv(), Map.of()))
                .extracting(e -> ((SourceMessageRejected) e).code()).isEqualTo(ReasonCode.TOO_LARGE);

        SubsidyTranslator fewRows = new SubsidyTranslator(KatoTable.bundled(), RegisterLimits.DEFAULT.withMaxRows(20));
        assertThatThrownBy(() -> fewRows.translateBatch(register.csv(), Map.of())).hasMessageContaining("more than 20 rows");

        byte[] huge = new byte[(int) RegisterLimits.DEFAULT.maxFileBytes() + 1];
        java.util.Arrays.fill(huge, (byte) ';');
        assertThatThrownBy(() -> translator.translateBatch(huge, Map.of()))
                .extracting(e -> ((SourceMessageRejected) e).code()).isEqualTo(ReasonCode.TOO_LARGE);
    }

    @Test
    void aFileWithNulsIsNotText() {
        String text = new String(new SubsidyRegister().row(Row.of(1, APP, "Получена", "")).csv(), StandardCharsets.UTF_8);
        byte[] csv = text.replace("2025", "20\u00005").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(csv)).hasMessageContaining("NUL");
    }

    private static String[] concat(List<String> cells, String more) {
        List<String> all = new java.util.ArrayList<>(cells);
        all.add(more);
        return all.toArray(String[]::new);
    }
}
