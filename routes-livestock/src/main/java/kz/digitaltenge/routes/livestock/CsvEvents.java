package kz.digitaltenge.routes.livestock;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV side of the format: a header row naming the fields (any of {@link EventFields#CSV_COLUMNS}, {@code kind}
 * required), then one event per record; the delimiter is a comma, a semicolon (as a Russian-locale spreadsheet saves)
 * or a tab, whichever the header uses. Cells are data: a cell that starts with {@code =}, {@code +}, {@code -} or
 * {@code @} is text like any other, never a formula, and is refused where the field does not take it.
 *
 * <p>The file is first cut into records by a scan that knows RFC 4180 quoting, and each record is then read by
 * commons-csv on its own: a broken quote spoils one record, not the rest of the file (an unclosed quote runs to the
 * end of the file, which is then one truncated record).
 */
final class CsvEvents {
    private CsvEvents() {
    }

    static List<SourceRecord> records(String text, int maxRecords, int maxRecordChars) {
        char delimiter = delimiter(firstLine(text));
        List<int[]> spans = split(text, delimiter, maxRecords);
        if (spans.isEmpty()) {
            throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "the file is empty");
        }
        String headerText = slice(text, spans.get(0));
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true).setRecordSeparator("\n").get();
        List<String> header = header(headerText, format);
        List<SourceRecord> records = new ArrayList<>();
        int line = 1 + newlines(text, 0, spans.get(0)[0]);
        int lineCounted = spans.get(0)[0];
        for (int i = 1; i < spans.size(); i++) {
            int[] span = spans.get(i);
            line += newlines(text, lineCounted, span[0]);
            lineCounted = span[0];
            String recordText = slice(text, span);
            if (recordText.isBlank()) {
                continue;
            }
            String where = "line " + line;
            String original = headerText + "\n" + JsonEvents.cut(recordText, maxRecordChars);
            if (recordText.length() > maxRecordChars) {
                records.add(SourceRecord.broken(where, original, new RecordRefused(ReasonCode.TOO_LARGE,
                        "the record has " + recordText.length() + " characters, more than " + maxRecordChars)));
                continue;
            }
            records.add(record(where, original, recordText, header, format, span[1] == text.length()));
        }
        if (records.isEmpty()) {
            throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "the CSV file has a header and no events");
        }
        return records;
    }

    private static SourceRecord record(String where, String original, String recordText, List<String> header,
                                       CSVFormat format, boolean last) {
        List<String> cells;
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(recordText)).setFormat(format).get()) {
            List<CSVRecord> parsed = parser.getRecords();
            if (parsed.size() != 1) {
                return SourceRecord.broken(where, original, new RecordRefused(ReasonCode.MALFORMED,
                        "the record does not read as one CSV row"));
            }
            cells = parsed.get(0).toList();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            String message = Values.safe(e instanceof UncheckedIOException u && u.getCause() != null
                    ? u.getCause().getMessage() : e.getMessage());
            boolean eof = message.contains("EOF");
            return SourceRecord.broken(where, original, new RecordRefused(eof ? ReasonCode.TRUNCATED : ReasonCode.MALFORMED,
                    eof ? "a quoted cell is not closed before the end of the " + (last ? "file" : "record")
                            + (last ? " (the file was cut off?)" : "") : "not a CSV row: " + message));
        }
        if (cells.size() != header.size()) {
            return SourceRecord.broken(where, original, new RecordRefused(ReasonCode.SCHEMA_INVALID,
                    "the record has " + cells.size() + " cells, the header names " + header.size() + " fields"));
        }
        Map<String, String> fields = new HashMap<>();
        Set<String> present = new LinkedHashSet<>();
        for (int c = 0; c < cells.size(); c++) {
            String v = cells.get(c);
            if (v != null && !v.isEmpty()) {
                fields.put(header.get(c), v);
                present.add(header.get(c));
            }
        }
        return SourceRecord.read(where, original, new CsvFields(fields, present));
    }

    private static List<String> header(String headerText, CSVFormat format) {
        List<String> names;
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(headerText)).setFormat(format).get()) {
            names = parser.getRecords().get(0).toList();
        } catch (IOException | UncheckedIOException | IllegalStateException | IndexOutOfBoundsException e) {
            throw notEvents("its first line is not a CSV header");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : names) {
            String name = raw.strip();
            if (!EventFields.CSV_COLUMNS.contains(name)) {
                if (names.size() > EventFields.CSV_COLUMNS.size()) {
                    throw notEvents("its first line has " + names.size() + " cells, more than the format's "
                            + EventFields.CSV_COLUMNS.size() + " fields: are the line breaks missing? (curl -d removes"
                            + " them; send the file with --data-binary)");
                }
                throw notEvents("column " + Values.quote(name) + " of its header is not a field of the format"
                        + knownAs(name));
            }
            if (!seen.add(name)) {
                throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "the CSV header names column '" + name
                        + "' twice");
            }
        }
        if (!seen.contains(EventFields.KIND)) {
            throw notEvents("its header has no column 'kind'");
        }
        return List.copyOf(seen);
    }

    private static String knownAs(String name) {
        for (String known : EventFields.CSV_COLUMNS) {
            if (known.equalsIgnoreCase(name)) {
                return " (did you mean '" + known + "'? names are case-sensitive)";
            }
        }
        return " (" + String.join(", ", EventFields.CSV_COLUMNS) + ")";
    }

    private static SourceMessageRejected notEvents(String why) {
        return new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "not a file of livestock events: " + why
                + "; the format is one JSON event, JSON lines, or a CSV whose first line names the fields"
                + " (schema/livestock-event.schema.json)");
    }

    /** The delimiter the header uses: a comma, a semicolon or a tab, whichever it has most of outside quotes. */
    private static char delimiter(String header) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == ',') {
                    commas++;
                } else if (c == ';') {
                    semicolons++;
                } else if (c == '\t') {
                    tabs++;
                }
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }

    /**
     * The records of the file as [start, end) spans, end before the line break: a line break ends a record unless it is
     * inside a quoted cell (a quote opens a cell only at the cell's start, past blanks; {@code ""} inside is a quote).
     */
    static List<int[]> split(String text, char delimiter, int maxRecords) {
        List<int[]> spans = new ArrayList<>();
        int start = 0;
        boolean quoted = false;
        boolean cellStart = true;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        quoted = false;
                    }
                }
                continue;
            }
            if (c == '\n') {
                spans.add(new int[] {start, i > start && text.charAt(i - 1) == '\r' ? i - 1 : i});
                if (spans.size() > maxRecords + 1) {
                    throw new SourceMessageRejected(ReasonCode.TOO_LARGE, "the file holds more than " + maxRecords
                            + " records: split it");
                }
                start = i + 1;
                cellStart = true;
            } else if (c == '"' && cellStart) {
                quoted = true;
                cellStart = false;
            } else if (c == delimiter) {
                cellStart = true;
            } else if (c != ' ') {
                cellStart = false;
            }
        }
        if (start < n) {
            spans.add(new int[] {start, n});
        }
        // blank lines before the header are not records
        while (!spans.isEmpty() && slice(text, spans.get(0)).isBlank()) {
            spans.remove(0);
        }
        return spans;
    }

    /** The first line that is not blank: the header. */
    private static String firstLine(String text) {
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            String line = text.substring(start, end < 0 ? text.length() : end);
            if (!line.isBlank()) {
                return line;
            }
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        return "";
    }

    private static String slice(String text, int[] span) {
        return text.substring(span[0], span[1]);
    }

    private static int newlines(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** A CSV row's cells by column name; an empty cell is absent. */
    private static final class CsvFields implements RecordFields {
        private final Map<String, String> cells;
        private final Set<String> present;

        CsvFields(Map<String, String> cells, Set<String> present) {
            this.cells = cells;
            this.present = present;
        }

        @Override
        public Set<String> present() {
            return present;
        }

        @Override
        public String text(String name) {
            return cells.get(name);
        }

        @Override
        public Boolean flag(String name) {
            String v = cells.get(name);
            if (v == null) {
                return null;
            }
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new RecordRefused(ReasonCode.SCHEMA_INVALID, "field '" + name + "': "
                        + Values.quote(v) + " is not true or false");
            };
        }

        /** {@code 1:10:450000.00 2:40:85000.00}: species:heads:pricePerHead, blank-separated. */
        @Override
        public List<AgreementLine> agreement() {
            String v = cells.get(EventFields.AGREEMENT);
            if (v == null) {
                return null;
            }
            List<AgreementLine> lines = new ArrayList<>();
            String[] entries = v.strip().split(" +");
            if (entries.length > Species.values().length) {
                throw new RecordRefused(ReasonCode.SCHEMA_INVALID, "field 'agreement' has " + entries.length
                        + " entries, more than the 5 species");
            }
            for (int i = 0; i < entries.length; i++) {
                String[] parts = entries[i].split(":", -1);
                if (parts.length != 3) {
                    throw new RecordRefused(ReasonCode.SCHEMA_INVALID, "field 'agreement' entry " + (i + 1) + " "
                            + Values.quote(entries[i]) + " is not species:heads:pricePerHead (1:10:450000.00)");
                }
                lines.add(new AgreementLine(parts[0], parts[1], parts[2]));
            }
            return lines;
        }
    }
}
