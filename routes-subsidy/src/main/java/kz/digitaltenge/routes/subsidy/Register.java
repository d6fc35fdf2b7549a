package kz.digitaltenge.routes.subsidy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.source.BatchTranslator;

/**
 * The register export of the subsidy system, whatever file it came in (CSV or XLSX, read into {@link Row}s by
 * {@link RegisterCsv} or {@link RegisterXlsx}): rows 1–4 a title block, the header in row 5 with the eleven columns of
 * {@link #HEADER} in that order, then one application per row. Each row becomes the {@code EVENT_OCCURRED} of the status
 * it shows, or a {@code RejectedRecord("row <n>")} naming the column that is wrong; the others go on. A file whose
 * header is not there or not these columns is refused whole.
 */
final class Register {
    /** The columns, in order, exactly as the export writes them. */
    static final List<String> HEADER = List.of("№ п/п", "Дата поступления", "Область", "Акимат", "Номер заявки",
            "Направление", "Наименование субсидирования", "Статус заявки", "Норматив", "Причитающая сумма",
            "Район хозяйства");
    static final int NO = 0;
    static final int RECEIVED = 1;
    static final int REGION = 2;
    static final int AKIMAT = 3;
    static final int NUMBER = 4;
    static final int DIRECTION = 5;
    static final int SUBSIDY = 6;
    static final int STATUS = 7;
    static final int NORMATIVE = 8;
    static final int AMOUNT_DUE = 9;
    static final int DISTRICT = 10;
    /** Where the header is in every export seen. */
    static final int HEADER_ROW = 5;
    /** How far down the header is looked for (a title block of another length still reads). */
    static final int HEADER_SEARCH = 10;

    /** One row as a spreadsheet numbers it (from 1), its cells' text (blank cells empty) and the row as text. */
    record Row(int number, List<String> cells, String text) {
        Row {
            cells = List.copyOf(cells);
        }

        boolean blank() {
            return cells.stream().allMatch(String::isBlank);
        }

        String cell(int i) {
            return i < cells.size() ? cells.get(i) : "";
        }
    }

    private final KatoTable kato;

    Register(KatoTable kato) {
        this.kato = kato;
    }

    /** The index in {@code rows} of the header row (its first cell {@code № п/п}), or -1. */
    static int headerIndex(List<Row> rows) {
        for (int i = 0; i < rows.size() && rows.get(i).number() <= HEADER_SEARCH; i++) {
            if (same(rows.get(i).cell(0), HEADER.get(0))) {
                return i;
            }
        }
        return -1;
    }

    /** The messages of the rows after the header, and the rejected rows. */
    BatchTranslator.Batch read(List<Row> rows, String file) {
        int h = headerIndex(rows);
        if (h < 0) {
            Row fifth = rows.stream().filter(r -> r.number() == HEADER_ROW).findFirst().orElse(null);
            throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "the " + file + " is not a subsidy register export:"
                    + " its header row (row " + HEADER_ROW + ", after the title block) must start with '" + HEADER.get(0)
                    + "', and no row of the first " + HEADER_SEARCH + " does" + (fifth == null ? " (it has no row "
                    + HEADER_ROW + ")" : "; row " + HEADER_ROW + " is " + Values.quote(fifth.text())));
        }
        checkHeader(rows.get(h), file);
        List<CanonicalMessage> messages = new ArrayList<>();
        List<BatchTranslator.RejectedRecord> rejected = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int data = 0;
        for (Row row : rows.subList(h + 1, rows.size())) {
            if (row.blank()) {
                continue;
            }
            data++;
            try {
                SubsidyMessages.RegisterRow r = row(row);
                Integer before = seen.putIfAbsent(r.applicationNumber(), row.number());
                if (before != null) {
                    throw new RecordProblem(ReasonCode.CONFLICT, "column '" + HEADER.get(NUMBER) + "': application "
                            + r.applicationNumber() + " is on row " + before + " already; a register lists each application once");
                }
                messages.add(r.message());
            } catch (RecordProblem p) {
                rejected.add(new BatchTranslator.RejectedRecord("row " + row.number(), p.reason(), "row " + row.number()
                        + ": " + p.getMessage(), row.text().getBytes(StandardCharsets.UTF_8)));
            }
        }
        if (data == 0) {
            throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "the " + file + " has the register's header (row "
                    + rows.get(h).number() + ") but no application rows after it");
        }
        return new BatchTranslator.Batch(messages, rejected);
    }

    private static void checkHeader(Row header, String file) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < HEADER.size(); i++) {
            if (!same(header.cell(i), HEADER.get(i))) {
                problems.add("column " + (i + 1) + " is " + Values.quote(header.cell(i)) + ", expected '" + HEADER.get(i) + "'");
            }
        }
        for (int i = HEADER.size(); i < header.cells().size(); i++) {
            if (!header.cell(i).isBlank()) {
                problems.add("column " + (i + 1) + " " + Values.quote(header.cell(i)) + " is not a column of the register");
            }
        }
        if (!problems.isEmpty()) {
            throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "the " + file + "'s header (row " + header.number()
                    + ") is not the register's " + HEADER.size() + " columns: " + String.join("; ", problems.subList(0,
                    Math.min(3, problems.size()))) + (problems.size() > 3 ? " (and " + (problems.size() - 3) + " more)" : ""));
        }
    }

    /** Header cells compare without case and blanks (a line break inside a header cell included). */
    private static boolean same(String cell, String name) {
        return squeeze(cell).equals(squeeze(name));
    }

    private static String squeeze(String s) {
        return s.replaceAll("[\\s\\u00A0\\u202F]+", "").toLowerCase(Locale.ROOT).replace('ё', 'е');
    }

    private SubsidyMessages.RegisterRow row(Row row) {
        int cells = row.cells().size();
        for (int i = HEADER.size(); i < cells; i++) {
            if (!row.cell(i).isBlank()) {
                throw new RecordProblem(ReasonCode.MALFORMED, "the row has a value in column " + (i + 1) + " (" + Values.quote(row.cell(i))
                        + "), but the register has " + HEADER.size() + " columns; is a separator inside a value that is not quoted?");
            }
        }
        Values.rowNumber(column(NO), row.cell(NO));
        java.time.Instant received = Values.registerTime(column(RECEIVED), row.cell(RECEIVED));
        String akimat = Values.text(column(AKIMAT), row.cell(AKIMAT));
        String number = Values.applicationNumber(column(NUMBER), row.cell(NUMBER));
        String direction = Values.text(column(DIRECTION), row.cell(DIRECTION));
        String subsidy = Values.text(column(SUBSIDY), row.cell(SUBSIDY));
        String statusText = Values.text(column(STATUS), row.cell(STATUS));
        ApplicationStatus status = ApplicationStatus.ofLabel(statusText).orElseThrow(() -> new RecordProblem(
                ReasonCode.SCHEMA_INVALID, column(STATUS) + " " + Values.quote(statusText) + " is not one of Получена,"
                + " Одобрена, Отклонена, Сформировано поручение, Исполнена, Отозвано"));
        long normative = Values.tenge(column(NORMATIVE), row.cell(NORMATIVE), true);
        Long due = null;
        if (status.releases()) {
            due = Values.positiveTenge(column(AMOUNT_DUE), row.cell(AMOUNT_DUE), true);
        } else if (!row.cell(AMOUNT_DUE).isBlank()) {
            due = Values.tenge(column(AMOUNT_DUE), row.cell(AMOUNT_DUE), true);
        }
        SubsidyMessages.Location location = SubsidyMessages.Location.of(kato, column(REGION), row.cell(REGION),
                column(DISTRICT), row.cell(DISTRICT));
        return new SubsidyMessages.RegisterRow(number, status, received, location, akimat, direction, subsidy, normative, due);
    }

    private static String column(int i) {
        return "column '" + HEADER.get(i) + "'";
    }

    /** The bytes as UTF-8 (after a byte order mark), strictly: BAD_ENCODING at the first byte that is not. */
    static String strictUtf8(byte[] body, String what) {
        int start = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, start, body.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, what + " is not UTF-8");
        }
    }
}
